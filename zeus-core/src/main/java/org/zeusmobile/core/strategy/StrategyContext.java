package org.zeusmobile.core.strategy;

/** What every strategy is built from: the search space, the objective, a seed, and the hybrid's warm start. */
public final class StrategyContext {

    private final SearchSpace space;
    private final Objective objective;
    private long seed;
    private Prior prior;
    private Baseline baseline;

    public StrategyContext(SearchSpace space, Objective objective) {
        if (space == null || objective == null) {
            throw new IllegalArgumentException("a strategy needs a search space and an objective");
        }
        this.space = space;
        this.objective = objective;
    }

    /** Seeds the strategy's randomness (default 0): the same seed, the same choices. */
    public StrategyContext seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** The hybrid's warm start: a stored profile ({@link ProfilePrior}); without one, zeus-bo runs a short BO. */
    public StrategyContext prior(Prior prior) {
        this.prior = prior;
        return this;
    }

    /**
     * What the device's default behaviour (every knob governed) measured: the hybrid keeps it as an arm,
     * so it settles on the governors where they win.
     */
    public StrategyContext baseline(Baseline defaultMeasured) {
        this.baseline = defaultMeasured;
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

    /** The warm start, or null. */
    public Prior prior() {
        return prior;
    }

    /** What default measured, or null. */
    public Baseline baseline() {
        return baseline;
    }
}
