package org.zeusmobile.core.strategy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.zeusmobile.core.device.Configuration;

/**
 * This project's answer to "static offline optimum or online adaptation?": warm start from a prior
 * (a stored profile or a short BO run), then windowed Gaussian Thompson sampling among the prior's top
 * configurations and their neighbours, a CUSUM change-point test on the cost residuals that re-explores
 * locally when conditions change (throttling, background load, a new input size), and a thermal guard
 * that treats configurations as infeasible before the firmware would throttle.
 */
public final class Hybrid implements Strategy {

    /** Tuning of the hybrid. */
    public static final class Options {
        int candidates = 3;
        int window = 8;
        int minExplorations = 1;
        double priorRelativeSd = 0.05;
        double falseAlarmsPerSample = 0.002;
        double shiftSigma = 3;
        double residualFloor = 0.02;
        double throttleTemperatureC = Double.NaN;
        double thermalMarginC = 4;
        double thermalLookaheadS = 10;
        int thermalHoldWindows = 3;

        /** How many of the prior's best configurations become arms (with their neighbours). */
        public Options candidates(int count) {
            this.candidates = ZeusJit.requireAtLeast(count, 1, "candidates");
            return this;
        }

        public Options window(int observations) {
            this.window = ZeusJit.requireAtLeast(observations, 1, "window");
            return this;
        }

        public Options minExplorations(int observations) {
            this.minExplorations = ZeusJit.requireAtLeast(observations, 0, "minExplorations");
            return this;
        }

        /** How much the prior's cost predictions are trusted: their relative standard deviation (default 5%). */
        public Options priorRelativeSd(double sd) {
            if (!(sd > 0)) {
                throw new IllegalArgumentException("prior relative sd must be > 0, got " + sd);
            }
            this.priorRelativeSd = sd;
            return this;
        }

        /** The change detector's false-alarm rate per window on stationary costs (default 0.002). */
        public Options falseAlarmsPerSample(double rate) {
            this.falseAlarmsPerSample = rate;
            return this;
        }

        /**
         * The firmware's throttle trip point in °C: configurations that would cross it are avoided. NaN
         * (default) turns the thermal guard off.
         */
        public Options throttleTemperatureC(double celsius) {
            this.throttleTemperatureC = celsius;
            return this;
        }

        /** How far below the trip point the guard starts backing off (default 4 °C). */
        public Options thermalMarginC(double celsius) {
            this.thermalMarginC = celsius;
            return this;
        }
    }

    private final SearchSpace space;
    private final Objective objective;
    private final Prior prior;
    private final Random random;
    private final Options options;
    private final ThompsonSampler sampler;
    private final ChangeDetector detector;
    private final Map<Configuration, Double> powerW = new HashMap<>();
    private boolean online;
    private int changes;
    private double powerCapW = Double.POSITIVE_INFINITY;
    private double lastTemperatureC = Double.NaN;
    private long lastClockNs;
    private Configuration lastChoice;
    private int windowsSinceCapChange = Integer.MAX_VALUE / 2;

    public Hybrid(SearchSpace space, Objective objective, Prior prior, Random random, Options options) {
        if (prior == null) {
            throw new IllegalArgumentException("the hybrid strategy needs a prior (a stored profile or a BO prior)");
        }
        this.space = space;
        this.objective = objective;
        this.prior = prior;
        this.random = random;
        this.options = options;
        this.sampler = new ThompsonSampler(options.window, Math.min(options.minExplorations, options.window),
                objective.sloS());
        this.detector = ChangeDetector.forFalseAlarmRate(options.falseAlarmsPerSample, options.shiftSigma);
    }

    @Override
    public String name() {
        return Strategies.HYBRID;
    }

    /** How many changes the detector has reported so far. */
    public int changesDetected() {
        return changes;
    }

    /** The power cap in W the thermal guard imposes now (infinite when none). */
    public double powerCapW() {
        return powerCapW;
    }

    public List<Configuration> arms() {
        return sampler.arms();
    }

    @Override
    public Configuration next() {
        if (!online) {
            Configuration probe = prior.nextProbe();
            if (probe != null) {
                return probe;
            }
            goOnline();
        }
        lastChoice = choose();
        return lastChoice;
    }

    private void goOnline() {
        online = true;
        List<Configuration> ranked = prior.ranked(options.candidates);
        if (ranked.isEmpty()) {
            ranked.add(space.maximum());
        }
        for (Configuration candidate : ranked) {
            addArm(candidate, true);
        }
        for (Configuration candidate : ranked) {
            for (Configuration neighbour : space.neighbours(candidate)) {
                addArm(neighbour, false);
            }
        }
    }

    /** Adds an arm with the prior's prediction; neighbours the prior expects to miss the SLO are left out. */
    private void addArm(Configuration configuration, boolean candidate) {
        if (sampler.hasArm(configuration)) {
            return;
        }
        Prediction prediction = prior.predict(configuration);
        if (prediction == null) {
            sampler.addArm(configuration);
            return;
        }
        if (!candidate && !objective.meetsSlo(prediction.latencyP95S())) {
            return;
        }
        double cost = prediction.cost(objective);
        double sd = options.priorRelativeSd * cost;
        sampler.addArm(configuration, cost, 1 / (sd * sd));
        if (!powerW.containsKey(configuration) && prediction.powerW() > 0) {
            powerW.put(configuration, prediction.powerW());
        }
    }

