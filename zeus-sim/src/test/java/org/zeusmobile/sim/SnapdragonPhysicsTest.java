package org.zeusmobile.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.device.ThermalSensor;
import org.zeusmobile.core.workload.Engine;
import org.zeusmobile.core.workload.ModelProfiler;

/** The physics the "Done when" asks for, on snapdragon-8-gen-2, with numbers. */
class SnapdragonPhysicsTest {

    private static final String PHONE = "sim:snapdragon-8-gen-2";

    private static SimulatedDevice phone() {
        SimulatedDevice device = SimulatedDevice.open(PHONE, 1L);
        device.setSensorNoise(false);
        return device;
    }

    /** Every knob but gpu.freq pinned mid-range, so only the GPU clock moves. */
    private static Configuration fixedExceptGpu(SimulatedDevice device) {
        Configuration c = Configuration.governed();
        for (Knob knob : device.knobs()) {
            if (!knob.name().equals(Knob.GPU_FREQ)) {
                c = c.with(knob.name(), knob.value(knob.size() / 2));
            }
        }
        return c;
    }

    /** Runs {@code batches} batches and returns {latency s, true energy J} per batch, after actuation settles. */
    private static double[] measure(SimulatedDevice device, Engine engine, int batches) {
        device.idleFor(20_000_000L);
        long start = device.clock().nanoTime();
        double energy = device.trueEnergyJ();
        for (int i = 0; i < batches; i++) {
            engine.runBatch(1);
        }
        return new double[] {(device.clock().nanoTime() - start) * 1e-9 / batches,
            (device.trueEnergyJ() - energy) / batches};
    }

    @Test
    void computeBoundEnergyPerInferenceHasItsMinimumStrictlyInsideTheGpuFrequencyRange() {
        ModelProfiler gemms = ReferenceWorkloads.computeBound(10, 1024);
        List<Long> freqs = phone().knob(Knob.GPU_FREQ).values();
        double[] energyJ = new double[freqs.size()];
        for (int i = 0; i < freqs.size(); i++) {
            SimulatedDevice device = phone();
            device.apply(fixedExceptGpu(device).with(Knob.GPU_FREQ, freqs.get(i)));
            energyJ[i] = measure(device, device.engine(gemms, 0), 5)[1];
        }
        int best = 0;
        for (int i = 1; i < energyJ.length; i++) {
            if (energyJ[i] < energyJ[best]) {
                best = i;
            }
        }
        assertThat(best).as("argmin over %s MHz of %s J", freqs, java.util.Arrays.toString(energyJ))
                .isGreaterThan(0).isLessThan(freqs.size() - 1);
        // a real interior optimum, not a flat floor: both ends cost clearly more
        assertThat(energyJ[0]).isGreaterThan(1.05 * energyJ[best]);
        assertThat(energyJ[freqs.size() - 1]).isGreaterThan(1.15 * energyJ[best]);
        // on this profile the optimum sits at 348-475 MHz
        assertThat(freqs.get(best)).isBetween(348_000_000L, 475_000_000L);
    }

    @Test
    void memoryBoundWorkloadCaresAboutTheBusClockNotTheCoreClock() {
        ModelProfiler streams = ReferenceWorkloads.memoryBound(10, 64);
        SimulatedDevice device = phone();
        Knob gpu = device.knob(Knob.GPU_FREQ);
        Knob ddr = device.knob("mem.ddr.freq");
        Configuration fast = Configuration.governed().with(Knob.GPU_FREQ, gpu.max()).with(ddr.name(), ddr.max());
        device.apply(fast);
        double fastS = measure(device, device.engine(streams, 0), 3)[0];
        device.apply(fast.with(Knob.GPU_FREQ, gpu.min()));
        double slowCoreS = measure(device, device.engine(streams, 0), 3)[0];
        device.apply(fast.with(ddr.name(), ddr.min()));
        double slowBusS = measure(device, device.engine(streams, 0), 3)[0];

        assertThat(slowCoreS / fastS).as("GPU clock 680 -> 220 MHz").isLessThan(1.05);
        assertThat(slowBusS / fastS).as("DDR clock 4224 -> 547 MHz").isGreaterThan(3.0);
    }

