package org.zeusmobile.core.strategy;

/**
 * Builds strategies by name. zeus-core's own ({@code default}, {@code max-performance}, {@code zeus-jit},
 * {@code hybrid} given a warm start) are built in; other modules register theirs with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/org.zeusmobile.core.strategy.StrategyProvider}),
 * as zeus-bo does for {@code polythrottle-bo} and the hybrid's BO warm start. {@link Strategies#create} asks
 * each in turn.
 */
public interface StrategyProvider {

    /**
     * The strategy called {@code name} built from {@code context}, or null when this provider does not build it
     * (or not from this context, e.g. a hybrid without a warm start).
     */
    Strategy create(String name, StrategyContext context);
}
