package org.zeusmobile.core.strategy;

import org.zeusmobile.core.device.Configuration;

/**
 * Decides which configuration runs next from what has been measured (DESIGN.md section 4).
 * The controller asks {@link #next()}, runs a measurement window at that configuration and
 * reports it with {@link #observe}. Not thread-safe: one controller drives one strategy.
 */
public interface Strategy {

    /** The strategy's name, e.g. {@code zeus-jit}. */
    String name();

    /** The configuration to run for the next measurement window. */
    Configuration next();

    /** Feeds back the measurement of a window run at {@code observation.configuration()}. */
    void observe(Observation observation);

    /**
     * Feeds back a window at {@code configuration} that served no request (a pause in open-loop traffic): the
     * {@code energyJ} it spent idle over {@code elapsedS}. Ignored unless a strategy accounts for idle energy.
     */
    default void observeIdle(Configuration configuration, double energyJ, double elapsedS) {
    }

    /** The configuration the strategy would settle on now: its current answer. */
    Configuration best();

    /**
     * Why the last {@link #next()} chose its configuration, in a few words for traces and logs (e.g.
     * {@code "warm-start probe"}, {@code "thermal guard: cap 4.1 W"}); empty when the strategy does not say.
     */
    default String reason() {
        return "";
    }
}
