package org.zeusmobile.sim;

import java.util.Locale;

/**
 * The noise-free cost of one batch at a fixed configuration and temperature, as the oracle sees it:
 * {@link SimulatedDevice#steadyState} computes it without touching the device.
 */
public final class SteadyState {

    private final int batch;
    private final double latencyS;
    private final double energyJ;

    SteadyState(int batch, double latencyS, double energyJ) {
        this.batch = batch;
        this.latencyS = latencyS;
        this.energyJ = energyJ;
    }

    /** Inferences in the batch. */
    public int batch() {
        return batch;
    }

    /** Time from the start to the end of the batch, s. */
    public double latencyS() {
        return latencyS;
    }

    /** Energy of the whole device during the batch, J. */
    public double energyJ() {
        return energyJ;
    }

    /** Average power of the whole device while the batch runs, W. */
    public double averagePowerW() {
        return energyJ / latencyS;
    }

    public double energyPerInferenceJ() {
        return energyJ / batch;
    }

    public double latencyPerInferenceS() {
        return latencyS / batch;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "batch %d: %.3f ms, %.3f mJ, %.3f W", batch, latencyS * 1e3, energyJ * 1e3,
                averagePowerW());
    }
}
