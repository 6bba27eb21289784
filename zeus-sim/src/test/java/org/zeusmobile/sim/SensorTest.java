package org.zeusmobile.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.measure.EnergyMeter;
import org.zeusmobile.core.measure.Measurement;
import org.zeusmobile.core.measure.Monitor;
import org.zeusmobile.core.measure.PowerMeter;
import org.zeusmobile.core.workload.Engine;

/** Sensors derived from the true power, with the profile's resolution, update period and noise. */
class SensorTest {

    @Test
    void phoneFuelGaugeIsCoarseAndSlowButTracksTrueEnergyOverLongWindows() {
        SimulatedDevice device = SimulatedDevice.open("sim:snapdragon-8-gen-2", 3L);
        EnergyMeter gauge = device.energyMeters().get(0);
        assertThat(gauge.domain()).isEqualTo("total");
        assertThat(gauge.updatePeriodNs()).isEqualTo(1_000_000_000L);
        assertThat(gauge.resolutionJ()).isCloseTo(0.0139, within(1e-6));
        assertThat(device.powerMeters()).isEmpty();

        Engine engine = device.engine(ReferenceWorkloads.transformer("encoder", 384), 128);
        double before = gauge.readJ();
        engine.runBatch(1);
        assertThat(gauge.readJ()).as("one 13 ms batch: the gauge has not updated").isEqualTo(before);

        double trueStart = device.trueEnergyJ();
        double gaugeStart = gauge.readJ();
        long end = device.clock().nanoTime() + 60_000_000_000L;
        while (device.clock().nanoTime() < end) {
            long start = device.clock().nanoTime();
            engine.runBatch(1);
            engine.idleUntil(start + 33_333_333L);
        }
        double trueJ = device.trueEnergyJ() - trueStart;
        double gaugeJ = gauge.readJ() - gaugeStart;
        // a minute of 30 Hz inference: within a few percent (noise averages out, at most one update period lags)
        assertThat(gaugeJ).isCloseTo(trueJ, within(trueJ * 0.05));
        assertThat(gaugeJ).isNotEqualTo(trueJ);
        assertThat(gaugeJ / gauge.resolutionJ()).as("whole counts").isCloseTo(Math.rint(gaugeJ / gauge.resolutionJ()),
                within(1e-6));
    }

    @Test
    void withoutNoiseTheCounterIsTheTrueEnergyQuantisedAtUpdates() {
        SimulatedDevice device = SimulatedDevice.open("sim:snapdragon-855", 0L);
        device.setSensorNoise(false);
        EnergyMeter gauge = device.energyMeters().get(0);
        device.idleFor(10_500_000_000L);
        // at t = 10.5 s the gauge shows the energy up to t = 10 s, floored to whole counts
        double trueAt10 = 10 * device.idlePowerW(Configuration.governed(), 25);
        assertThat(gauge.readJ()).isCloseTo(trueAt10, within(gauge.resolutionJ()));
        assertThat(gauge.readJ()).isLessThanOrEqualTo(device.trueEnergyJ());
    }

    @Test
    void jetsonRailsGiveEachDomainItsOwnPowerAndTheMonitorIntegratesThem() {
        SimulatedDevice device = SimulatedDevice.open("sim:jetson-orin-nano", 5L);
        List<String> domains = new ArrayList<>();
        for (PowerMeter rail : device.powerMeters()) {
            domains.add(rail.domain());
        }
        assertThat(domains).containsExactly("total", "cpu_gpu", "soc");
        device.apply(Configuration.governed().with(Knob.GPU_FREQ, 1_020_000_000L));
        Engine engine = device.engine(ReferenceWorkloads.transformer("encoder", 384), 128);
        try (Monitor monitor = Monitor.forDevice(device, new Monitor.Options())) {
            device.idleFor(10_000_000L);
            double trueStart = device.trueEnergyJ();
            monitor.begin("run");
            for (int i = 0; i < 400; i++) {
                engine.runBatch(1);
            }
            Measurement m = monitor.end("run");
            double trueJ = device.trueEnergyJ() - trueStart;
            assertThat(m.energyJ("total")).isCloseTo(trueJ, within(trueJ * 0.03));
            assertThat(m.energyJ("cpu_gpu")).isBetween(0.2 * trueJ, 0.8 * trueJ);
            assertThat(m.energyJ("soc")).isPositive().isLessThan(m.energyJ("cpu_gpu"));
        }
    }

    @Test
    void sameSeedSameReadingsOtherSeedOtherNoise() {
        assertThat(readings(11L)).isEqualTo(readings(11L));
        assertThat(readings(12L)).isNotEqualTo(readings(11L));
    }

    private static List<Double> readings(long seed) {
        SimulatedDevice device = SimulatedDevice.open("sim:jetson-tx2", seed);
        Engine engine = device.engine(ReferenceWorkloads.transformer("encoder", 256), 64);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            engine.runBatch(2);
            for (PowerMeter rail : device.powerMeters()) {
                values.add(rail.readW());
            }
        }
        values.add(device.trueEnergyJ());
        return values;
    }

    @Test
    void thermalSensorsWarmUnderLoad() {
        SimulatedDevice device = SimulatedDevice.open("sim:jetson-tx2", 0L);
        double cold = device.thermalSensors().get(1).readCelsius();
        assertThat(device.thermalSensors().get(1).name()).isEqualTo("gpu");
        device.apply(Configuration.governed().with(Knob.GPU_FREQ, 1_300_500_000L));
        Engine engine = device.engine(ReferenceWorkloads.computeBound(10, 1024), 0);
        while (device.clock().nanoTime() < 30e9) {
            engine.runBatch(1);
        }
        assertThat(device.thermalSensors().get(1).readCelsius()).isGreaterThan(cold + 5);
        assertThat(device.hottestTemperatureC()).isGreaterThanOrEqualTo(device.thermalSensors().get(1).readCelsius());
    }
}
