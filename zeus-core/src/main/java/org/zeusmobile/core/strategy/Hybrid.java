package org.zeusmobile.core.strategy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
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
        int minExplorations = 0;
        double priorRelativeSd = 0.05;
        double falseAlarmsPerSample = 0.002;
        double shiftSigma = 3;
        double residualFloor = 0.02;
        double thermalMarginC = 0.3;
        double thermalLookaheadS = 60;
        int thermalSlopeWindows = 3;

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
         * How much thermal headroom the guard keeps: it backs off when the headroom is predicted to fall below
         * this within the lookahead (default 0.3 °C).
         */
        public Options thermalMarginC(double celsius) {
            this.thermalMarginC = celsius;
            return this;
        }

        /** How far ahead the guard extrapolates the headroom's trend (default 60 s). */
        public Options thermalLookaheadS(double seconds) {
            if (!(seconds >= 0)) {
                throw new IllegalArgumentException("thermal lookahead must be >= 0 s, got " + seconds);
            }
            this.thermalLookaheadS = seconds;
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
    /** The prior's predicted power of each arm, W. */
    private final Map<Configuration, Double> priorPowerW = new HashMap<>();
    /** The last few windows' power of each measured arm, W. */
    private final Map<Configuration, List<Double>> observedPowerW = new HashMap<>();
    private boolean online;
    private int changes;
    private double powerCapW = Double.POSITIVE_INFINITY;
    /** Headroom readings (clock ns, °C) since the cap last changed: the trend at the current power. */
    private final List<Long> headroomClockNs = new ArrayList<>();
    private final List<Double> headroomC = new ArrayList<>();
    private Configuration lastChoice;
    private String reason = "";
    private boolean changeSinceLastChoice;
    private Prediction baseline;
    /** What the prior's costs and latencies are multiplied by since the changes detected so far. */
    private double costScale = 1;
    private double latencyScale = 1;

    /** How many recent windows an arm's power is the median of. */
    private static final int POWER_WINDOWS = 5;

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
                reason = "warm-start probe";
                return probe;
            }
            goOnline();
        }
        reason = "Thompson sampling over " + sampler.arms().size() + " arms";
        lastChoice = choose();
        if (changeSinceLastChoice) {
            reason = "change detected, re-exploring; " + reason;
            changeSinceLastChoice = false;
        }
        return lastChoice;
    }

    @Override
    public String reason() {
        return reason;
    }

    /**
     * Adds the device's default behaviour (every knob governed) as an arm, primed with what a default run
     * measured, so that the hybrid settles on the governors wherever they beat every pinned configuration
     * (sparse traffic, a board whose default is already optimal). Call before the first {@link #next()}.
     */
    public Hybrid baseline(Prediction defaultMeasured) {
        if (defaultMeasured == null || !(defaultMeasured.energyPerInferenceJ() > 0)) {
            throw new IllegalArgumentException("the baseline needs default's measured energy per inference, got "
                    + defaultMeasured);
        }
        this.baseline = defaultMeasured;
        return this;
    }

    /** The prior's prediction; for the governed baseline, what default measured (the prior knows no such point). */
    private Prediction predict(Configuration configuration) {
        if (configuration.isGoverned()) {
            return baseline;
        }
        return prior.predict(configuration);
    }

    /** The space's neighbours; none for the governed baseline, which has no position in the space. */
    private List<Configuration> neighboursOf(Configuration configuration) {
        return configuration.isGoverned() ? new ArrayList<Configuration>() : space.neighbours(configuration);
    }

    private void goOnline() {
        online = true;
        if (baseline != null) {
            double cost = baseline.cost(objective);
            double sd = options.priorRelativeSd * cost;
            sampler.addArm(Configuration.governed(), cost, 1 / (sd * sd));
            if (baseline.powerW() > 0) {
                priorPowerW.put(Configuration.governed(), baseline.powerW());
            }
        }
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
        Prediction prediction = predict(configuration);
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
        if (prediction.powerW() > 0) {
            priorPowerW.put(configuration, prediction.powerW());
        }
    }

    private Configuration choose() {
        if (Double.isInfinite(powerCapW)) {
            Set<Configuration> excluded = predictedInfeasible();
            return excluded.size() >= sampler.arms().size() ? safest() : sampler.choose(random, excluded);
        }
        // The thermal guard: arms expected to draw more than the cap are out for now.
        Set<Configuration> tooHot = new HashSet<>();
        boolean coolAndFeasible = false;
        for (Configuration arm : sampler.arms()) {
            Double p = powerOf(arm);
            if (p != null && p > powerCapW) {
                tooHot.add(arm);
            } else if (sampler.feasible(arm)) {
                coolAndFeasible = true;
            }
        }
        reason = String.format(java.util.Locale.ROOT, "thermal guard: power cap %.2f W", powerCapW);
        if (!coolAndFeasible) {
            // Explore one step cooler where the prior expects the SLO to hold.
            Configuration coolest = coolestFeasible();
            if (coolest != null) {
                for (Configuration neighbour : neighboursOf(coolest)) {
                    Prediction p = predict(neighbour);
                    if (!sampler.hasArm(neighbour) && p != null && p.powerW() <= powerCapW
                            && objective.meetsSlo(p.latencyP95S())) {
                        addArm(neighbour, true);
                        reason += ", one step cooler";
                        return neighbour;
                    }
                }
            }
            // The SLO comes first: run the coolest arm known to meet it, and hold the cap there.
            if (coolest != null) {
                setPowerCap(Math.max(powerCapW, powerOf(coolest)));
                reason += ", coolest arm that meets the SLO";
                return coolest;
            }
            return sampler.choose(random);
        }
        tooHot.addAll(predictedInfeasible());
        return tooHot.size() >= sampler.arms().size() ? safest() : sampler.choose(random, tooHot);
    }

    /** The arm most likely to meet the SLO: the lowest measured (else rescaled predicted) p95 latency. */
    private Configuration safest() {
        reason += "; no arm expected to meet the SLO: lowest latency";
        Configuration safest = null;
        double best = Double.POSITIVE_INFINITY;
        for (Configuration arm : sampler.arms()) {
            double latency = sampler.meanLatencyP95S(arm);
            if (Double.isNaN(latency)) {
                Prediction p = predict(arm);
                latency = p == null ? Double.POSITIVE_INFINITY : p.latencyP95S() * latencyScale;
            }
            if (safest == null || latency < best) {
                safest = arm;
                best = latency;
            }
        }
        return safest;
    }

    /** The measured arm of least power whose window meets the SLO, or null. */
    private Configuration coolestFeasible() {
        Configuration coolest = null;
        for (Configuration arm : sampler.arms()) {
            Double p = powerOf(arm);
            if (p != null && sampler.observations(arm) > 0 && sampler.feasible(arm)
                    && (coolest == null || p < powerOf(coolest))) {
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
            List<Double> recent = observedPowerW.get(config);
            if (recent == null) {
                recent = new ArrayList<>();
                observedPowerW.put(config, recent);
            }
            recent.add(observation.energyPerInferenceJ() / observation.timePerInferenceS());
            if (recent.size() > POWER_WINDOWS) {
                recent.remove(0);
            }
        }
        updateThermalGuard(observation);
        if (!sampler.hasArm(config)) {
            sampler.addArm(config);
        }
        // The residuals against what this arm's window expected, before this window joins it.
        double expected = sampler.observations(config) >= 2 ? sampler.posteriorMean(config) : Double.NaN;
        double expectedP95 = sampler.meanLatencyP95S(config);
        boolean wasFeasible = sampler.observations(config) >= 2 && objective.meetsSlo(expectedP95);
        sampler.observe(config, cost, observation.latencyP95S());
        if (!Double.isNaN(expected) && expected > 0) {
            double relative = cost / expected - 1;
            double z = relative / Math.max(options.residualFloor, relativeNoise());
            // A configuration that met the SLO and now clearly misses it is a change too: react at once.
            boolean brokeSlo = wasFeasible && observation.latencyP95S() > objective.sloS() * 1.05;
            if (detector.update(z) || brokeSlo) {
                changes++;
                changeSinceLastChoice = true;
                detector.reset();
                reexplore(observation, cost / expected, observation.latencyP95S() / expectedP95);
            }
        }
    }

    private double relativeNoise() {
        return options.residualFloor;
    }

    /**
     * After a change: the costs seen so far are stale. The prior is rescaled by the shift this window showed
     * (costs by {@code costRatio}, latencies by {@code latencyRatio}), every window is cleared, arms are
     * re-primed from the rescaled prior, and the rescaled prior's best configurations and the neighbourhood of
     * the current best join as arms: local re-exploration, guided by what the prior still says.
     */
    private void reexplore(Observation trigger, double costRatio, double latencyRatio) {
        costScale *= costRatio;
        latencyScale *= latencyRatio;
        Configuration best = sampler.best();
        List<Configuration> fresh = new ArrayList<>();
        fresh.add(best);
        fresh.addAll(neighboursOf(best));
        fresh.addAll(rescaledCandidates());
        for (Configuration arm : sampler.arms()) {
            double mean = sampler.posteriorMean(arm);
            sampler.forget(arm);
            Prediction p = predict(arm);
            double primed = p != null ? p.cost(objective) * costScale : mean * costRatio;
            if (!Double.isNaN(primed) && primed > 0) {
                double sd = options.priorRelativeSd * 2 * primed;
                sampler.addArm(arm, primed, 1 / (sd * sd));
            }
        }
        for (Configuration arm : fresh) {
            if (!sampler.hasArm(arm)) {
                Prediction p = predict(arm);
                if (p == null) {
                    sampler.addArm(arm);
                } else {
                    double primed = p.cost(objective) * costScale;
                    double sd = options.priorRelativeSd * 2 * primed;
                    sampler.addArm(arm, primed, 1 / (sd * sd));
                }
            }
        }
        // The window that revealed the change belongs to the new regime.
        sampler.observe(trigger.configuration(), trigger.cost(objective), trigger.latencyP95S());
    }

    /** The prior's best configurations under the rescaled predictions (spaces up to 20 000 configurations). */
    private List<Configuration> rescaledCandidates() {
        List<Configuration> result = new ArrayList<>();
        if (space.size() > 20_000) {
            return result;
        }
        final Map<Configuration, Double> cost = new HashMap<>();
        for (Configuration c : space.all(20_000)) {
            Prediction p = predict(c);
            if (p != null && objective.meetsSlo(p.latencyP95S() * latencyScale)) {
                cost.put(c, p.cost(objective) * costScale);
            }
        }
        List<Configuration> sorted = new ArrayList<>(cost.keySet());
        Collections.sort(sorted, new java.util.Comparator<Configuration>() {
            @Override
            public int compare(Configuration a, Configuration b) {
                return Double.compare(cost.get(a), cost.get(b));
            }
        });
        for (Configuration c : sorted.subList(0, Math.min(options.candidates, sorted.size()))) {
            result.add(c);
            for (Configuration n : space.neighbours(c)) {
                Prediction p = predict(n);
                if (p == null || objective.meetsSlo(p.latencyP95S() * latencyScale)) {
                    result.add(n);
                }
            }
        }
        return result;
    }

    /** Unmeasured arms the rescaled prior expects to miss the SLO: not worth a window. */
    private Set<Configuration> predictedInfeasible() {
        Set<Configuration> out = new HashSet<>();
        for (Configuration arm : sampler.arms()) {
            if (sampler.observations(arm) == 0) {
                Prediction p = predict(arm);
                if (p != null && !objective.meetsSlo(p.latencyP95S() * latencyScale)) {
                    out.add(arm);
                }
            }
        }
        return out;
    }

    /**
     * The thermal guard. It watches the headroom to the nearest throttle trip point and its trend at the
     * current power; when the trend would use up the headroom (less {@code thermalMarginC}) within the
     * lookahead, it caps power 5% below the current arm's, so that the firmware never has to throttle. A
     * configuration whose heat levels off below the trip point keeps running: only a predicted crossing
     * counts. The cap rises again as headroom returns. Off where the device knows no trip point.
     */
    private void updateThermalGuard(Observation observation) {
        double headroom = observation.thermalHeadroomC();
        Double power = powerOf(observation.configuration());
        if (Double.isNaN(headroom) || power == null) {
            return;
        }
        headroomClockNs.add(observation.clockNs());
        headroomC.add(headroom);
        if (headroomC.size() > 4 * options.thermalSlopeWindows) {
            headroomClockNs.remove(0);
            headroomC.remove(0);
        }
        if (headroomC.size() < options.thermalSlopeWindows && headroom > options.thermalMarginC) {
            return; // the trend at this power is not known yet, and there is room
        }
        double slopeCPerS = headroomSlopeCPerS();
        double predicted = headroom + Math.min(0, slopeCPerS) * options.thermalLookaheadS;
        if (predicted < options.thermalMarginC) {
            double cap = power * 0.95;
            // Never below every configuration that may meet the SLO: latency wins over heat.
            boolean room = false;
            for (Configuration arm : sampler.arms()) {
                Double p = powerOf(arm);
                room |= p != null && p <= cap && sampler.feasible(arm);
            }
            Configuration coolest = coolestFeasible();
            if (!room && coolest != null) {
                cap = Math.max(cap, powerOf(coolest));
            }
            setPowerCap(Math.min(powerCapW, cap));
        } else if (!Double.isInfinite(powerCapW) && headroom > 3 * options.thermalMarginC && slopeCPerS >= 0) {
            // Cooling with room to spare: let warmer arms back in, a little at a time.
            setPowerCap(powerCapW * 1.02 > objective.maxPowerW() ? Double.POSITIVE_INFINITY : powerCapW * 1.02);
        }
    }

    private void setPowerCap(double capW) {
        if (capW != powerCapW) {
            powerCapW = capW;
            headroomClockNs.clear();
            headroomC.clear();
        }
    }

    /** Least-squares slope of the headroom since the cap last changed, °C/s (negative: heating); 0 with one reading. */
    private double headroomSlopeCPerS() {
        int n = headroomC.size();
        if (n < 2) {
            return 0;
        }
        double t0 = headroomClockNs.get(0);
        double meanT = 0;
        double meanH = 0;
        for (int i = 0; i < n; i++) {
            meanT += (headroomClockNs.get(i) - t0) / 1e9;
            meanH += headroomC.get(i);
        }
        meanT /= n;
        meanH /= n;
        double sTT = 0;
        double sTH = 0;
        for (int i = 0; i < n; i++) {
            double dt = (headroomClockNs.get(i) - t0) / 1e9 - meanT;
            sTT += dt * dt;
            sTH += dt * (headroomC.get(i) - meanH);
        }
        return sTT > 0 ? sTH / sTT : 0;
    }

    /**
     * The arm's power in W: the median of its last windows (one window can be off by a whole meter update,
     * 20% for a 1 s fuel gauge in a 5 s window), else the prior's prediction, else null.
     */
    private Double powerOf(Configuration arm) {
        List<Double> recent = observedPowerW.get(arm);
        if (recent == null || recent.isEmpty()) {
            return priorPowerW.get(arm);
        }
        List<Double> sorted = new ArrayList<>(recent);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
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
