package org.zeusmobile.core.strategy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.zeusmobile.core.device.Configuration;

/**
 * The power each arm draws, W, for the thermal guard: the median of its last {@link #WINDOWS} windows once
 * measured, else what the prior predicted. A median, because one window can be off by a whole meter update
 * (20% for a 1 s fuel gauge in a 5 s window), which would push the best arm over a power cap.
 */
final class ArmPowers {

    /** How many recent windows an arm's power is the median of. */
    static final int WINDOWS = 5;

    private final Map<Configuration, Double> predictedW = new HashMap<>();
    private final Map<Configuration, Deque<Double>> recentW = new HashMap<>();

    /** What the prior expects {@code arm} to draw; ignored unless positive. */
    void predict(Configuration arm, double powerW) {
        if (powerW > 0) {
            predictedW.put(arm, powerW);
        }
    }

    /** One window's average power at {@code arm}; ignored unless positive. */
    void observe(Configuration arm, double powerW) {
        if (!(powerW > 0)) {
            return;
        }
        Deque<Double> recent = recentW.get(arm);
        if (recent == null) {
            recent = new ArrayDeque<>();
            recentW.put(arm, recent);
        }
        recent.addLast(powerW);
        if (recent.size() > WINDOWS) {
            recent.removeFirst();
        }
    }

    /** The arm's power in W: measured (median), else predicted, else null. */
    Double powerW(Configuration arm) {
        Deque<Double> recent = recentW.get(arm);
        if (recent == null || recent.isEmpty()) {
            return predictedW.get(arm);
        }
        List<Double> sorted = new ArrayList<>(recent);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
