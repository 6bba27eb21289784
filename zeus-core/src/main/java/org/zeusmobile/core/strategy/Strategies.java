package org.zeusmobile.core.strategy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.zeusmobile.core.device.Configuration;

/**
 * Creates strategies by name. zeus-core builds {@code default}, {@code max-performance}, {@code zeus-jit}
 * and {@code hybrid} (given a {@link Prior}); {@code polythrottle-bo} and the BO prior come from zeus-bo
 * ({@code org.zeusmobile.bo.BoStrategies}), {@code oracle} from the comparison harness (it needs a
 * simulator's true model).
 */
public final class Strategies {

    public static final String DEFAULT = "default";
    public static final String MAX_PERFORMANCE = "max-performance";
    public static final String ORACLE = "oracle";
    public static final String ZEUS_JIT = "zeus-jit";
    public static final String POLYTHROTTLE_BO = "polythrottle-bo";
    public static final String HYBRID = "hybrid";

    /** Every strategy name, in the order reports list them. */
    public static final List<String> NAMES = Collections.unmodifiableList(
            Arrays.asList(DEFAULT, MAX_PERFORMANCE, ORACLE, ZEUS_JIT, POLYTHROTTLE_BO, HYBRID));

    private Strategies() {
    }

    /** What every strategy is built from. */
    public static final class Context {
        final SearchSpace space;
        final Objective objective;
        long seed;
        Prior prior;
        Configuration start;
        Prediction baseline;
        ZeusJit.Options zeusJit = new ZeusJit.Options();
        Hybrid.Options hybrid = new Hybrid.Options();

        public Context(SearchSpace space, Objective objective) {
            if (space == null || objective == null) {
                throw new IllegalArgumentException("a strategy needs a search space and an objective");
            }
            this.space = space;
            this.objective = objective;
        }

        public Context seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The hybrid's warm start. */
        public Context prior(Prior prior) {
            this.prior = prior;
            return this;
        }

        /**
         * What the device's default behaviour (every knob governed) measured: the hybrid keeps it as an arm,
         * so it settles on the governors where they win.
         */
        public Context baseline(Prediction defaultMeasured) {
            this.baseline = defaultMeasured;
            return this;
        }

        /** Where zeus-jit starts its sweep (default: max-performance, every frequency at its maximum, batch 1). */
        public Context start(Configuration start) {
            this.start = start;
            return this;
        }

        public Context zeusJitOptions(ZeusJit.Options options) {
            this.zeusJit = options;
            return this;
        }

        public Context hybridOptions(Hybrid.Options options) {
            this.hybrid = options;
            return this;
        }

        public SearchSpace space() {
            return space;
        }

        public Objective objective() {
            return objective;
        }

        public long seed() {
            return seed;
        }

        public Prior prior() {
            return prior;
        }
    }

    /**
     * The strategy called {@code name}.
     *
     * @throws IllegalArgumentException for an unknown name, for {@code hybrid} without a prior, and for the
     *     names other modules build ({@code polythrottle-bo}, {@code oracle})
     */
    public static Strategy create(String name, Context context) {
        if (DEFAULT.equals(name)) {
            return StaticStrategy.governed(context.space);
        }
        if (MAX_PERFORMANCE.equals(name)) {
            return StaticStrategy.maxPerformance(context.space);
        }
        if (ZEUS_JIT.equals(name)) {
            return new ZeusJit(context.space, context.objective, new Random(context.seed), context.start, context.zeusJit);
        }
        if (HYBRID.equals(name)) {
            if (context.prior == null) {
                throw new IllegalArgumentException("the hybrid strategy needs a warm start: give a stored profile "
                        + "(ProfilePrior) or use org.zeusmobile.bo.BoStrategies, which runs a short BO first");
            }
            Hybrid hybrid = new Hybrid(context.space, context.objective, context.prior, new Random(context.seed),
                    context.hybrid);
            return context.baseline == null ? hybrid : hybrid.baseline(context.baseline);
        }
        if (POLYTHROTTLE_BO.equals(name)) {
            throw new IllegalArgumentException("polythrottle-bo lives in zeus-bo: use org.zeusmobile.bo.BoStrategies.create");
        }
        if (ORACLE.equals(name)) {
            throw new IllegalArgumentException("oracle needs a simulator's true model: use the comparison harness");
        }
        List<String> known = new ArrayList<>(NAMES);
        throw new IllegalArgumentException("unknown strategy '" + name + "'; known: " + known);
    }
}
