package org.zeusmobile.core.strategy;

import org.zeusmobile.core.device.Configuration;

/** What one measurement window at one configuration showed. */
public final class Observation {

    private final Configuration configuration;
    private final int inferences;
    private final double energyPerInferenceJ;
    private final double timePerInferenceS;
    private final double latencyP95S;
    private final double temperatureC;
    private final double thermalHeadroomC;
    private final long clockNs;

    /**
     * @param inferences how many inferences the window covered
     * @param energyPerInferenceJ energy per inference in J, idle time between requests included
     * @param timePerInferenceS time per inference in s (window time over inferences)
     * @param latencyP95S the 95th-percentile request latency in the window, queueing and batching included
     * @param temperatureC the hottest thermal sensor at the end of the window, NaN where unknown
     * @param thermalHeadroomC how far below its throttle trip point the nearest sensor was at the end of the
     *     window, in °C (negative: past it), NaN where no sensor's trip point is known
     * @param clockNs the device clock at the end of the window
     */
    public Observation(Configuration configuration, int inferences, double energyPerInferenceJ,
            double timePerInferenceS, double latencyP95S, double temperatureC, double thermalHeadroomC, long clockNs) {
        this.configuration = configuration;
        this.inferences = inferences;
        this.energyPerInferenceJ = energyPerInferenceJ;
        this.timePerInferenceS = timePerInferenceS;
        this.latencyP95S = latencyP95S;
        this.temperatureC = temperatureC;
        this.thermalHeadroomC = thermalHeadroomC;
        this.clockNs = clockNs;
    }

    public Configuration configuration() {
        return configuration;
    }

    public int inferences() {
        return inferences;
    }

    public double energyPerInferenceJ() {
        return energyPerInferenceJ;
    }

    public double timePerInferenceS() {
        return timePerInferenceS;
    }

    public double latencyP95S() {
        return latencyP95S;
    }

    public double temperatureC() {
        return temperatureC;
    }

    /** °C left before the nearest throttle trip point (negative: throttling), NaN where unknown. */
    public double thermalHeadroomC() {
        return thermalHeadroomC;
    }

    public long clockNs() {
        return clockNs;
    }

    /** This window's cost per inference under {@code objective}. */
    public double cost(Objective objective) {
        return objective.cost(energyPerInferenceJ, timePerInferenceS);
    }

    @Override
    public String toString() {
        return "Observation{" + configuration + ", n=" + inferences + ", E=" + energyPerInferenceJ + " J, T="
                + timePerInferenceS + " s, p95=" + latencyP95S + " s, " + temperatureC + " °C}";
    }
}
