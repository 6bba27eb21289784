package org.zeusmobile.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.workload.ModelProfiler;
import org.zeusmobile.core.workload.OperatorClass;
import org.zeusmobile.core.workload.OperatorProfile;
import org.zeusmobile.core.workload.WorkloadProfile;

/**
 * snapdragon-855's CPU power against freqbench's measured single-core power (DESIGN.md section 5),
 * measured the way freqbench does: one core busy on a compute loop at a pinned frequency, minus
 * the idle power of the device at the same settings. Each point must come out within 15%.
 */
class FreqbenchCalibrationTest {

    @ParameterizedTest(name = "{0} at {1} kHz: {2} mW")
    @CsvSource({
        "policy0, 300000, 52.4",
        "policy0, 1708800, 137.0",
        "policy4, 1401600, 310.8",
        "policy4, 2419200, 845.2",
        "policy7, 1804800, 446.0",
        "policy7, 2841600, 1091.6"})
    void singleCorePowerMatchesFreqbench(String policy, long freqKhz, double freqbenchMw) {
        SimulatedDevice device = SimulatedDevice.open("sim:snapdragon-855", 0L);
        Configuration pinned = Configuration.governed().with(Knob.THREADS, 1);
        for (Knob knob : device.knobs()) {
            if (knob.unit() == Knob.Unit.HZ) {
                pinned = pinned.with(knob.name(), knob.min());
            }
        }
        pinned = pinned.with("cpu." + policy + ".freq", freqKhz * 1000);
        device.apply(pinned);
        device.idleFor(20_000_000L);

        double idleStartJ = device.trueEnergyJ();
        device.idleFor(1_000_000_000L);
        double idleW = device.trueEnergyJ() - idleStartJ;

        // one second of a compute loop on one core of the cluster (freqbench runs CoreMark)
        double flopsPerSecond = device.profile().processor(policy).flopsPerCycle[OperatorClass.MATMUL_CONV.ordinal()]
                * freqKhz * 1000;
        ModelProfiler loop = loopOn(policy, flopsPerSecond);
        long start = device.clock().nanoTime();
        double busyStartJ = device.trueEnergyJ();
        device.engine(loop, 0).runBatch(1);
        double busyS = (device.clock().nanoTime() - start) * 1e-9;
        double busyW = (device.trueEnergyJ() - busyStartJ) / busyS;

        double coreMw = (busyW - idleW) * 1e3;
        assertThat(busyS).isBetween(1.0, 1.01);
        assertThat(coreMw).as("%s at %d kHz vs freqbench %.1f mW", policy, freqKhz, freqbenchMw)
                .isBetween(freqbenchMw * 0.85, freqbenchMw * 1.15);
    }

    private static ModelProfiler loopOn(String policy, double flops) {
        return new ModelProfiler() {
            @Override
            public String model() {
                return "coremark-like";
            }

            @Override
            public String modelHash() {
                return "loop";
            }

            @Override
            public WorkloadProfile profile(int batch, int sequenceLength) {
                return new WorkloadProfile("loop", batch, sequenceLength, List.of(new OperatorProfile("loop", "Loop",
                        OperatorClass.MATMUL_CONV, flops, 0, 0, policy)));
            }
        };
    }
}