    private Configuration choose() {
        if (Double.isInfinite(powerCapW)) {
            return sampler.choose(random);
        }
        // The thermal guard: arms expected to draw more than the cap are out for now.
        Set<Configuration> tooHot = new HashSet<>();
        boolean coolAndFeasible = false;
        for (Configuration arm : sampler.arms()) {
            Double p = powerW.get(arm);
            if (p != null && p > powerCapW) {
                tooHot.add(arm);
            } else if (sampler.feasible(arm)) {
                coolAndFeasible = true;
            }
        }
        if (!coolAndFeasible) {
            // Explore one step cooler where the prior expects the SLO to hold.
            Configuration coolest = coolestFeasible();
            if (coolest != null) {
                for (Configuration neighbour : space.neighbours(coolest)) {
                    Prediction p = prior.predict(neighbour);
                    if (!sampler.hasArm(neighbour) && p != null && p.powerW() <= powerCapW
                            && objective.meetsSlo(p.latencyP95S())) {
                        addArm(neighbour, true);
                        return neighbour;
                    }
                }
            }
            // The SLO comes first: run the coolest arm known to meet it, and hold the cap there.
            if (coolest != null) {
                powerCapW = Math.max(powerCapW, powerW.get(coolest));
                return coolest;
            }
            return sampler.choose(random);
        }
        return sampler.choose(random, tooHot);
    }

    /** The measured arm of least power whose window meets the SLO, or null. */
    private Configuration coolestFeasible() {
        Configuration coolest = null;
        for (Configuration arm : sampler.arms()) {
            Double p = powerW.get(arm);
            if (p != null && sampler.observations(arm) > 0 && sampler.feasible(arm)
                    && (coolest == null || p < powerW.get(coolest))) {
                coolest = arm;
            }
        }
        return coolest;
    }

    @Override
    public void observe(Observation observation) {
        if (!online) {
            prior.observe(observation);
            return;
        }
        Configuration config = observation.configuration();
        double cost = observation.cost(objective);
        if (observation.timePerInferenceS() > 0) {
            powerW.put(config, observation.energyPerInferenceJ() / observation.timePerInferenceS());
        }
        updateThermalGuard(observation);
        if (!sampler.hasArm(config)) {
            sampler.addArm(config);
        }
        // The residual against what this arm's window expected, before this window joins it.
        double expected = sampler.observations(config) >= 2 ? sampler.posteriorMean(config) : Double.NaN;
        sampler.observe(config, cost, observation.latencyP95S());
        if (!Double.isNaN(expected) && expected > 0) {
            double relative = cost / expected - 1;
            double z = relative / Math.max(options.residualFloor, relativeNoise());
            if (detector.update(z)) {
                changes++;
                reexplore(config, cost / expected);
            }
        }
    }

    private double relativeNoise() {
        return options.residualFloor;
    }

    /**
     * After a change: the costs seen so far are stale. Every prior mean is scaled by the observed shift,
     * the windows are cleared, and the neighbourhood of the current best is (re)added for local exploration.
     */
    private void reexplore(Configuration where, double ratio) {
        Configuration best = sampler.best();
        LinkedHashSet<Configuration> local = new LinkedHashSet<>();
        local.add(where);
        local.add(best);
        local.addAll(space.neighbours(best));
        for (Configuration arm : sampler.arms()) {
            double mean = sampler.posteriorMean(arm);
            sampler.forget(arm);
            if (!Double.isNaN(mean)) {
                double sd = options.priorRelativeSd * 2 * mean * ratio;
                sampler.addArm(arm, mean * ratio, 1 / (sd * sd));
            }
        }
        for (Configuration arm : new ArrayList<>(local)) {
            if (!sampler.hasArm(arm)) {
                sampler.addArm(arm);
            }
        }
    }

    private void updateThermalGuard(Observation observation) {
        double trip = options.throttleTemperatureC;
        double temperature = observation.temperatureC();
        if (Double.isNaN(trip) || Double.isNaN(temperature)) {
            return;
        }
        double slopeCPerS = 0;
        if (!Double.isNaN(lastTemperatureC) && observation.clockNs() > lastClockNs) {
            slopeCPerS = (temperature - lastTemperatureC) / ((observation.clockNs() - lastClockNs) / 1e9);
        }
        lastTemperatureC = temperature;
        lastClockNs = observation.clockNs();
        double predicted = temperature + Math.max(0, slopeCPerS) * options.thermalLookaheadS;
        Double power = powerW.get(observation.configuration());
        if (power == null) {
            return;
        }
        windowsSinceCapChange++;
        // The temperature lags the power: after lowering the cap, give it a few windows to show its effect.
        if (predicted >= trip - options.thermalMarginC && temperature >= trip - 2 * options.thermalMarginC
                && windowsSinceCapChange >= options.thermalHoldWindows) {
            powerCapW = Math.min(powerCapW, power * 0.95);
            windowsSinceCapChange = 0;
            // Never below every configuration that may meet the SLO: latency wins over heat.
            boolean room = false;
            for (Configuration arm : sampler.arms()) {
                Double p = powerW.get(arm);
                room |= p != null && p <= powerCapW && sampler.feasible(arm);
            }
            Configuration coolest = coolestFeasible();
            if (!room && coolest != null) {
                powerCapW = Math.max(powerCapW, powerW.get(coolest));
            }
        } else if (temperature < trip - 2 * options.thermalMarginC && !Double.isInfinite(powerCapW)) {
            powerCapW *= 1.02;
            if (powerCapW > objective.maxPowerW()) {
                powerCapW = Double.POSITIVE_INFINITY;
            }
        }
    }

    @Override
    public Configuration best() {
        if (!online) {
            List<Configuration> ranked = prior.ranked(1);
            return ranked.isEmpty() ? space.maximum() : ranked.get(0);
        }
        return sampler.best();
    }
}
