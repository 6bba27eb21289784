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
    void aMonitorSamplingDuringABatchDoesNotDisturbTheSimulation() {
        Configuration pinned = Configuration.governed().with(Knob.GPU_FREQ, 612_000_000L)
                .with("mem.emc.freq", 2_133_000_000L).with("cpu.policy0.freq", 1_497_600_000L)
                .with("cpu.policy4.freq", 1_497_600_000L);
        var workload = ReferenceWorkloads.transformer("encoder", 384);
        double[] withoutMonitor = runPinned(pinned, workload, false);
        double[] withMonitor = runPinned(pinned, workload, true);
        assertThat(withMonitor[0]).isEqualTo(withoutMonitor[0]);
        assertThat(withMonitor[1]).isCloseTo(withoutMonitor[1], within(1e-9));
        SteadyState predicted = SimulatedDevice.open("sim:jetson-orin-nano", 0L).steadyState(pinned,
                workload.profile(1, 128), 25);
        assertThat(withMonitor[0] * 1e-9 / 50).isCloseTo(predicted.latencyS(), within(predicted.latencyS() * 0.001));
    }

    private static double[] runPinned(Configuration pinned, org.zeusmobile.core.workload.ModelProfiler model,
            boolean monitored) {
        SimulatedDevice device = SimulatedDevice.open("sim:jetson-orin-nano", 0L);
        device.apply(pinned);
        device.idleFor(10_000_000L);
        Monitor monitor = monitored ? Monitor.forDevice(device, new Monitor.Options()) : null;
        Engine engine = device.engine(model, 128);
        // the first batch wakes the rail-gated GPU (its exit latency); steady state is what follows
        engine.runBatch(1);
        long start = device.clock().nanoTime();
        double e0 = device.trueEnergyJ();
        for (int i = 0; i < 50; i++) {
            engine.runBatch(1);
        }
        double[] result = {device.clock().nanoTime() - start, device.trueEnergyJ() - e0};
        if (monitor != null) {
            monitor.close();
        }
        return result;
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
    void wrappingEnergyCounterWrapsAndTheMonitorCountsEveryWrap(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root;
        try (var in = ProfileLoader.class.getResourceAsStream("/profiles/jetson-orin-nano.json")) {
            root = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(in);
        }
        var rail = (com.fasterxml.jackson.databind.node.ObjectNode) root.get("sensors").get(0);
        rail.put("type", "energy");
        rail.set("resolution", mapper.readTree("{\"value\": 1, \"unit\": \"mJ\", \"source\": \"test\"}"));
        rail.set("wrap", mapper.readTree("{\"value\": 2, \"unit\": \"J\", \"source\": \"test\"}"));
        java.nio.file.Path file = dir.resolve("wrapping.json");
        java.nio.file.Files.write(file, mapper.writeValueAsBytes(root));

        SimulatedDevice device = SimulatedDevice.open("sim:file=" + file, 0L);
        device.setSensorNoise(false);
        EnergyMeter counter = device.energyMeters().get(0);
        assertThat(counter.wrapRangeJ()).isEqualTo(2.0);
        Engine engine = device.engine(ReferenceWorkloads.transformer("encoder", 384), 128);
        try (Monitor monitor = Monitor.forDevice(device, new Monitor.Options())) {
            double trueStart = device.trueEnergyJ();
            monitor.begin("run");
            for (int i = 0; i < 1000; i++) {
                engine.runBatch(1);
                assertThat(counter.readJ()).isLessThan(2.0);
            }
            Measurement m = monitor.end("run");
            double trueJ = device.trueEnergyJ() - trueStart;
            assertThat(trueJ).as("several wraps").isGreaterThan(8);
            assertThat(m.energyJ("total")).isCloseTo(trueJ, within(0.01 * trueJ));
        }
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
