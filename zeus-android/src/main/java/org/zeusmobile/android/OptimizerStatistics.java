package org.zeusmobile.android;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.strategy.Objective;

/**
 * What an {@link EnergyOptimizer} has measured and decided, as of its last window. Immutable; the optimizer makes a
 * new one by editing a copy field by field ({@link Draft}), never through a long positional constructor.
 */
public final class OptimizerStatistics {

    private final Draft values;

    private OptimizerStatistics(Draft draft) {
        this.values = draft.copy();
    }

    /** Before any window: nothing measured, the device's untuned configuration in force. */
    static OptimizerStatistics initial(boolean enabled, Configuration configuration, List<String> meterReasons,
            Objective objective) {
        Draft d = new Draft();
        d.enabled = enabled;
        d.configuration = configuration;
        d.best = configuration;
        d.meterReasons = Collections.unmodifiableList(meterReasons);
        d.objective = objective;
        return d.build();
    }

    /** The same, once the strategy is made: its name and where it started from. */
    OptimizerStatistics startedWith(String strategyName, String warmStartNote) {
        Draft d = edit();
        d.strategy = strategyName;
        d.warmStart = warmStartNote;
        return d.build();
    }

    /** The same, switched off with {@code configuration} (the untuned one) in force. */
    OptimizerStatistics disabledAt(Configuration configuration) {
        Draft d = edit();
        d.enabled = false;
        d.configuration = configuration;
        return d.build();
    }

    /** The same, with why the last window could not be used. */
    OptimizerStatistics withIssue(long invalidWindowsSoFar, String issue) {
        Draft d = edit();
        d.invalidWindows = invalidWindowsSoFar;
        d.lastIssue = issue;
        return d.build();
    }

    /** A copy to change field by field. */
    Draft edit() {
        return values.copy();
    }

    /** The fields of the next snapshot, set by name. */
    static final class Draft implements Cloneable {
        boolean enabled;
        String strategy = "none";
        String warmStart = "none";
        Configuration configuration;
        Configuration best;
        long windows;
        long inferences;
        double energyJ;
        double lastEnergyPerInferenceJ = Double.NaN;
        double lastTimePerInferenceS = Double.NaN;
        double lastLatencyP95S = Double.NaN;
        boolean lastMeetsSlo;
        double lastCost = Double.NaN;
        long invalidWindows;
        String lastIssue;
        List<String> meterReasons;
        Objective objective;
        int thermalStatus = AndroidThermalSensor.STATUS_UNKNOWN;
        float thermalHeadroom = Float.NaN;

        OptimizerStatistics build() {
            return new OptimizerStatistics(this);
        }

        Draft copy() {
            try {
                return (Draft) clone(); // every field is a value or immutable: a shallow copy is a copy
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    public boolean enabled() {
        return values.enabled;
    }

    public String strategy() {
        return values.strategy;
    }

    /** Where the strategy started from: the imported profile, or a BO warm start on this device and why. */
    public String warmStart() {
        return values.warmStart;
    }

    /** The configuration in force now. */
    public Configuration configuration() {
        return values.configuration;
    }

    /** The configuration the strategy would settle on now. */
    public Configuration best() {
        return values.best;
    }

    /** Measurement windows observed (valid ones). */
    public long windows() {
        return values.windows;
    }

    public long inferences() {
        return values.inferences;
    }

    /** Energy of all valid windows in J (the cost domains). */
    public double energyJ() {
        return values.energyJ;
    }

    public double lastEnergyPerInferenceJ() {
        return values.lastEnergyPerInferenceJ;
    }

    public double lastTimePerInferenceS() {
        return values.lastTimePerInferenceS;
    }

    public double lastLatencyP95S() {
        return values.lastLatencyP95S;
    }

    public boolean lastMeetsSlo() {
        return values.lastMeetsSlo;
    }

    /** The last window's cost per inference under the objective, in J-equivalents. */
    public double lastCost() {
        return values.lastCost;
    }

    public long invalidWindows() {
        return values.invalidWindows;
    }

    /** Why the last window could not be used, or null. */
    public String lastIssue() {
        return values.lastIssue;
    }

    public List<String> meterReasons() {
        return values.meterReasons;
    }

    public Objective objective() {
        return values.objective;
    }

    /** {@code PowerManager.THERMAL_STATUS_*} at the last window's end, or {@link AndroidThermalSensor#STATUS_UNKNOWN}. */
    public int thermalStatus() {
        return values.thermalStatus;
    }

    /** The thermal headroom forecast 10 s ahead at the last window's end (1.0: severe throttling); NaN where unknown. */
    public float thermalHeadroom() {
        return values.thermalHeadroom;
    }

    @Override
    public String toString() {
        Draft v = values;
        return String.format(Locale.ROOT,
                "%s strategy=%s (warm start: %s) config=%s best=%s windows=%d inferences=%d energy=%.3f J last: %.3f "
                        + "mJ/inference, %.3f ms/inference, p95 %.3f ms (SLO %.3f ms%s), thermal status %d, headroom in "
                        + "10 s %.2f%s",
                v.enabled ? "enabled" : "disabled", v.strategy, v.warmStart, v.configuration, v.best, v.windows,
                v.inferences, v.energyJ, v.lastEnergyPerInferenceJ * 1e3, v.lastTimePerInferenceS * 1e3,
                v.lastLatencyP95S * 1e3, v.objective.sloS() * 1e3, v.lastMeetsSlo ? " met" : " missed", v.thermalStatus,
                v.thermalHeadroom, v.invalidWindows > 0 ? " invalid windows=" + v.invalidWindows + " (" + v.lastIssue + ")"
                        : "");
    }
}
