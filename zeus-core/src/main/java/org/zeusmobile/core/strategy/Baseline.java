package org.zeusmobile.core.strategy;

/**
 * What a run of the device's default behaviour (every knob governed) measured: the reference the hybrid never loses
 * to. Its busy windows' cost ({@link #busy}), its power through pauses without requests ({@link #idlePowerW}), and
 * how much one window's cost varies from the next under this traffic ({@link #windowCostRelativeSd}), which no
 * profile measured window by window under the same traffic can be trusted better than; and the share of its
 * requests over the SLO ({@link #lateShare}), which an arm may match.
 */
public final class Baseline {

    private final Prediction busy;
    private final double idlePowerW;
    private final double windowCostRelativeSd;
    private final double lateShare;

    /**
     * @param busy what default measured over the windows that served requests
     * @param idlePowerW its power with no request to serve, W; NaN when unknown (then {@code busy} is the whole run's)
     * @param windowCostRelativeSd the relative standard deviation of its windows' cost; NaN when unknown
     * @param lateShare the share of its requests over the SLO; NaN when unknown
     */
    public Baseline(Prediction busy, double idlePowerW, double windowCostRelativeSd, double lateShare) {
        if (busy == null || !(busy.energyPerInferenceJ() > 0)) {
            throw new IllegalArgumentException("a baseline needs default's measured energy per inference, got " + busy);
        }
        this.busy = busy;
        this.idlePowerW = idlePowerW;
        this.windowCostRelativeSd = windowCostRelativeSd;
        this.lateShare = lateShare;
    }

    /** A baseline from default's whole run, without its idle power or its windows' spread. */
    public static Baseline of(Prediction measured) {
        return new Baseline(measured, Double.NaN, Double.NaN, Double.NaN);
    }

    public Prediction busy() {
        return busy;
    }

    public double idlePowerW() {
        return idlePowerW;
    }

    public double windowCostRelativeSd() {
        return windowCostRelativeSd;
    }

    public double lateShare() {
        return lateShare;
    }

    @Override
    public String toString() {
        return "Baseline[" + busy + ", idle " + idlePowerW + " W, window sd " + windowCostRelativeSd + ", late "
                + lateShare + "]";
    }
}
