package org.zeusmobile.core.strategy;

import java.util.HashMap;
import java.util.Map;
import org.zeusmobile.core.device.Configuration;

/**
 * The energy a configuration spends in windows that serve no request (the pauses of bursty traffic), shared out
 * over the requests served. A configuration's windows with requests say nothing of its idle power, yet pinned
 * clocks can idle at several times the governors' floor. The hybrid hands a pause to the arm that idles cheapest
 * once it has seen one window of it, so the arm serving when requests stop pays for the first window of each pause:
 * that is its share. An arm's idle power is the mean of its idle windows, else what is known of it from elsewhere
 * (default's own pauses, for the governors), else the mean of the arms seen idle (the best guess before its first
 * pause).
 */
final class IdleEnergy {

    private final Map<Configuration, double[]> byArm = new HashMap<>();
    private final Map<Configuration, Double> knownW = new HashMap<>();
    private double idleS;
    private double idleJ;
    /** Time in the first window of each pause, s: the idle time the arm serving when requests stop pays for. */
    private double firstWindowsS;

    /** What {@code arm} draws idle, known before the run (ignored unless positive): until it idles here. */
    void know(Configuration arm, double powerW) {
        if (powerW > 0) {
            knownW.put(arm, powerW);
        }
    }

    /** One window at {@code arm} that served no request, {@code first} of its pause or not. */
    void observe(Configuration arm, double energyJ, double elapsedS, boolean first) {
        if (!(energyJ >= 0) || !(elapsedS > 0)) {
            return;
        }
        firstWindowsS += first ? elapsedS : 0;
        double[] sums = byArm.computeIfAbsent(arm, k -> new double[2]);
        sums[0] += energyJ;
        sums[1] += elapsedS;
        idleS += elapsedS;
        idleJ += energyJ;
    }

    /**
     * The arm of least idle power among those measured or known idle that {@code eligible} accepts, else
     * {@code fallback}.
     */
    Configuration cheapestIdle(java.util.function.Predicate<Configuration> eligible, Configuration fallback) {
        Configuration cheapest = fallback;
        double cheapestW = idlePowerW(fallback);
        java.util.Set<Configuration> seen = new java.util.HashSet<>(byArm.keySet());
        seen.addAll(knownW.keySet());
        for (Configuration arm : seen) {
            double w = idlePowerW(arm);
            if (eligible.test(arm) && (Double.isNaN(cheapestW) || w < cheapestW)) {
                cheapest = arm;
                cheapestW = w;
            }
        }
        return cheapest;
    }

    /** What {@code arm} draws idle, W: measured here, else known from elsewhere, else NaN. */
    private double idlePowerW(Configuration arm) {
        double[] sums = byArm.get(arm);
        Double known = knownW.get(arm);
        return sums != null ? sums[0] / sums[1] : known != null ? known : Double.NaN;
    }

    /** Idle time so far, in s. */
    double idleS() {
        return idleS;
    }

    /**
     * What {@code arm} would spend idle per request served, J, had it served when every pause of the run so far
     * began: the first window of each.
     */
    double perInferenceJ(Configuration arm, long inferences) {
        if (idleS == 0 || inferences == 0) {
            return 0;
        }
        double powerW = idlePowerW(arm);
        return (Double.isNaN(powerW) ? idleJ / idleS : powerW) * firstWindowsS / inferences;
    }
}