    @Test
    void sustainedMaximumFrequencyLoadThrottlesWithinMinutes() {
        SimulatedDevice device = phone();
        Configuration max = Configuration.governed();
        for (Knob knob : device.knobs()) {
            max = max.with(knob.name(), knob.name().endsWith(".freq") ? knob.max() : knob.min());
        }
        device.apply(max);
        Engine engine = device.engine(ReferenceWorkloads.computeBound(10, 1024), 0);
        while (!device.throttled() && device.clock().nanoTime() < 900e9) {
            engine.runBatch(1);
        }
        double throttledAtS = device.clock().nanoTime() * 1e-9;
        assertThat(throttledAtS).as("throttling onset, s").isBetween(60.0, 600.0);
        assertThat(device.hottestTemperatureC()).isGreaterThan(device.throttleTemperatureC());
        device.idleFor(10_000_000L);
        assertThat(device.runningFreqHz(Knob.GPU_FREQ)).as("firmware caps the pinned GPU clock")
                .isLessThan(device.knob(Knob.GPU_FREQ).max());
        assertThat(device.current(Knob.GPU_FREQ)).as("cur_freq reads the capped value")
                .isLessThan(device.knob(Knob.GPU_FREQ).max());
    }

    @Test
    void eachThermalSensorReportsTheTripPointsOfItsNode() {
        Map<String, double[]> trips = new HashMap<>();
        for (ThermalSensor sensor : phone().thermalSensors()) {
            trips.put(sensor.name(), sensor.tripPointsC());
        }
        // snapdragon-8-gen-2.json: two mitigation steps on the package, the GPU junction limit.
        assertThat(trips.get("soc")).containsExactly(52.0, 58.0);
        assertThat(trips.get("gpu")).containsExactly(95.0);
        assertThat(trips.get("cpu")).isEmpty();
    }

    @Test
    void periodicLoadAt30HzSpendsEnergyIdlingBetweenFrames() {
        SimulatedDevice device = phone();
        Engine engine = device.engine(ReferenceWorkloads.transformer("encoder", 384), 128);
        long frameNs = 33_333_333L;
        double busyJ = 0;
        double idleJ = 0;
        long idleNs = 0;
        for (int frame = 0; frame < 300; frame++) {
            long start = device.clock().nanoTime();
            double e0 = device.trueEnergyJ();
            engine.runBatch(1);
            double e1 = device.trueEnergyJ();
            long end = device.clock().nanoTime();
            assertThat(end - start).as("frame %d fits its period", frame).isLessThan(frameNs);
            engine.idleUntil(start + frameNs);
            if (frame >= 100) {
                busyJ += e1 - e0;
                idleJ += device.trueEnergyJ() - e1;
                idleNs += start + frameNs - end;
            }
        }
        double idleShare = idleJ / (busyJ + idleJ);
        assertThat(idleShare).as("share of energy spent idling between frames").isBetween(0.2, 0.8);
        double idlePowerW = idleJ / (idleNs * 1e-9);
        assertThat(idlePowerW).as("power between frames, W").isBetween(0.4, 1.5);
    }

    @Test
    void leakageRisesWithTemperatureSoHotChipsSpendMore() {
        SimulatedDevice device = phone();
        Configuration c = fixedExceptGpu(device).with(Knob.GPU_FREQ, 680_000_000L);
        var workload = ReferenceWorkloads.computeBound(10, 1024).profile(1, 0);
        SteadyState cold = device.steadyState(c, workload, 25);
        SteadyState hot = device.steadyState(c, workload, 80);
        assertThat(hot.latencyS()).isEqualTo(cold.latencyS());
        assertThat(hot.energyJ() / cold.energyJ()).isBetween(1.05, 2.0);
        assertThat(device.idlePowerW(c, 25)).isLessThan(cold.averagePowerW());
    }

