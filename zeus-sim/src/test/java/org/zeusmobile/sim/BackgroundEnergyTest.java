package org.zeusmobile.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.workload.Engine;

/**
 * {@link SimulatedDevice#trueBackgroundEnergyJ()}: the marginal energy of another app's activity, so that whole-device
 * energy minus it is what the device would have used over the same time without that app.
 */
class BackgroundEnergyTest {

    private static final long RUN_NS = 2_000_000_000L;

    /** Every frequency pinned mid-range, so governors cannot react to the background load. */
    private static SimulatedDevice pinnedPhone() {
        SimulatedDevice device = SimulatedDevice.open("sim:snapdragon-8-gen-2", 1L);
        Configuration c = Configuration.governed();
        for (Knob knob : device.knobs()) {
            if (knob.unit() == Knob.Unit.HZ) {
                c = c.with(knob.name(), knob.value(knob.size() / 2));
            }
        }
        device.apply(c);
        device.idleFor(20_000_000L);
        return device;
    }

    /** Runs {@code batches} GPU batches, then idles until {@link #RUN_NS} after the start; returns {total, background} J. */
    private static double[] run(SimulatedDevice device, int batches) {
        Engine engine = device.engine(ReferenceWorkloads.computeBound(10, 1024), 0);
        long start = device.clock().nanoTime();
        double totalJ = device.trueEnergyJ();
        double backgroundJ = device.trueBackgroundEnergyJ();
        for (int i = 0; i < batches; i++) {
            engine.runBatch(1);
        }
        engine.idleUntil(start + RUN_NS);
        return new double[] {device.trueEnergyJ() - totalJ, device.trueBackgroundEnergyJ() - backgroundJ};
    }

    @Test
    void withoutBackgroundLoadNoEnergyIsTheBackgrounds() {
        SimulatedDevice device = pinnedPhone();
        assertThat(run(device, 20)[1]).isZero();
    }

    @Test
    void backgroundOnAClusterWeDoNotUseIsExactlyTheEnergyItAdds() {
        SimulatedDevice quiet = pinnedPhone();
        SimulatedDevice busy = pinnedPhone();
        busy.setBackgroundLoad("policy0", 0.5);
        double[] alone = run(quiet, 20);
        double[] shared = run(busy, 20);
        assertThat(shared[1]).as("background energy, J").isGreaterThan(0.05);
        // the background's heat raises leakage elsewhere a little: that part is not counted as its own
        assertThat(shared[0] - shared[1]).isCloseTo(alone[0], within(0.005 * shared[1]));
    }

    @Test
    void backgroundSharingOurGpuIsChargedItsHalfOfTheGpuAndWeKeepOnlyOurLongerWait() {
        SimulatedDevice quiet = pinnedPhone();
        SimulatedDevice busy = pinnedPhone();
        busy.setBackgroundLoad("gpu", 0.5);
        double[] alone = run(quiet, 20);
        double[] shared = run(busy, 20);
        assertThat(shared[1]).as("background energy, J").isGreaterThan(0.5);
        // our 20 batches take twice as long on the shared GPU. The background is charged its half of the GPU's time
        // (against the deep idle the GPU would have reached without it); what is left is what we spent alone, plus
        // only the indirect cost of our longer wait: the host core and the memory vote held while the GPU is slower
        double ours = shared[0] - shared[1];
        assertThat(ours).isGreaterThan(alone[0]).isLessThan(alone[0] * 1.02);
    }
}
