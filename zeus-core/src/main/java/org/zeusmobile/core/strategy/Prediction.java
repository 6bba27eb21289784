package org.zeusmobile.core.strategy;

/**
 * What a prior expects of one configuration under one kind of traffic: energy and time per inference and
 * p95 latency.
 */
public final class Prediction {

    private final double energyPerInferenceJ;
    private final double timePerInferenceS;
    private final double latencyP95S;
    private final Traffic traffic;

    /**
     * @param timePerInferenceS the service time per inference in closed loop, the mean inter-arrival time in
     *     open loop
     * @param traffic the traffic the prediction holds for (it decides the cost, see {@link Objective})
     */
    public Prediction(double energyPerInferenceJ, double timePerInferenceS, double latencyP95S, Traffic traffic) {
        if (traffic == null) {
            throw new IllegalArgumentException("a prediction needs the traffic it holds for (closed or open loop)");
        }
        this.energyPerInferenceJ = energyPerInferenceJ;
        this.timePerInferenceS = timePerInferenceS;
        this.latencyP95S = latencyP95S;
        this.traffic = traffic;
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

    public Traffic traffic() {
        return traffic;
    }

    /** The average power in W this configuration is expected to draw. */
    public double powerW() {
        return energyPerInferenceJ / timePerInferenceS;
    }

    public double cost(Objective objective) {
        return objective.cost(energyPerInferenceJ, timePerInferenceS, traffic);
    }

    @Override
    public String toString() {
        return "Prediction{E=" + energyPerInferenceJ + " J, T=" + timePerInferenceS + " s, p95=" + latencyP95S + " s, "
                + traffic.id() + "}";
    }
}
