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
 *
 * <p>It never loses to the default behaviour by much: a {@link LossBudget} runs an arm that may cost more than
 * the governors only while the run's cost stays within 1% of the governors' (the governed arm is the fallback),
 * and an arm not yet known to meet the SLO only while the run's requests over the SLO, with the late requests a
 * trial may cost, stay within 0.3% above default's own share. An arm meets the SLO while at most 0.5% of its
 * requests were over it, or no more than in default's own run ({@link SloTally}; not merely its p95: a p95 at the
 * SLO puts 5% of requests over it; the governors always meet it, as the reference never-lose is measured against).
 * Arms never measured are tried only with 5% of the SLO to spare; on a device that starts within a firmware
 * mitigation step's spacing of a trip point (a phone warm from earlier use), one the prior expects to draw more than
 * the governors drew there only with the room that step's caps could take ({@link PriorArms#throttledLatencyBoundS});
 * and an arm on trial whose requests come back late ends its window at once ({@link TrialWindow}). In a pause
 * without requests the arm that idles cheapest runs (the governors, as a rule). Under open loop a window's cost is
 * its power times the run's mean time per inference (far less noisy than its own energy per inference). Once the
 * best arm is known, its neighbours that the prior, calibrated on the best arm's measurements, expects to be cheaper
 * join as arms, so the search climbs past what the prior ranked.
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
    /**
     * An arm that met the SLO and now misses it by this much has changed, whatever its cost says. At the SLO itself:
     * a window whose p95 is over it has 5% of its requests late, ten times what an arm may have, and when heat
     * slows one arm by a few percent it slows the others that had as little room.
     */
    private static final double SLO_BREAK = 1.0;
    /** The share of an arm's requests that may be over the SLO for the arm to count as meeting it. */
    static final double ARM_SLO_TOLERANCE = 0.005;
    /** Fewer late requests than this never condemn an arm (one outlier is not a trend). */
    private static final int ARM_SLO_MIN_MISSES = 2;
    /** The share of the run's requests over the SLO beyond which only arms known to meet it run. */
    static final double RUN_SLO_TOLERANCE = 0.003;
    /** The share above the governors' cost the run may spend exploring. */
    static final double COST_SLACK = 0.01;
    /** The share of the SLO a never-measured arm's predicted p95 may reach. */
    private static final double UNMEASURED_SLO_SHARE = 0.95;

    private final SearchSpace space;
    private final Objective objective;
    private final Prior prior;
    private final Random random;
    /** The prior's relative sd: the option's, or default's window-to-window spread where that is wider. */
    private double priorRelativeSd;
    private final ThompsonSampler sampler;
    private final ChangeDetector detector;
    private final ArmPowers powers = new ArmPowers();
    private final WindowCost windowCost;
    private final SloTally slo = new SloTally(ARM_SLO_TOLERANCE, ARM_SLO_MIN_MISSES);
    private final ThermalGuard guard;
    private final TrialWindow trial;
    private final java.util.Set<Configuration> expanded = new HashSet<>();
    /** The cheapest window each arm has had: what it costs unthrottled, for telling whether throttling hurts. */
    private final java.util.Map<Configuration, Double> lowestCost = new java.util.HashMap<>();
    private PriorArms arms;
    private CoolerArms cooler;
    private LossBudget budget;
    private ArmAdmission admission;
    private Prediction baseline;
    private double baselineIdleW = Double.NaN;
    /** The share of default's requests over the SLO in its own run, NaN when unknown. */
    private double baselineLateShare = Double.NaN;
    /** The thermal headroom at the end of the last window, °C (NaN before one, or without trip points). */
    private double lastHeadroomC = Double.NaN;
    private boolean online;
    /** Whether the run started within a mitigation step's spacing of a trip point: the firmware may be capping. */
    private boolean startedHot;
    /** The traffic the last window showed, or the one the run was started with; null while unknown. */
    private Traffic traffic;
    /** Whether the last window served no request: the device idles until the traffic resumes. */
    private boolean paused;
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
        // Feasibility is the SloTally's (requests counted over the run), not the sampler's (window means).
        this.sampler = new ThompsonSampler(WINDOW, 0, Double.POSITIVE_INFINITY);
        this.windowCost = new WindowCost(objective);
        this.detector = ChangeDetector.forFalseAlarmRate(options.falseAlarmsPerSample, SHIFT_SIGMA);
        this.trial = new TrialWindow(objective);
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
        return baseline(Baseline.of(defaultMeasured));
    }

    /** The default behaviour as an arm, from what its busy windows measured and what it drew idle. */
    public Hybrid baseline(Prediction busyMeasured, double idlePowerW) {
        return baseline(new Baseline(busyMeasured, idlePowerW, Double.NaN, Double.NaN));
    }

    /**
     * The default behaviour as an arm, from what a default run measured ({@link Baseline}). Under bursty traffic
     * its busy windows and its idle power tell apart what the governors spend serving, which compares with the
     * prior's predictions, from what they spend waiting, which the loss budget holds every pause to. Its windows'
     * spread is a floor on the prior's: a profile measured one window per configuration under the same traffic is
     * no surer of a configuration's cost than one window is.
     */
    public Hybrid baseline(Baseline measured) {
        if (online) {
            throw new IllegalStateException("give the hybrid its baseline before its first window");
        }
        this.baseline = measured.busy();
        this.baselineIdleW = measured.idlePowerW();
        this.baselineLateShare = measured.lateShare();
        if (measured.windowCostRelativeSd() > priorRelativeSd) {
            this.priorRelativeSd = measured.windowCostRelativeSd();
        }
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
        Configuration choice = decide();
        trial.start(choice, online && !choice.equals(arms.governedArm())
                && !(sampler.observations(choice) > 0 && meetsSlo(choice)));
        return choice;
    }

    /** Ends the window of an arm on trial once enough of its requests were late ({@link TrialWindow}). */
    @Override
    public boolean endWindowEarly(long[] batchLatenciesNs) {
        return trial.endsAfter(batchLatenciesNs);
    }

    private Configuration decide() {
        if (!online) {
            Configuration probe = prior.nextProbe();
            if (probe != null) {
                reason = "warm-start probe";
                return probe;
            }
            goOnline();
        }
        if (paused) {
            // No request to serve: what the arms cost busy does not matter, only what they draw idle.
            reason = "a pause without requests: the arm that idles cheapest";
            return windowCost.cheapestIdle(this::meetsSlo, arms.governedArm());
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
        cooler = new CoolerArms(objective, arms, sampler, powers, slo, UNMEASURED_SLO_SHARE);
        budget = new LossBudget(baseline == null ? Double.NaN : baseline.cost(objective),
                baseline == null ? Double.NaN : baseline.timePerInferenceS(), baselineIdleW, COST_SLACK,
                RUN_SLO_TOLERANCE);
        admission = new ArmAdmission(objective, arms, sampler, slo, budget, UNMEASURED_SLO_SHARE);
        windowCost.knowIdlePower(arms.governedArm(), baselineIdleW);
        slo.reference(arms.governedArm(), baselineLateShare);
        for (Configuration arm : arms.startingArms(CANDIDATES)) {
            arms.prime(sampler, arm, 1, powers);
        }
    }

    private Configuration choose() {
        Set<Configuration> excluded = admission.excluded(traffic, mayBeThrottled());
        if (Double.isInfinite(guard.capW())) {
            return chooseAmong(excluded);
        }
        cooler.descendBelow(guard.capW(), excluded, this::expectedCost);
        // The thermal guard: arms expected to draw more than the cap are out for now, unless it stands down.
        boolean coolAndFeasible = false;
        double coolCost = Double.POSITIVE_INFINITY;
        double hotCost = Double.POSITIVE_INFINITY;
        Set<Configuration> hot = new HashSet<>();
        for (Configuration arm : sampler.arms()) {
            Double p = powers.powerW(arm);
            double cost = excluded.contains(arm) ? Double.POSITIVE_INFINITY : expectedCost(arm);
            if (p != null && p > guard.capW()) {
                hot.add(arm);
                hotCost = Math.min(hotCost, cost);
            } else {
                coolCost = Math.min(coolCost, cost);
                coolAndFeasible |= meetsSlo(arm);
            }
        }
        if (guard.standsDown(coolCost, hotCost)) {
            reason = String.format(java.util.Locale.ROOT, "thermal guard stands down: backing off below %.2f W "
                    + "would cost %.0f%% more", guard.capW(), 100 * (coolCost / hotCost - 1));
            return chooseAmong(excluded);
        }
        excluded.addAll(hot);
        reason = String.format(java.util.Locale.ROOT, "thermal guard: power cap %.2f W", guard.capW());
        if (!coolAndFeasible || guard.wantsCooler()) {
            return coolerOrSafest();
        }
        return chooseAmong(excluded);
    }

    /** What {@code arm} is expected to cost: its posterior mean once measured, else the prior's; NaN unknown. */
    private double expectedCost(Configuration arm) {
        return sampler.observations(arm) > 0 ? sampler.posteriorMean(arm) : arms.expectedCost(arm);
    }

    /** Thompson sampling among the arms not {@code excluded}; the governors (else the safest arm) when none is left. */
    private Configuration chooseAmong(Set<Configuration> excluded) {
        if (excluded.size() < sampler.arms().size()) {
            return sampler.choose(random, excluded);
        }
        if (sampler.hasArm(arms.governedArm())) {
            reason += "; never lose: the governors";
            return arms.governedArm();
        }
        reason += "; no arm expected to meet the SLO: lowest latency";
        return safest();
    }

    /**
     * Nothing feasible fits under the cap, or the coolest that does still heats too much: explore one step cooler
     * than the coolest arm that meets the SLO, where the prior expects it to hold; else run that arm and hold the
     * cap there (the SLO comes first).
     */
    private Configuration coolerOrSafest() {
        Configuration coolest = cooler.coolestFeasible();
        if (coolest == null) {
            return sampler.choose(random);
        }
        List<Configuration> steps = cooler.neighboursOf(coolest);
        if (!steps.isEmpty()) {
            cooler.join(steps.get(0), coolest);
            reason += ", one step cooler";
            return steps.get(0);
        }
        guard.holdAtLeast(powers.powerW(coolest));
        reason += ", coolest arm that meets the SLO";
        return coolest;
    }

    /** The arm most likely to meet the SLO: the lowest expected p95 latency (unknown ones last). */
    private Configuration safest() {
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

    /**
     * Whether the device may be past a mitigation step since before the run, its caps on under default's measured
     * run too: while a device that started within a step's spacing of a trip point stays there (past a step the
     * headroom is to the next one). A device that started cooler meets its trips during the run, where the thermal
     * guard and the change detector see them coming.
     */
    private boolean mayBeThrottled() {
        return startedHot && !(lastHeadroomC >= ThermalGuard.STEP_SPACING_C);
    }

    @Override
    public void observeStart(double thermalHeadroomC, Traffic traffic) {
        startedHot = thermalHeadroomC < ThermalGuard.STEP_SPACING_C;
        if (traffic != null) {
            this.traffic = traffic;
        }
    }

    @Override
    public void observe(Observation observation) {
        traffic = observation.traffic();
        if (!online) {
            prior.observe(observation);
            return;
        }
        paused = false;
        Configuration config = observation.configuration();
        double overSlo = shareOverSlo(observation);
        if (config.equals(arms.governedArm())) {
            budget.accountAtDefault(observation.inferences(), observation.cost(objective), overSlo);
        } else {
            budget.account(observation.inferences(), observation.timePerInferenceS() * observation.inferences(),
                    observation.cost(objective), overSlo);
        }
        double cost = windowCost.of(observation);
        if (!(observation.thermalHeadroomC() < 0)) {
            powers.observe(config, observation.powerW()); // past a trip the firmware's caps, not the arm, set it
        }
        guard.observe(observation.clockNs(), observation.thermalHeadroomC(), powers.powerW(config), cooler);
        if (!sampler.hasArm(config)) {
            sampler.addArm(config);
        }
        // The residuals against what this arm's window expected, before this window joins it.
        double expected = sampler.observations(config) >= 2 ? sampler.posteriorMean(config) : Double.NaN;
        double expectedSd = sampler.posteriorSd(config);
        double expectedP95 = arms.expectedLatencyS(config);
        boolean wasFeasible = sampler.observations(config) >= 1 && meetsSlo(config);
        // Near a trip point (at either end of the window: past a trip the headroom is to the next one), an arm
        // expected to meet the SLO that misses it says the heat slowed every arm.
        boolean nearTrip = Math.min(lastHeadroomC, observation.thermalHeadroomC()) < ThermalGuard.NEAR_TRIP_C;
        lastHeadroomC = observation.thermalHeadroomC();
        boolean expectedToMeet = wasFeasible || (nearTrip && objective.meetsSlo(expectedP95 / UNMEASURED_SLO_SHARE));
        Double lowest = lowestCost.get(config);
        guard.learn(observation.thermalHeadroomC(), lowest == null ? 1 : cost / lowest, overSlo > ARM_SLO_TOLERANCE);
        if (lowest == null || cost < lowest) {
            lowestCost.put(config, cost);
        }
        sampler.observe(config, cost, 0);
        slo.record(config, observation.inferences(), overSlo);
        arms.measuredLatency(config, observation.latencyP95S());
        boolean costShifted = false;
        if (expected > 0) {
            // Standardised by the predictive spread (the windows' own noise and what the window mean is unsure
            // of), so that the false-alarm rate holds on a noisy meter too.
            double noise = Math.max(RESIDUAL_FLOOR, sampler.relativeNoiseSd());
            costShifted = detector.update((cost / expected - 1) / Math.hypot(noise, expectedSd / expected));
        }
        // A configuration that met the SLO and now misses it is a change too, from its second window on (near a trip
        // point from its first): react at once, before every other arm with as little room is found out by a late
        // window of its own.
        boolean brokeSlo = expectedToMeet && observation.latencyP95S() > objective.sloS() * SLO_BREAK;
        if (costShifted || brokeSlo) {
            changes++;
            changeSinceLastChoice = true;
            detector.reset();
            reexplore(observation, cost, expected > 0 ? cost / expected : 1, observation.latencyP95S() / expectedP95);
            return;
        }
        expand();
    }

    /**
     * A pause without requests: the loss budget holds its energy to what the governors spend idle, it prices
     * each arm's idle power into its cost, and until requests come back the arm that idles cheapest runs (the
     * governors, which drop their clocks and the memory bus in a pause, unless an arm was measured idling for less).
     */
    @Override
    public void observeIdle(Configuration configuration, double energyJ, double elapsedS) {
        if (!online) {
            return;
        }
        budget.accountIdle(energyJ, elapsedS, configuration.equals(arms.governedArm()));
        windowCost.pause(configuration, energyJ, elapsedS, !paused);
        paused = true;
    }

    /** The window's share of requests over the SLO; without its latencies, all of them or none by its p95. */
    private double shareOverSlo(Observation observation) {
        double share = observation.shareAboveS(objective.sloS());
        if (!Double.isNaN(share)) {
            return share;
        }
        return objective.meetsSlo(observation.latencyP95S()) ? 0 : 1;
    }

    /**
     * Local search past the prior's ranking: once the best arm has two windows, its neighbours join as arms where
     * the prior, calibrated on the best arm's measured cost and latency, expects them to be cheaper and to meet
     * the SLO with room to spare.
     */
    private void expand() {
        Configuration best = best();
        if (best.equals(arms.governedArm()) || sampler.observations(best) < 2 || !meetsSlo(best)
                || !expanded.add(best)) {
            return;
        }
        for (Configuration neighbour : arms.cheaperNeighbours(best, sampler.posteriorMean(best),
                UNMEASURED_SLO_SHARE)) {
            if (!sampler.hasArm(neighbour)) {
                arms.prime(sampler, neighbour, 1, powers);
            }
        }
    }

    /**
     * After a change: the costs seen so far are stale. What is known is rescaled by the shift this window showed
     * (costs by {@code costRatio}, latencies by {@code latencyRatio}), every window is cleared, arms are
     * re-primed from the rescaled prior (with twice its spread), and the rescaled prior's best configurations
     * and the neighbourhood of the current best join as arms: local re-exploration, guided by what the prior
     * still says.
     */
    private void reexplore(Observation trigger, double triggerCost, double costRatio, double latencyRatio) {
        arms.rescale(costRatio, latencyRatio);
        Configuration best = best();
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
        slo.clear();
        sampler.observe(trigger.configuration(), triggerCost, 0);
        slo.record(trigger.configuration(), trigger.inferences(), shareOverSlo(trigger));
        arms.measuredLatency(trigger.configuration(), trigger.latencyP95S());
        expanded.clear();
        cooler.clear();
    }

    @Override
    public Configuration best() {
        if (!online) {
            List<Configuration> ranked = prior.ranked(1);
            return ranked.isEmpty() ? space.maximum() : ranked.get(0);
        }
        Configuration best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (Configuration arm : sampler.arms()) {
            double cost = sampler.posteriorMean(arm);
            if (sampler.observations(arm) > 0 && meetsSlo(arm) && cost < bestCost) {
                best = arm;
                bestCost = cost;
            }
        }
        return best != null ? best : safest();
    }

    /** Whether {@code arm}'s requests so far meet the SLO (see {@link SloTally}). */
    private boolean meetsSlo(Configuration arm) {
        return slo.meets(arm);
    }
}
