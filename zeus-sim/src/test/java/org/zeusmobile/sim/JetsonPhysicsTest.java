package org.zeusmobile.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.workload.WorkloadProfile;

/** The Jetson profiles against the facts of DESIGN.md section 5. */
class JetsonPhysicsTest {

    @Test
    void orinNanoEmc2133To3199ChangesTransformerLatencyWithinPolyThrottlesBand() {
        // PolyThrottle: EMC 2133 -> 3199 MHz changed median latency by 11 to 48% (models at full GPU clock). With the
        // MAXN SUPER bandwidth (102 GB/s peak) the reference transformer is compute-bound at its larger shapes: those
        // gain a few percent, its weight-bound shape (batch 1, 32 tokens) lands inside the band, none above it.
        SimulatedDevice orin = SimulatedDevice.open("sim:jetson-orin-nano", 0L);
        Configuration top = Configuration.governed().with(Knob.GPU_FREQ, 1_020_000_000L);
        List<Double> changes = new ArrayList<>();
        for (int batch : new int[] {1, 4, 16}) {
            for (int tokens : new int[] {32, 128}) {
                WorkloadProfile w = ReferenceWorkloads.transformer("encoder", 384).profile(batch, tokens);
                double slow = orin.steadyState(top.with("mem.emc.freq", 2_133_000_000L), w, 25).latencyS();
                double fast = orin.steadyState(top.with("mem.emc.freq", 3_199_000_000L), w, 25).latencyS();
                changes.add(slow / fast - 1);
            }
        }
        assertThat(changes).allSatisfy(change -> assertThat(change).isBetween(0.02, 0.48));
        assertThat(changes).anySatisfy(change -> assertThat(change).isBetween(0.11, 0.48));
    }

    @Test
    void tx2IsA15WattModuleWithAnInteriorEnergyOptimumOverItsThirteenGpuSteps() {
        SimulatedDevice tx2 = SimulatedDevice.open("sim:jetson-tx2", 0L);
        assertThat(tx2.maxPowerW()).isBetween(12.0, 20.0);
        Knob gpu = tx2.knob(Knob.GPU_FREQ);
        assertThat(gpu.size()).isEqualTo(13);
        WorkloadProfile w = ReferenceWorkloads.transformer("encoder", 384).profile(4, 128);
        int best = 0;
        double bestJ = Double.POSITIVE_INFINITY;
        for (int i = 0; i < gpu.size(); i++) {
            double energyJ = tx2.steadyState(Configuration.governed().with(Knob.GPU_FREQ, gpu.value(i)), w, 25).energyJ();
            if (energyJ < bestJ) {
                bestJ = energyJ;
                best = i;
            }
        }
        assertThat(best).isStrictlyBetween(0, gpu.size() - 1);
        double maxJ = tx2.steadyState(Configuration.governed().with(Knob.GPU_FREQ, gpu.max()), w, 25).energyJ();
        // PolyThrottle reports up to 36% inference energy saved on Jetson; a GPU clock alone gives part of it
        assertThat(1 - bestJ / maxJ).isBetween(0.05, 0.36);
    }
}
