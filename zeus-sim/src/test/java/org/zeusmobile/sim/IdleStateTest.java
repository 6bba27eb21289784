package org.zeusmobile.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.workload.Engine;

/** Idle processors: clock-gated at their voltage and temperature, then their deep state; waking costs time. */
class IdleStateTest {

    private static SimulatedDevice pinnedPhone(long gpuHz) {
        SimulatedDevice phone = SimulatedDevice.open("sim:snapdragon-8-gen-2", 0L);
        phone.setSensorNoise(false);
        Configuration c = Configuration.governed();
        for (Knob knob : phone.knobs()) {
            if (knob.unit() == Knob.Unit.HZ) {
                c = c.with(knob.name(), knob.value(knob.size() / 2));
            }
        }
        phone.apply(c.with(Knob.GPU_FREQ, gpuHz));
        phone.idleFor(20_000_000L);
        return phone;
    }

    @Test
    void anIdleGpuLeaksAtItsClocksVoltageUntilItsEntryDelayThenDrawsItsDeepPower() {
        SimulatedDevice high = pinnedPhone(680_000_000L);
        SimulatedDevice low = pinnedPhone(220_000_000L);
        for (SimulatedDevice device : new SimulatedDevice[] {high, low}) {
            device.engine(ReferenceWorkloads.computeBound(2, 512), 0).runBatch(1);
            device.idleFor(100_000L);
        }
        // 0.1 ms after the batch the GPU is clock-gated: leakage at 0.88 V vs 0.58 V (e^(4 x 0.30) = 3.3x)
        SocProfile.Processor gpu = high.profile().processor("gpu");
        double expected = gpu.leakageW(0.88, 25) - gpu.leakageW(0.58, 25);
        assertThat(high.truePowerW() - low.truePowerW()).isCloseTo(expected, within(0.15 * expected));
        // past the 0.3 ms entry delay (IFPC) both GPUs are power-collapsed and draw the same
        high.idleFor(1_000_000L);
        low.idleFor(1_000_000L);
        assertThat(high.truePowerW()).isCloseTo(low.truePowerW(), within(1e-3));
    }

    @Test
    void wakingTheHostClusterFromItsDeepStateCostsItsExitLatency() {
        SimulatedDevice phone = pinnedPhone(475_000_000L);
        Engine engine = phone.engine(ReferenceWorkloads.computeBound(2, 512), 0);
        engine.runBatch(1);
        long start = phone.clock().nanoTime();
        engine.runBatch(1);
        long backToBackNs = phone.clock().nanoTime() - start;
        phone.idleFor(100_000_000L);
        start = phone.clock().nanoTime();
        engine.runBatch(1);
        long afterIdleNs = phone.clock().nanoTime() - start;
        // back to back the host core never idles; after 100 ms it is power-collapsed and takes 0.3 ms to wake.
        // The GPU is collapsed in both cases (it idles 0.5 ms during the host's batch overhead, > its 0.3 ms IFPC delay)
        assertThat(afterIdleNs - backToBackNs).isCloseTo(300_000L, within(2_000L));
    }

    @Test
    void aPinnedHighClockCostsMoreBetweenFramesThanALowOne() {
        double[] frameEnergy = new double[2];
        long[] clocks = {680_000_000L, 220_000_000L};
        for (int i = 0; i < 2; i++) {
            SimulatedDevice phone = pinnedPhone(clocks[i]);
            Engine engine = phone.engine(ReferenceWorkloads.transformer("encoder", 384), 128);
            long start = phone.clock().nanoTime();
            double before = phone.trueEnergyJ();
            engine.runBatch(1);
            double batchJ = phone.trueEnergyJ() - before;
            phone.idleUntil(start + 33_333_333L);
            frameEnergy[i] = phone.trueEnergyJ() - before - batchJ;
        }
        // between frames only the clock-gated tails differ (the GPU collapses 0.3 ms after its last kernel)
        assertThat(frameEnergy[0]).isGreaterThan(frameEnergy[1]);
    }

    @Test
    void aReleasedKnobContinuesFromTheFrequencyItRunsNotTheLowestOne() {
        SimulatedDevice phone = SimulatedDevice.open("sim:snapdragon-8-gen-2", 0L);
        phone.apply(Configuration.governed().with(Knob.GPU_FREQ, 615_000_000L));
        phone.idleFor(10_000_000L);
        phone.apply(Configuration.governed());
        phone.idleFor(10_000_000L);
        assertThat(phone.governor(Knob.GPU_FREQ)).isEqualTo("msm-adreno-tz");
        assertThat(phone.runningFreqHz(Knob.GPU_FREQ)).isEqualTo(615_000_000L);
        assertThat(phone.current(Knob.GPU_FREQ)).isEqualTo(615_000_000L);
    }
}
