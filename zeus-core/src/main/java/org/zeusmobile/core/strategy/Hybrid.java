package org.zeusmobile.core.strategy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.zeusmobile.core.device.Configuration;

/**
 * This project's answer to "static offline optimum or online adaptation?": warm start from a prior
 * (a stored profile or a short BO run), then windowed Gaussian Thompson sampling among the prior's top
 * configurations, their neighbours and the device's own governors ({@link PriorArms}), a CUSUM change-point
 * test on the cost residuals that re-explores locally when conditions change (throttling, background load, a
 * new input size), and a {@link ThermalGuard} that treats configurations as infeasible before the firmware
 * would throttle. Costs are the objective's for the traffic the controller saw ({@link Traffic}), so the
 * prior's spread, the residuals and the exploration all work in energy per inference under open loop.
 */
public final class Hybrid implements Strategy {

    /** Tuning of the hybrid. */
    public static final class Options {
        double priorRelativeSd = 0.05;
        double falseAlarmsPerSample = 0.002;
        double thermalMarginC = 0.3;
        double thermalLookaheadS = 60;

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
            if (!(rate > 0 && rate < 1)) {
                throw new IllegalArgumentException("false-alarm rate must be in (0, 1) per window, got " + rate);
            }
            this.falseAlarmsPerSample = rate;
            return this;
        }

