package org.zeusmobile.core.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.zeusmobile.core.device.Configuration;

/** Drives a strategy against a {@link SyntheticSoc} window by window, as a controller would. */
final class StrategyLoop {

    private StrategyLoop() {
    }

    /** The configurations the strategy chose, one per window; {@code change} runs before window {@code changeAt}. */
    static List<Configuration> run(Strategy strategy, SyntheticSoc soc, int windows, double noise, long seed,
            int changeAt, Runnable change) {
        Random random = new Random(seed);
        List<Configuration> chosen = new ArrayList<>();
        for (int w = 0; w < windows; w++) {
            if (w == changeAt && change != null) {
                change.run();
            }
            Configuration c = strategy.next();
            chosen.add(c);
            strategy.observe(soc.observe(c, random, noise, (w + 1) * 2_000_000_000L));
        }
        return chosen;
    }

    /** Mean true cost of the chosen configurations from window {@code from} on. */
    static double meanCost(List<Configuration> chosen, int from, SyntheticSoc soc, Objective objective) {
        double sum = 0;
        for (int i = from; i < chosen.size(); i++) {
            sum += soc.trueCost(chosen.get(i), objective);
        }
        return sum / (chosen.size() - from);
    }
}
