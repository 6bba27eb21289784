package org.zeusmobile.core.strategy;

/** What a prior expects of one configuration: energy and time per inference and p95 latency. */
public final class Prediction {

    private final double energyPerInferenceJ;
    private final double timePerInferenceS;
    private final double latencyP95S;

    public Prediction(double energyPerInferenceJ, double timePerInferenceS, double latencyP95S) {
        this.energyPerInferenceJ = energyPerInferenceJ;
        this.timePerInferenceS = timePerInferenceS;
        this.latencyP95S = latencyP95S;
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

    /** The average power in W this configuration is expected to draw. */
    public double powerW() {
        return energyPerInferenceJ / timePerInferenceS;
    }

    public double cost(Objective objective) {
        return objective.cost(energyPerInferenceJ, timePerInferenceS);
    }

    @Override
    public String toString() {
        return "Prediction{E=" + energyPerInferenceJ + " J, T=" + timePerInferenceS + " s, p95=" + latencyP95S + " s}";
    }
}
