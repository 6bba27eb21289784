package org.zeusmobile.core.strategy;

/**
 * Two-sided CUSUM change-point test on standardised residuals (Page 1954): it accumulates
 * {@code S+ = max(0, S+ + z - k)} and {@code S- = max(0, S- - z - k)} and fires when either exceeds
 * {@code h}. With {@code k} half the shift to detect (in standard deviations), the threshold follows
 * from the wanted false-alarm rate by Siegmund's approximation of the in-control run length.
 */
public final class ChangeDetector {

    private final double drift;
    private final double threshold;
    private double upper;
    private double lower;

    /**
     * @param drift k, in standard deviations: half the smallest shift worth detecting
     * @param threshold h, in standard deviations: larger means fewer false alarms and slower detection
     */
    public ChangeDetector(double drift, double threshold) {
        if (!(drift >= 0) || !(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("CUSUM needs drift k >= 0 and a finite threshold h > 0, got k=" + drift
                    + ", h=" + threshold);
        }
        this.drift = drift;
        this.threshold = threshold;
    }

    /**
     * A detector for shifts of {@code shiftSigma} standard deviations that raises false alarms on stationary
     * Gaussian noise at most at {@code falseAlarmsPerSample} (e.g. 0.001: one per 1000 samples on average).
     */
    public static ChangeDetector forFalseAlarmRate(double falseAlarmsPerSample, double shiftSigma) {
        if (!(falseAlarmsPerSample > 0 && falseAlarmsPerSample < 1)) {
            throw new IllegalArgumentException("false-alarm rate must be in (0, 1) per sample, got " + falseAlarmsPerSample);
        }
        if (!(shiftSigma > 0) || Double.isInfinite(shiftSigma)) {
            throw new IllegalArgumentException("the shift to detect must be a positive number of standard deviations, got "
                    + shiftSigma);
        }
        double k = shiftSigma / 2;
        // Each side alarms at half the total rate: its run length must be 2 / rate. Siegmund's formula
        // overestimates the run length for large k (by ~20% at k = 1.5), hence the 1.5x margin: the rate
        // is an upper bound, not a target.
        double wantedRunLength = 1.5 * 2 / falseAlarmsPerSample;
        double lo = 0;
        double hi = 1;
        while (inControlRunLength(k, hi) < wantedRunLength) {
            hi *= 2;
        }
        for (int i = 0; i < 100; i++) {
            double mid = (lo + hi) / 2;
            if (inControlRunLength(k, mid) < wantedRunLength) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return new ChangeDetector(k, hi);
    }

    /** Siegmund's approximation of a one-sided CUSUM's average run length on N(0, 1) noise. */
    static double inControlRunLength(double k, double h) {
        if (k == 0) {
            double b = h + 1.166;
            return b * b;
        }
        double b = h + 1.166;
        return (Math.exp(2 * k * b) - 2 * k * b - 1) / (2 * k * k);
    }

    /** Adds one standardised residual; returns true (and resets) when a change is detected. */
    public boolean update(double standardisedResidual) {
        if (Double.isNaN(standardisedResidual)) {
            return false;
        }
        upper = Math.max(0, upper + standardisedResidual - drift);
        lower = Math.max(0, lower - standardisedResidual - drift);
        if (upper > threshold || lower > threshold) {
            reset();
            return true;
        }
        return false;
    }

    public void reset() {
        upper = 0;
        lower = 0;
    }

    public double drift() {
        return drift;
    }

    public double threshold() {
        return threshold;
    }
}
