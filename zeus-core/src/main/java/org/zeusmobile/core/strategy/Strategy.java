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

    /**
     * Asked while a window runs, after each batch, with the latencies of that batch's requests (ns, from arrival to
     * the end of the batch): whether to end the window as soon as its energy can be measured, before the rest of the
     * window's requests are served at its configuration. A strategy trying a configuration for the first time ends
     * the window once its requests show the configuration misses the latency target, rather than let a whole
     * window's requests be late. Default: never. The array is the caller's, valid during the call only.
     */
    default boolean endWindowEarly(long[] batchLatenciesNs) {
        return false;
    }

    /**
     * How the run starts, before the first {@link #next()}: the device's thermal headroom, °C from the hottest sensor
     * to its next trip point (NaN where unknown), and the traffic the caller will serve where it knows it (a
     * controller serving its own trace does; an app's facade does not: null). A device that starts near a trip (a
     * phone warm from earlier use) may already be held back by the firmware, which no profile made on a cool device
     * shows. Ignored unless a strategy uses them.
     */
    default void observeStart(double thermalHeadroomC, Traffic traffic) {
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
