package org.zeusmobile.core.strategy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.ServiceLoader;

/**
 * The strategies' names, and the one place they are created: zeus-core's own, then every
 * {@link StrategyProvider} on the class path. {@code oracle} is not created here: it needs a simulator's true
 * model, which only the comparison harness has; nor is {@code default-batched}, whose batch only running the
 * batches finds ({@link StaticStrategy#governedBatched}).
 */
public final class Strategies {

    public static final String DEFAULT = "default";
    /** The governors untouched at the largest batch that meets the SLO: what tuning only the batch gets. */
    public static final String DEFAULT_BATCHED = "default-batched";
    public static final String MAX_PERFORMANCE = "max-performance";
    public static final String ORACLE = "oracle";
    public static final String ZEUS_JIT = "zeus-jit";
    public static final String POLYTHROTTLE_BO = "polythrottle-bo";
    public static final String HYBRID = "hybrid";

    /** Every strategy name, in the order reports list them. */
    public static final List<String> NAMES = Collections.unmodifiableList(
            Arrays.asList(DEFAULT, DEFAULT_BATCHED, MAX_PERFORMANCE, ORACLE, ZEUS_JIT, POLYTHROTTLE_BO, HYBRID));

    private static final StrategyProvider CORE = new StrategyProvider() {
        @Override
        public Strategy create(String name, StrategyContext context) {
            if (DEFAULT.equals(name)) {
                return StaticStrategy.governed(context.space());
            }
            if (MAX_PERFORMANCE.equals(name)) {
                return StaticStrategy.maxPerformance(context.space());
            }
            if (ZEUS_JIT.equals(name)) {
                return new ZeusJit(context.space(), context.objective(), new Random(context.seed()),
                        new ZeusJit.Options());
            }
            if (HYBRID.equals(name) && context.prior() != null) {
                return hybrid(context);
            }
            return null;
        }
    };

    private Strategies() {
    }

    /**
     * The strategy called {@code name}.
     *
     * @throws IllegalArgumentException for an unknown name, for {@code oracle} and {@code default-batched}, and for
     *     a name no provider on the class path builds from this context (a hybrid without a warm start and without
     *     zeus-bo)
     */
    public static Strategy create(String name, StrategyContext context) {
        if (ORACLE.equals(name)) {
            throw new IllegalArgumentException("oracle needs a simulator's true model: use the comparison harness");
        }
        if (DEFAULT_BATCHED.equals(name)) {
            throw new IllegalArgumentException("default-batched runs the largest batch that meets the SLO, which only "
                    + "running finds: use the comparison harness or live optimisation, or StaticStrategy.governedBatched");
        }
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown strategy '" + name + "'; known: " + new ArrayList<>(NAMES));
        }
        Strategy strategy = CORE.create(name, context);
        if (strategy != null) {
            return strategy;
        }
        for (StrategyProvider provider : ServiceLoader.load(StrategyProvider.class)) {
            strategy = provider.create(name, context);
            if (strategy != null) {
                return strategy;
            }
        }
        if (HYBRID.equals(name)) {
            throw new IllegalArgumentException("the hybrid strategy needs a warm start: give a stored profile "
                    + "(ProfilePrior) or put zeus-bo on the class path, which runs a short BO first");
        }
        throw new IllegalArgumentException(name + " is built by a module that is not on the class path (zeus-bo "
                + "builds polythrottle-bo)");
    }

    /** The hybrid from {@code context}, which must hold its warm start; with the governed baseline when given. */
    public static Hybrid hybrid(StrategyContext context) {
        if (context.prior() == null) {
            throw new IllegalArgumentException("the hybrid strategy needs a warm start (context.prior)");
        }
        Hybrid hybrid = new Hybrid(context.space(), context.objective(), context.prior(), new Random(context.seed()),
                new Hybrid.Options());
        return context.baseline() == null ? hybrid
                : hybrid.baseline(context.baseline());
    }
}
