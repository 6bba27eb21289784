package org.zeusmobile.core.strategy;

import java.util.HashMap;
import java.util.Map;
import org.zeusmobile.core.device.Configuration;

/**
 * The energy a configuration spends in windows that serve no request (the pauses of bursty traffic), shared out
 * over the requests served. A configuration's windows with requests say nothing of its idle power, yet pinned
 * clocks can idle at several times the governors' floor: under bursty traffic the cheapest configuration while
 * busy is not the cheapest over the run. An arm's idle power is the mean of its idle windows, else what is known
 * of it from elsewhere (default's own pauses, for the governors), else the mean of the arms seen idle (the best
 * guess before its first pause).
 */
final class IdleEnergy {

    private final Map<Configuration, double[]> byArm = new HashMap<>();
    private final Map<Configuration, Double> knownW = new HashMap<>();
    private double idleS;
    private double idleJ;

    /** What {@code arm} draws idle, known before the run (ignored unless positive): until it idles here. */
    void know(Configuration arm, double powerW) {
        if (powerW > 0) {
            knownW.put(arm, powerW);
        }
    }

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
        Double known = knownW.get(arm);
        double powerW = sums != null ? sums[0] / sums[1] : known != null ? known : idleJ / idleS;
        return powerW * idleS / inferences;
    }
}
