package org.zeusmobile.android;

import java.util.List;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.strategy.Objective;

/** What the optimizer has measured and decided, as of the last window. Immutable. */
public final class OptimizerStatistics {
    private final boolean enabled;
    private final String strategy;
    private final Configuration configuration;
    private final Configuration best;
    private final long windows;
    private final long inferences;
    private final double energyJ;
    private final double lastEnergyPerInferenceJ;
    private final double lastTimePerInferenceS;
    private final double lastLatencyP95S;
    private final boolean lastMeetsSlo;
    private final double lastCost;
    private final long invalidWindows;
    private final String lastIssue;
    private final List<String> meterReasons;
    private final Objective objective;
    private final int thermalStatus;
    private final float thermalHeadroom;

    OptimizerStatistics(boolean enabled, String strategy, Configuration configuration, Configuration best, long windows,
            long inferences, double energyJ, double lastEnergyPerInferenceJ, double lastTimePerInferenceS,
            double lastLatencyP95S, boolean lastMeetsSlo, double lastCost, long invalidWindows, String lastIssue,
            List<String> meterReasons, Objective objective, int thermalStatus, float thermalHeadroom) {
        this.enabled = enabled;
        this.strategy = strategy;
        this.configuration = configuration;
        this.best = best;
        this.windows = windows;
        this.inferences = inferences;
        this.energyJ = energyJ;
        this.lastEnergyPerInferenceJ = lastEnergyPerInferenceJ;
        this.lastTimePerInferenceS = lastTimePerInferenceS;
        this.lastLatencyP95S = lastLatencyP95S;
        this.lastMeetsSlo = lastMeetsSlo;
        this.lastCost = lastCost;
        this.invalidWindows = invalidWindows;
        this.lastIssue = lastIssue;
        this.meterReasons = meterReasons;
        this.objective = objective;
        this.thermalStatus = thermalStatus;
        this.thermalHeadroom = thermalHeadroom;
    }

    static OptimizerStatistics initial(boolean enabled, Configuration configuration, List<String> reasons, Objective objective) {
        return new OptimizerStatistics(enabled, "none", configuration, configuration, 0, 0, 0, Double.NaN, Double.NaN,
                Double.NaN, false, Double.NaN, 0, null, reasons, objective, AndroidThermalSensor.STATUS_UNKNOWN,
                Float.NaN);
    }

    OptimizerStatistics with(boolean on, Configuration now, String issue) {
        return new OptimizerStatistics(on, strategy, now, best, windows, inferences, energyJ, lastEnergyPerInferenceJ,
                lastTimePerInferenceS, lastLatencyP95S, lastMeetsSlo, lastCost, invalidWindows,
                issue == null ? lastIssue : issue, meterReasons, objective, thermalStatus, thermalHeadroom);
    }

    OptimizerStatistics withInvalid(long invalid, String issue) {
        return new OptimizerStatistics(enabled, strategy, configuration, best, windows, inferences, energyJ,
                lastEnergyPerInferenceJ, lastTimePerInferenceS, lastLatencyP95S, lastMeetsSlo, lastCost, invalid,
                issue, meterReasons, objective, thermalStatus, thermalHeadroom);
    }

    public boolean enabled() {
        return enabled;
    }

    public String strategy() {
        return strategy;
    }

    /** The configuration in force now. */
    public Configuration configuration() {
        return configuration;
    }

    /** The configuration the strategy would settle on now. */
    public Configuration best() {
        return best;
    }

    /** Measurement windows observed (valid ones). */
    public long windows() {
        return windows;
    }

    public long inferences() {
        return inferences;
    }

    /** Energy of all valid windows in J (the cost domains). */
    public double energyJ() {
        return energyJ;
    }

    public double lastEnergyPerInferenceJ() {
        return lastEnergyPerInferenceJ;
    }

    public double lastTimePerInferenceS() {
        return lastTimePerInferenceS;
    }

    public double lastLatencyP95S() {
        return lastLatencyP95S;
    }

    public boolean lastMeetsSlo() {
        return lastMeetsSlo;
    }

    /** The last window's cost per inference under the objective, in J-equivalents. */
    public double lastCost() {
        return lastCost;
    }

    public long invalidWindows() {
        return invalidWindows;
    }

    /** Why the last window could not be used, or null. */
    public String lastIssue() {
        return lastIssue;
    }

    public List<String> meterReasons() {
        return meterReasons;
    }

    public Objective objective() {
        return objective;
    }

    /** {@code PowerManager.THERMAL_STATUS_*} at the last window's end, or {@link AndroidThermalSensor#STATUS_UNKNOWN}. */
    public int thermalStatus() {
        return thermalStatus;
    }

    /** The thermal headroom forecast 10 s ahead at the last window's end (1.0: severe throttling); NaN where unknown. */
    public float thermalHeadroom() {
        return thermalHeadroom;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "%s strategy=%s config=%s best=%s windows=%d inferences=%d energy=%.3f J last: %.3f mJ/inference, "
                        + "%.3f ms/inference, p95 %.3f ms (SLO %.3f ms%s), thermal status %d, headroom in 10 s %.2f%s",
                enabled ? "enabled" : "disabled", strategy, configuration, best, windows, inferences, energyJ,
                lastEnergyPerInferenceJ * 1e3, lastTimePerInferenceS * 1e3, lastLatencyP95S * 1e3,
                objective.sloS() * 1e3, lastMeetsSlo ? " met" : " missed", thermalStatus, thermalHeadroom,
                invalidWindows > 0 ? " invalid windows=" + invalidWindows + " (" + lastIssue + ")" : "");
    }
}
