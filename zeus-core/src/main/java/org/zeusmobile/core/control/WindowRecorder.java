package org.zeusmobile.core.control;

import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.strategy.Observation;
import org.zeusmobile.core.strategy.Strategy;
import org.zeusmobile.core.strategy.Traffic;

/**
 * Turns each measured window into the strategy's {@link Observation} and hands it over: the one place that
 * decides what a window tells a strategy, for the {@link Controller} and for an app's own loop (zeus-android's
 * EnergyOptimizer). It also watches the traffic across windows ({@link TrafficDetector}), so the strategy learns
 * whether its costs are closed- or open-loop ones.
 */
public final class WindowRecorder {

    private final Strategy strategy;
    private final TrafficDetector traffic = new TrafficDetector();

    public WindowRecorder(Strategy strategy) {
        this.strategy = strategy;
    }

    /** A window's time: its length, what the engine did in it, and the device clock at its end, all in ns. */
    public static final class Span {
        final long elapsedNs;
        final long idleNs;
        final int queuedRequests;
        final long endClockNs;

        /**
         * @param elapsedNs the window's length
         * @param idleNs how long the engine waited with no request to serve
         * @param queuedRequests how many requests arrived while the engine was busy and waited for it
         * @param endClockNs the device clock at the window's end
         */
        public Span(long elapsedNs, long idleNs, int queuedRequests, long endClockNs) {
            this.elapsedNs = elapsedNs;
            this.idleNs = idleNs;
            this.queuedRequests = queuedRequests;
            this.endClockNs = endClockNs;
        }
    }

    /**
     * Records one window run at {@code configuration} and gives its observation to the strategy.
     *
     * @param inferences how many inferences the window served
     * @param latencies request latencies (queueing included) of the window's calls, for its p95
     * @param energyJ the energy the window cost, J; NaN when the meters could not tell
     * @param thermal the sensors read at the window's end
     * @return the observation, or null when the window served no inference (the strategy is told of the pause,
     *     {@link Strategy#observeIdle}) or its energy is unknown (the strategy is told nothing)
     */
    public Observation record(Configuration configuration, int inferences, Latencies latencies, double energyJ,
            Span span, ThermalReading thermal) {
        if (Double.isNaN(energyJ)) {
            return null;
        }
        if (inferences == 0) {
            strategy.observeIdle(configuration, energyJ, span.elapsedNs / 1e9);
            return null;
        }
        Observation observation = Observation.of(configuration).inferences(inferences)
                .energyPerInferenceJ(energyJ / inferences).timePerInferenceS(span.elapsedNs / 1e9 / inferences)
                .latencyP95S(latencies.quantileS(0.95))
                .traffic(traffic.window(span.elapsedNs, span.idleNs, span.queuedRequests))
                .temperatureC(thermal.hottestC).thermalHeadroomC(thermal.headroomC).clockNs(span.endClockNs)
                .latenciesNs(latencies.toArrayNs()).build();
        strategy.observe(observation);
        return observation;
    }

    /** The traffic as the windows so far showed it. */
    public Traffic traffic() {
        return traffic.traffic();
    }
}
