package org.zeusmobile.core.strategy;

/**
 * What every strategy minimises, subject to the latency SLO (p95 latency &lt;= target, PolyThrottle's
 * constraint). Under closed-loop traffic the cost per inference is Zeus's {@code eta * E + (1 - eta) * P_max * T},
 * T the service time per inference; under open-loop traffic it is the energy per inference E (the arrivals
 * set the time per inference for every configuration; see {@link Traffic}).
 */
public final class Objective {

    /**
     * The default weight of energy: 1, the energy per inference alone, subject to the SLO (PolyThrottle's
     * objective). What a user asks of a phone or a board is less energy at their latency target; any weight on
     * time buys speed the SLO did not ask for with energy (on the simulated Snapdragon 8 Gen 2, eta 0.5's
     * cost-optimal configuration used about a third more energy than the governors). Zeus's eta &lt; 1 stays an option.
     */
    public static final double DEFAULT_ETA = 1.0;

    private final double eta;
    private final double sloS;
    private final double maxPowerW;

    /**
     * @param eta weight of energy against time, in [0, 1]
     * @param sloS the p95 latency target in seconds, &gt; 0
     * @param maxPowerW the device's maximum power in W, &gt; 0
     */
    public Objective(double eta, double sloS, double maxPowerW) {
        if (!(eta >= 0 && eta <= 1)) {
            throw new IllegalArgumentException("eta must be in [0, 1], got " + eta);
        }
        if (!(sloS > 0) || Double.isInfinite(sloS)) {
            throw new IllegalArgumentException("the latency SLO must be a positive number of ms, got " + sloS * 1e3 + " ms");
        }
        if (!(maxPowerW > 0) || Double.isInfinite(maxPowerW)) {
            throw new IllegalArgumentException("P_max must be a positive number of W, got " + maxPowerW);
        }
        this.eta = eta;
        this.sloS = sloS;
        this.maxPowerW = maxPowerW;
    }

    public double eta() {
        return eta;
    }

    public double sloS() {
        return sloS;
    }

    public double maxPowerW() {
        return maxPowerW;
    }

    /**
     * Cost per inference in J-equivalents from energy per inference (J) and time per inference (s) under
     * {@code traffic}: Zeus's cost in closed loop, the energy alone in open loop.
     */
    public double cost(double energyPerInferenceJ, double timePerInferenceS, Traffic traffic) {
        if (traffic == Traffic.OPEN_LOOP) {
            return energyPerInferenceJ;
        }
        return eta * energyPerInferenceJ + (1 - eta) * maxPowerW * timePerInferenceS;
    }

    public boolean meetsSlo(double latencyP95S) {
        return latencyP95S <= sloS;
    }
}
