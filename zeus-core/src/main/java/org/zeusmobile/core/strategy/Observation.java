package org.zeusmobile.core.strategy;

import java.util.Arrays;
import org.zeusmobile.core.device.Configuration;

/** What one measurement window at one configuration showed. Built with {@link #of(Configuration)}. */
public final class Observation {

    private final Configuration configuration;
    private final int inferences;
    private final double energyPerInferenceJ;
    private final double timePerInferenceS;
    private final double latencyP95S;
    private final Traffic traffic;
    private final double temperatureC;
    private final double thermalHeadroomC;
    private final long clockNs;
    /** Every request's latency in the window, ns, ascending; null when not given. */
    private final long[] latenciesNs;

    private Observation(Builder b) {
        this.configuration = b.configuration;
        this.inferences = b.inferences;
        this.energyPerInferenceJ = b.energyPerInferenceJ;
        this.timePerInferenceS = b.timePerInferenceS;
        this.latencyP95S = b.latencyP95S;
        this.traffic = b.traffic;
        this.temperatureC = b.temperatureC;
        this.thermalHeadroomC = b.thermalHeadroomC;
        this.clockNs = b.clockNs;
        this.latenciesNs = b.latenciesNs;
    }

    /** Starts an observation of a window run at {@code configuration}. */
    public static Builder of(Configuration configuration) {
        return new Builder(configuration);
    }

    /** Names every number of an observation; inferences, energy, time, latency and traffic are required. */
    public static final class Builder {
        private final Configuration configuration;
        private int inferences = -1;
        private double energyPerInferenceJ = Double.NaN;
        private double timePerInferenceS = Double.NaN;
        private double latencyP95S = Double.NaN;
        private Traffic traffic;
        private double temperatureC = Double.NaN;
        private double thermalHeadroomC = Double.NaN;
        private long clockNs;
        private long[] latenciesNs;

        private Builder(Configuration configuration) {
            if (configuration == null) {
                throw new IllegalArgumentException("an observation needs the configuration its window ran at");
            }
            this.configuration = configuration;
        }

        /** How many inferences the window covered. */
        public Builder inferences(int count) {
            this.inferences = count;
            return this;
        }

        /** Energy per inference in J, idle time between requests included. */
        public Builder energyPerInferenceJ(double joules) {
            this.energyPerInferenceJ = joules;
            return this;
        }

        /** Window time over inferences, s. */
        public Builder timePerInferenceS(double seconds) {
            this.timePerInferenceS = seconds;
            return this;
        }

        /** The 95th-percentile request latency in the window, queueing and batching included, s. */
        public Builder latencyP95S(double seconds) {
            this.latencyP95S = seconds;
            return this;
        }

        /** Whether requests came back-to-back or on their own (the controller tells). */
        public Builder traffic(Traffic kind) {
            this.traffic = kind;
            return this;
        }

        /** The hottest thermal sensor at the end of the window; NaN (default) where unknown. */
        public Builder temperatureC(double celsius) {
            this.temperatureC = celsius;
            return this;
        }

        /**
         * How far below its throttle trip point the nearest sensor was at the end of the window, °C (negative:
         * past it); NaN (default) where no sensor's trip point is known.
         */
        public Builder thermalHeadroomC(double celsius) {
            this.thermalHeadroomC = celsius;
            return this;
        }

        /** The device clock at the end of the window. */
        public Builder clockNs(long ns) {
            this.clockNs = ns;
            return this;
        }

        /** Every request's latency in the window, ns (any order), so that strategies can see the whole tail. */
        public Builder latenciesNs(long[] ns) {
            long[] sorted = ns.clone();
            Arrays.sort(sorted);
            this.latenciesNs = sorted;
            return this;
        }

        public Observation build() {
            if (inferences < 1 || Double.isNaN(energyPerInferenceJ) || Double.isNaN(timePerInferenceS)
                    || Double.isNaN(latencyP95S) || traffic == null) {
                throw new IllegalArgumentException("an observation needs at least one inference, the energy and time "
                        + "per inference, the p95 latency and the traffic; got n=" + inferences + ", E="
                        + energyPerInferenceJ + " J, T=" + timePerInferenceS + " s, p95=" + latencyP95S + " s, traffic="
                        + traffic);
            }
            return new Observation(this);
        }
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

    public Traffic traffic() {
        return traffic;
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

    /**
     * The share of the window's requests slower than {@code limitS} (e.g. over the SLO), NaN when the window's
     * latencies were not given.
     */
    public double shareAboveS(double limitS) {
        if (latenciesNs == null || latenciesNs.length == 0) {
            return Double.NaN;
        }
        long limitNs = (long) Math.floor(limitS * 1e9);
        int above = 0;
        for (int i = latenciesNs.length - 1; i >= 0 && latenciesNs[i] > limitNs; i--) {
            above++;
        }
        return above / (double) latenciesNs.length;
    }

    /** Average power over the window, W. */
    public double powerW() {
        return energyPerInferenceJ / timePerInferenceS;
    }

    /** This window's cost per inference under {@code objective}. */
    public double cost(Objective objective) {
        return objective.cost(energyPerInferenceJ, timePerInferenceS, traffic);
    }

    /** What this window says a configuration does: its energy, time, latency and traffic. */
    public Prediction asPrediction() {
        return new Prediction(energyPerInferenceJ, timePerInferenceS, latencyP95S, traffic);
    }

    @Override
    public String toString() {
        return "Observation{" + configuration + ", n=" + inferences + ", E=" + energyPerInferenceJ + " J, T="
                + timePerInferenceS + " s, p95=" + latencyP95S + " s, " + traffic.id() + ", " + temperatureC + " °C}";
    }
}
