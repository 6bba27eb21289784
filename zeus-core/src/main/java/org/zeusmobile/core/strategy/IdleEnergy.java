package org.zeusmobile.core.strategy;

import java.util.HashMap;
import java.util.Map;
import org.zeusmobile.core.device.Configuration;

/**
 * The energy a configuration spends in windows that serve no request (the pauses of bursty traffic), shared out
 * over the requests served. A configuration's windows with requests say nothing of its idle power, yet pinned
 * clocks can idle at several times the governors' floor: under bursty traffic the cheapest configuration while
 * busy is not the cheapest over the run. An arm's idle power is the mean of its idle windows; an arm never seen
 * idle is taken at the mean of the arms that were (the best guess before its first pause).
 */
final class IdleEnergy {

    private final Map<Configuration, double[]> byArm = new HashMap<>();
    private double idleS;
    private double idleJ;

    /** One window at {@code arm} that served no request. */
    void observe(Configuration arm, double energyJ, double elapsedS) {
        if (!(energyJ >= 0) || !(elapsedS > 0)) {
            return;
        }
        double[] sums = byArm.computeIfAbsent(arm, k -> new double[2]);
        sums[0] += energyJ;
        sums[1] += elapsedS;
        idleS += elapsedS;
        idleJ += energyJ;
    }

    /** Idle time so far, in s. */
    double idleS() {
        return idleS;
    }

    /** What {@code arm} would spend idle per request served, J, had it run every idle window of the run so far. */
    double perInferenceJ(Configuration arm, long inferences) {
        if (idleS == 0 || inferences == 0) {
            return 0;
        }
        double[] sums = byArm.get(arm);
        double powerW = sums == null ? idleJ / idleS : sums[0] / sums[1];
        return powerW * idleS / inferences;
    }
}
