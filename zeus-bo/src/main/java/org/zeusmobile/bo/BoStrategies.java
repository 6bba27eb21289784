package org.zeusmobile.bo;

import java.util.Random;
import org.zeusmobile.core.strategy.Prior;
import org.zeusmobile.core.strategy.Strategies;
import org.zeusmobile.core.strategy.Strategy;

/**
 * Creates every strategy zeus-core and zeus-bo know by name: {@code polythrottle-bo} here, and
 * {@code hybrid} with a short BO run as its warm start when the context brings no stored profile.
 * Everything else is {@link Strategies#create}.
 */
public final class BoStrategies {

    /** Samples of the hybrid's BO warm start (fewer than polythrottle-bo's: the online phase refines). */
    public static final int HYBRID_WARM_START_SAMPLES = 12;

    private BoStrategies() {
    }

    public static Strategy create(String name, Strategies.Context context) {
        return create(name, context, new PolythrottleBo.Options());
    }

    public static Strategy create(String name, Strategies.Context context, PolythrottleBo.Options boOptions) {
        if (Strategies.POLYTHROTTLE_BO.equals(name)) {
            return new PolythrottleBo(context.space(), context.objective(), new Random(context.seed()), boOptions);
        }
        if (Strategies.HYBRID.equals(name) && context.prior() == null) {
            context.prior(warmStart(context));
        }
        return Strategies.create(name, context);
    }

    /** A BO prior for the hybrid: a short constrained BO run over the context's space. */
    public static Prior warmStart(Strategies.Context context) {
        PolythrottleBo.Options options = new PolythrottleBo.Options().initialSamples(6)
                .maxSamples(HYBRID_WARM_START_SAMPLES);
        // A different stream from the strategy's own, so the two do not mirror each other.
        return new PolythrottleBo(context.space(), context.objective(), new Random(context.seed() * 31 + 7), options);
    }
}