    @Test
    void steadyStateAgreesWithTheSimulatedRun() {
        SimulatedDevice device = phone();
        Configuration c = fixedExceptGpu(device).with(Knob.GPU_FREQ, 475_000_000L);
        ModelProfiler model = ReferenceWorkloads.transformer("encoder", 384);
        device.apply(c);
        Engine engine = device.engine(model, 128);
        measure(device, engine, 1);
        // the steady state is a batch run back to back: the second batch starts from the first one's idle states
        // (after the 20 ms idle of measure(), the first pays the host core's and the GPU's wake-up)
        long start = device.clock().nanoTime();
        double energy = device.trueEnergyJ();
        engine.runBatch(1);
        double[] run = {(device.clock().nanoTime() - start) * 1e-9, device.trueEnergyJ() - energy};
        SteadyState predicted = device.steadyState(c, model.profile(1, 128), 25);
        assertThat(run[0]).isCloseTo(predicted.latencyS(), within(predicted.latencyS() * 0.001));
        assertThat(run[1]).isCloseTo(predicted.energyJ(), within(predicted.energyJ() * 0.01));
        double before = device.trueEnergyJ();
        device.steadyState(c, model.profile(4, 128), 60);
        assertThat(device.trueEnergyJ()).as("steady state has no side effect").isEqualTo(before);
    }

    @Test
    void frequencyChangesTakeEffectAfterTheActuationDelayAndCostEnergy() {
        SimulatedDevice device = phone();
        device.apply(Configuration.governed().with(Knob.GPU_FREQ, 680_000_000L));
        assertThat(device.current(Knob.GPU_FREQ)).isEqualTo(680_000_000L);
        assertThat(device.runningFreqHz(Knob.GPU_FREQ)).as("not yet switched").isEqualTo(220_000_000L);
        double idleW = device.truePowerW();
        double before = device.trueEnergyJ();
        device.idleFor(3_000_000L);
        assertThat(device.runningFreqHz(Knob.GPU_FREQ)).isEqualTo(220_000_000L);
        device.idleFor(2_000_000L);
        assertThat(device.runningFreqHz(Knob.GPU_FREQ)).as("switched after the 4 ms delay").isEqualTo(680_000_000L);
        double extraJ = device.trueEnergyJ() - before - idleW * 5e-3;
        assertThat(extraJ).as("switch energy").isCloseTo(50e-6, within(5e-6));
    }

    @Test
    void defaultGovernorsFollowTheLoad() {
        SimulatedDevice device = phone();
        assertThat(device.governor(Knob.GPU_FREQ)).isEqualTo("msm-adreno-tz");
        // SM8550 phones run walt on their CPU clusters (init.kernel.post_boot-kalama*.sh)
        assertThat(device.governor("cpu.policy7.freq")).isEqualTo("walt");
        assertThat(device.governor("mem.ddr.freq")).isEqualTo("bw_hwmon");
        assertThat(device.governor(Knob.BATCH)).isNull();
        // back-to-back GPU work: busy 100% -> msm-adreno-tz climbs to the top level
        Engine gemms = device.engine(ReferenceWorkloads.computeBound(10, 1024), 0);
        while (device.clock().nanoTime() < 2e9) {
            gemms.runBatch(1);
        }
        assertThat(device.current(Knob.GPU_FREQ)).isEqualTo(680_000_000L);
        // memory streams: bwmon votes the DDR up to its max_freq (2736 MHz in SM8550's post-boot script)
        Engine streams = device.engine(ReferenceWorkloads.memoryBound(10, 64), 0);
        streams.runBatch(4);
        assertThat(device.current("mem.ddr.freq")).isEqualTo(2_736_000_000L);
        // idle: everything decays back down
        device.idleFor(5_000_000_000L);
        assertThat(device.current(Knob.GPU_FREQ)).isEqualTo(220_000_000L);
        assertThat(device.current("mem.ddr.freq")).isEqualTo(547_200_000L);
        // walt never goes below scaling_min_freq (748.8 MHz on the prime core, the next OPP up is 864 MHz)
        assertThat(device.current("cpu.policy7.freq")).isEqualTo(864_000_000L);
        // a CPU-bound loop on the prime core: schedutil raises its clock
        device.apply(Configuration.governed().with(Knob.THREADS, 1));
        Engine cpuLoop = device.engine(new CpuModel(), 0);
        long until = device.clock().nanoTime() + 1_000_000_000L;
        while (device.clock().nanoTime() < until) {
            cpuLoop.runBatch(1);
        }
        assertThat(device.current("cpu.policy7.freq")).isEqualTo(3_187_200_000L);
        assertThat(device.governor("cpu.policy7.freq")).isEqualTo("walt");
    }