        /**
         * How much thermal headroom the guard keeps: it backs off when the headroom is predicted to fall below
         * this within the lookahead (default 0.3 °C).
         */
        public Options thermalMarginC(double celsius) {
            if (!(celsius >= 0)) {
                throw new IllegalArgumentException("thermal margin must be >= 0 °C, got " + celsius);
            }
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

    /** How many of the prior's best configurations become arms (with their neighbours). */
    private static final int CANDIDATES = 3;
    /** Observations each arm's Thompson window remembers. */
    private static final int WINDOW = 8;
    /** The smallest shift the change detector looks for, in noise standard deviations. */
    private static final double SHIFT_SIGMA = 3;
    /** The cost noise assumed at least, relative: residuals are never standardised by less. */
    private static final double RESIDUAL_FLOOR = 0.02;
    /** Windows at one power before the thermal guard trusts the headroom's trend. */
    private static final int THERMAL_SLOPE_WINDOWS = 3;
    /** An arm that met the SLO and now misses it by this much has changed, whatever its cost says. */
    private static final double SLO_BREAK = 1.05;

    private final SearchSpace space;
    private final Objective objective;
    private final Prior prior;
    private final Random random;
    private final double priorRelativeSd;
    private final ThompsonSampler sampler;
    private final ChangeDetector detector;
    private final ArmPowers powers = new ArmPowers();
    private final ThermalGuard guard;
    private PriorArms arms;
    private Prediction baseline;
    private boolean online;
    private int changes;
    private boolean changeSinceLastChoice;
    private String reason = "";

    public Hybrid(SearchSpace space, Objective objective, Prior prior, Random random, Options options) {
        if (prior == null) {
            throw new IllegalArgumentException("the hybrid strategy needs a prior (a stored profile or a BO prior)");
        }
        this.space = space;
        this.objective = objective;
        this.prior = prior;
        this.random = random;
        this.priorRelativeSd = options.priorRelativeSd;
        this.sampler = new ThompsonSampler(WINDOW, 0, objective.sloS());
        this.detector = ChangeDetector.forFalseAlarmRate(options.falseAlarmsPerSample, SHIFT_SIGMA);
        this.guard = new ThermalGuard(options.thermalMarginC, options.thermalLookaheadS, THERMAL_SLOPE_WINDOWS,
                objective.maxPowerW());
    }

    @Override
    public String name() {
        return Strategies.HYBRID;
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
        if (online) {
            throw new IllegalStateException("give the hybrid its baseline before its first window");
        }
        this.baseline = defaultMeasured;
        return this;
    }

    /** How many changes the detector has reported so far. */
    public int changesDetected() {
        return changes;
    }

    /** The power cap in W the thermal guard imposes now (infinite when none). */
    public double powerCapW() {
        return guard.capW();
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
        Configuration choice = choose();
        if (changeSinceLastChoice) {
            reason = "change detected, re-exploring; " + reason;
            changeSinceLastChoice = false;
        }
        return choice;
    }

    @Override
    public String reason() {
        return reason;
    }

    private void goOnline() {
        online = true;
        arms = new PriorArms(space, objective, prior, baseline, priorRelativeSd);
        for (Configuration arm : arms.startingArms(CANDIDATES)) {
            arms.prime(sampler, arm, 1, powers);
        }
    }

    private Configuration choose() {
        Set<Configuration> excluded = expectedToMissSlo();
        if (Double.isInfinite(guard.capW())) {
            return excluded.size() >= sampler.arms().size() ? safest() : sampler.choose(random, excluded);
        }
        // The thermal guard: arms expected to draw more than the cap are out for now.
        boolean coolAndFeasible = false;
        for (Configuration arm : sampler.arms()) {
            Double p = powers.powerW(arm);
            if (p != null && p > guard.capW()) {
                excluded.add(arm);
            } else if (sampler.feasible(arm)) {
                coolAndFeasible = true;
            }
        }
        reason = String.format(java.util.Locale.ROOT, "thermal guard: power cap %.2f W", guard.capW());
        if (!coolAndFeasible) {
            return coolerOrSafest();
        }
        return excluded.size() >= sampler.arms().size() ? safest() : sampler.choose(random, excluded);
    }

    /**
     * Nothing feasible fits under the cap: explore one step cooler than the coolest arm that meets the SLO,
     * where the prior expects it to hold; else run that arm and hold the cap there (the SLO comes first).
     */
    private Configuration coolerOrSafest() {
        Configuration coolest = coolestFeasible();
        if (coolest == null) {
            return sampler.choose(random);
        }
        for (Configuration neighbour : arms.neighboursOf(coolest)) {
            Prediction p = arms.predict(neighbour);
            if (!sampler.hasArm(neighbour) && p != null && p.powerW() <= guard.capW()
                    && !arms.expectedToMissSlo(neighbour)) {
                arms.prime(sampler, neighbour, 1, powers);
                reason += ", one step cooler";
                return neighbour;
            }
        }
        guard.holdAtLeast(powers.powerW(coolest));
        reason += ", coolest arm that meets the SLO";
        return coolest;
    }

    /** The arm most likely to meet the SLO: the lowest expected p95 latency (unknown ones last). */
    private Configuration safest() {
        reason += "; no arm expected to meet the SLO: lowest latency";
        Configuration safest = null;
        double best = Double.POSITIVE_INFINITY;
        for (Configuration arm : sampler.arms()) {
            double latency = arms.expectedLatencyS(arm);
            if (safest == null || latency < best) {
                safest = arm;
                best = Double.isNaN(latency) ? Double.POSITIVE_INFINITY : latency;
            }
        }
        return safest;
    }

    /** The measured arm of least power whose window meets the SLO, or null. */
    private Configuration coolestFeasible() {
        Configuration coolest = null;
        for (Configuration arm : sampler.arms()) {
            Double p = powers.powerW(arm);
            if (p != null && sampler.observations(arm) > 0 && sampler.feasible(arm)
                    && (coolest == null || p < powers.powerW(coolest))) {
                coolest = arm;
            }
        }
        return coolest;
    }

    /** Arms not measured in their current window that what is known says miss the SLO: not worth a window. */
    private Set<Configuration> expectedToMissSlo() {
        Set<Configuration> out = new HashSet<>();
        for (Configuration arm : sampler.arms()) {
            if (sampler.observations(arm) == 0 && arms.expectedToMissSlo(arm)) {
                out.add(arm);
            }
        }
        return out;
    }

    @Override
    public void observe(Observation observation) {
        if (!online) {
            prior.observe(observation);
            return;
        }
        Configuration config = observation.configuration();
        double cost = observation.cost(objective);
        powers.observe(config, observation.powerW());
        guard.observe(observation.clockNs(), observation.thermalHeadroomC(), powers.powerW(config), guardView());
        if (!sampler.hasArm(config)) {
            sampler.addArm(config);
        }
        // The residuals against what this arm's window expected, before this window joins it.
        double expected = sampler.observations(config) >= 2 ? sampler.posteriorMean(config) : Double.NaN;
        double expectedP95 = sampler.meanLatencyP95S(config);
        boolean wasFeasible = sampler.observations(config) >= 2 && objective.meetsSlo(expectedP95);
        sampler.observe(config, cost, observation.latencyP95S());
        arms.measuredLatency(config, sampler.meanLatencyP95S(config));
        if (Double.isNaN(expected) || !(expected > 0)) {
            return;
        }
        // Standardised by the windows' own noise, so that the false-alarm rate holds on a noisy meter too.
        double z = (cost / expected - 1) / Math.max(RESIDUAL_FLOOR, sampler.relativeNoiseSd());
        // A configuration that met the SLO and now clearly misses it is a change too: react at once.
        boolean brokeSlo = wasFeasible && observation.latencyP95S() > objective.sloS() * SLO_BREAK;
        if (detector.update(z) || brokeSlo) {
            changes++;
            changeSinceLastChoice = true;
            detector.reset();
            reexplore(observation, cost / expected, observation.latencyP95S() / expectedP95);
        }
    }

    private ThermalGuard.Arms guardView() {
        return new ThermalGuard.Arms() {
            @Override
            public Double coolestFeasibleW() {
                Configuration coolest = coolestFeasible();
                return coolest == null ? null : powers.powerW(coolest);
            }

            @Override
            public boolean feasibleAtOrBelow(double capW) {
                for (Configuration arm : sampler.arms()) {
                    Double p = powers.powerW(arm);
                    if (p != null && p <= capW && sampler.feasible(arm)) {
                        return true;
                    }
                }
                return false;
            }
        };
    }

    /**
     * After a change: the costs seen so far are stale. What is known is rescaled by the shift this window showed
     * (costs by {@code costRatio}, latencies by {@code latencyRatio}), every window is cleared, arms are
     * re-primed from the rescaled prior (with twice its spread), and the rescaled prior's best configurations
     * and the neighbourhood of the current best join as arms: local re-exploration, guided by what the prior
     * still says.
     */
    private void reexplore(Observation trigger, double costRatio, double latencyRatio) {
        arms.rescale(costRatio, latencyRatio);
        Configuration best = sampler.best();
        List<Configuration> fresh = new ArrayList<>();
        fresh.add(best);
        fresh.addAll(arms.neighboursOf(best));
        fresh.addAll(arms.rescaledCandidates(CANDIDATES));
        for (Configuration arm : sampler.arms()) {
            double mean = sampler.posteriorMean(arm);
            sampler.forget(arm);
            if (arms.predict(arm) != null) {
                arms.prime(sampler, arm, 2, powers);
            } else if (mean * costRatio > 0) {
                double sd = priorRelativeSd * 2 * mean * costRatio;
                sampler.addArm(arm, mean * costRatio, 1 / (sd * sd));
            }
        }
        for (Configuration arm : fresh) {
            if (!sampler.hasArm(arm)) {
                arms.prime(sampler, arm, 2, powers);
            }
        }
        // The window that revealed the change belongs to the new regime.
        sampler.observe(trigger.configuration(), trigger.cost(objective), trigger.latencyP95S());
        arms.measuredLatency(trigger.configuration(), trigger.latencyP95S());
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
