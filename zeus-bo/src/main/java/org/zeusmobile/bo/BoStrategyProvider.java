package org.zeusmobile.bo;

import java.util.Random;
import org.zeusmobile.core.strategy.Prior;
import org.zeusmobile.core.strategy.Strategies;
import org.zeusmobile.core.strategy.Strategy;
import org.zeusmobile.core.strategy.StrategyContext;
import org.zeusmobile.core.strategy.StrategyProvider;

/**
 * zeus-bo's strategies, found by {@link Strategies#create} through {@link java.util.ServiceLoader}:
 * {@code polythrottle-bo}, and {@code hybrid} with a short BO run as its warm start when the context brings no
 * stored profile.
 */
public final class BoStrategyProvider implements StrategyProvider {

    /** Samples of the hybrid's BO warm start (fewer than polythrottle-bo's: the online phase refines). */
    public static final int HYBRID_WARM_START_SAMPLES = 12;

    @Override
    public Strategy create(String name, StrategyContext context) {
        if (Strategies.POLYTHROTTLE_BO.equals(name)) {
            return new PolythrottleBo(context.space(), context.objective(), new Random(context.seed()),
                    new PolythrottleBo.Options());
        }
        if (Strategies.HYBRID.equals(name) && context.prior() == null) {
            // The context keeps the warm start, so that a caller can store it once it has all its samples.
            return Strategies.hybrid(context.prior(warmStart(context)));
        }
        return null;
    }

    /** A BO prior for the hybrid: a short constrained BO run over the context's space. */
    static Prior warmStart(StrategyContext context) {
        PolythrottleBo.Options options = new PolythrottleBo.Options().initialSamples(6)
                .maxSamples(HYBRID_WARM_START_SAMPLES);
        // A different stream from the strategy's own, so the two do not mirror each other.
        return new PolythrottleBo(context.space(), context.objective(), new Random(context.seed() * 31 + 7), options);
    }
}