    @Test
    void backgroundLoadSlowsOperatorsAndCostsPower() {
        SimulatedDevice device = phone();
        Configuration c = fixedExceptGpu(device).with(Knob.GPU_FREQ, 475_000_000L);
        var workload = ReferenceWorkloads.computeBound(10, 1024).profile(1, 0);
        SteadyState alone = device.steadyState(c, workload, 25);
        double idleAlone = device.idlePowerW(c, 25);
        device.setBackgroundLoad("gpu", 0.5);
        SteadyState shared = device.steadyState(c, workload, 25);
        // the GPU kernels take twice as long; the host's batch overhead and the GPU's wake-up do not
        assertThat(shared.latencyS() / alone.latencyS()).isBetween(1.9, 2.0);
        device.setBackgroundLoad("gpu", 0);
        device.setBackgroundLoad("cpu", 0.3);
        assertThat(device.idlePowerW(c, 25)).isGreaterThan(idleAlone);
    }

    @Test
    void scheduledInterferenceStartsMidRunAndSeededPhasesAreReproducible() {
        SimulatedDevice device = phone();
        device.apply(fixedExceptGpu(device).with(Knob.GPU_FREQ, 475_000_000L));
        Engine engine = device.engine(ReferenceWorkloads.computeBound(10, 1024), 0);
        double alone = measure(device, engine, 2)[0];
        device.scheduleBackgroundLoad(device.clock().nanoTime() + 10_000_000L, "gpu", 0.5);
        device.idleFor(20_000_000L);
        double shared = measure(device, engine, 2)[0];
        assertThat(shared / alone).as("kernels twice as long, host overhead unchanged").isBetween(1.9, 2.0);

        assertThat(interferedRun(9L)).isEqualTo(interferedRun(9L)).isNotEqualTo(interferedRun(10L));
    }

    private static double interferedRun(long seed) {
        SimulatedDevice device = phone();
        assertThat(device.randomBackgroundLoad(seed, 20_000_000_000L, 1.0, 0.6)).isGreaterThan(5);
        Engine engine = device.engine(ReferenceWorkloads.transformer("encoder", 384), 128);
        while (device.clock().nanoTime() < 20e9) {
            engine.runBatch(1);
        }
        return device.trueEnergyJ();
    }

    @Test
    void longerInputsTakeLonger() {
        SimulatedDevice device = phone();
        device.apply(fixedExceptGpu(device).with(Knob.GPU_FREQ, 475_000_000L));
        SimEngine engine = device.engine(ReferenceWorkloads.transformer("encoder", 384), 64);
        double short64 = measure(device, engine, 2)[0];
        engine.setInputSize(256);
        double long256 = measure(device, engine, 2)[0];
        assertThat(long256 / short64).isBetween(2.0, 8.0);
    }

    @Test
    void configurationSpaceIsLargeEnoughToOptimise() {
        SimulatedDevice device = phone();
        double size = 1;
        for (Knob knob : device.knobs()) {
            size *= knob.size();
        }
        assertThat(size).isGreaterThanOrEqualTo(500);
        List<String> names = new ArrayList<>();
        for (Knob knob : device.knobs()) {
            names.add(knob.name());
        }
        assertThat(names).containsExactly("cpu.policy0.freq", "cpu.policy3.freq", "cpu.policy7.freq", "gpu.freq",
                "mem.ddr.freq", "batch", "threads");
    }

    /** One CPU-bound operator on whichever cluster the device picks for "cpu" (the prime core with one thread). */
    private static final class CpuModel implements ModelProfiler {
        @Override
        public String model() {
            return "cpu-loop";
        }

        @Override
        public String modelHash() {
            return "cpu-loop";
        }

        @Override
        public org.zeusmobile.core.workload.WorkloadProfile profile(int batch, int sequenceLength) {
            return new org.zeusmobile.core.workload.WorkloadProfile("cpu-loop", batch, sequenceLength, List.of(
                    new org.zeusmobile.core.workload.OperatorProfile("loop", "MatMul",
                            org.zeusmobile.core.workload.OperatorClass.MATMUL_CONV, 2e8 * batch, 1e4, 1e4, "cpu")));
        }
    }
}
