package org.zeusmobile.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.zeusmobile.bo.PolythrottleBo;
import org.zeusmobile.core.control.Controller;
import org.zeusmobile.core.control.RunResult;
import org.zeusmobile.core.control.Window;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.strategy.Objective;
import org.zeusmobile.core.strategy.Observation;
import org.zeusmobile.core.strategy.Prediction;
import org.zeusmobile.core.strategy.ProfilePrior;
import org.zeusmobile.core.strategy.SearchSpace;
import org.zeusmobile.core.strategy.StaticStrategy;
import org.zeusmobile.core.strategy.Strategies;
import org.zeusmobile.core.strategy.Strategy;
import org.zeusmobile.core.strategy.StrategyContext;
import org.zeusmobile.sim.SimulatedDevice;

/**
 * Runs every strategy on the same simulated device, model, trace, scenario and SLO, over several seeds, and reports
 * each against {@code default} (the governors at batch 1), {@code default-batched} (the governors at the largest
 * batch that meets the SLO) and the oracle, with the saving split into batching and DVFS ({@link SavingSplit}).
 * {@code default} runs first: without {@code --slo-ms} the SLO is 1.5 x its p95. The yardsticks are then found by
 * running candidates through the scenario ({@link StaticSearch}); each (strategy, seed) run gets a fresh device
 * ({@link ScenarioRunner}). In phased scenarios {@code oracle-dynamic} switches to each phase's best configuration
 * (on the simulator's steady-state model) at the change.
 *
 * <p>The hybrid's warm start is a stored profile ({@link ProfileStore}, keyed by device identity, model hash,
 * trace and sequence length). Without one, it is made offline once, by a 30-sample BO run on a separate device
 * instance (not counted in any strategy's run), and stored for later runs.
 */
public final class ComparisonHarness {

    /** Told as runs start, for progress displays. */
    public interface Progress {
        void run(String strategy, long seed, int index, int total);

        /** Told after each measurement window of a strategy's run, for live displays. */
        default void window(String strategy, long seed, Window window) {
        }
    }

    public static final String ORACLE_DYNAMIC = "oracle-dynamic";
    /** Samples of the offline BO profile that warm-starts the hybrid. */
    public static final int PROFILE_SAMPLES = 30;

    private final CompareOptions options;
    private final ScenarioRunner runner;

    public ComparisonHarness(CompareOptions options) {
        this.options = options;
        this.runner = new ScenarioRunner(options);
    }

    /** The knobs the strategies search for this workload on {@code device}, narrowed to the user's selection. */
    SearchSpace searchSpace(SimulatedDevice device) {
        SearchSpace space = SearchSpaces.forWorkload(device, options.model.profile(1, options.inputSize()));
        return options.knobs.restrict(space, device.knobs());
    }

    /**
     * The profile of every configuration of the search space (exhaustive, from the simulator's
     * noise-free model) or of a BO run's surrogate ({@code bo}, measured windows, {@link #PROFILE_SAMPLES}
     * samples, stored in the profile store when one is set). For the {@code profile} command.
     */
    public Map<Configuration, Prediction> profile(boolean bayesian, double sloMs) {
        CompareOptions o = options;
        SimulatedDevice probe = SimulatedDevice.open(o.deviceSpec, o.baseSeed);
        SearchSpace space = searchSpace(probe);
        if (bayesian) {
            return warmStartProfile(space, new Objective(o.eta, sloMs / 1e3, probe.maxPowerW()), probe);
        }
        TrueModel truth = new TrueModel(probe, o.model, o.trace, o.durationNs, ScenarioRunner.MAX_BATCH_DELAY_NS);
        TrueModel.Conditions conditions = new TrueModel.Conditions(o.inputSize(), null, 0);
        Map<Configuration, Prediction> profile = new LinkedHashMap<>();
        for (Configuration c : space.all(200_000)) {
            profile.put(c, truth.evaluate(c, conditions));
        }
        return profile;
    }

    /** The comparison's SLO in ms: the one given, or 1.5 x the p95 of {@code default}'s run at the first seed. */
    public double sloMs() {
        if (!Double.isNaN(options.sloMs)) {
            return options.sloMs;
        }
        SimulatedDevice probe = SimulatedDevice.open(options.deviceSpec, options.baseSeed);
        SearchSpace space = searchSpace(probe);
        return defaultSloS(runner.run(StaticStrategy.governed(space), null, options.baseSeed, false, space, null)
                .result()) * 1e3;
    }

    private double defaultSloS(RunResult firstDefault) {
        return Double.isNaN(options.sloMs) ? 1.5 * firstDefault.latencies().quantileS(0.95) : options.sloMs / 1e3;
    }

    /** Runs the comparison. */
    public CompareResult run(Progress progress) {
        CompareOptions o = options;
        SimulatedDevice probe = SimulatedDevice.open(o.deviceSpec, o.baseSeed);
        SearchSpace space = searchSpace(probe);
        TrueModel truth = new TrueModel(probe, o.model, o.trace, o.durationNs, ScenarioRunner.MAX_BATCH_DELAY_NS);
        TrueModel.Conditions first = new TrueModel.Conditions(o.inputSize(), null, 0);
        TrueModel.Conditions second = switch (o.scenario) {
            case INTERFERENCE -> new TrueModel.Conditions(o.inputSize(), runner.workloadProcessor(),
                    Scenario.BACKGROUND_SHARE);
            case INPUT_CHANGE -> new TrueModel.Conditions(2 * o.inputSize(), null, 0);
            default -> first;
        };
        List<String> names = order(o.strategies);
        int total = names.size() * o.seeds;
        Runs runs = new Runs();

        // default first: the SLO and every saving are measured against it.
        runs.add(Strategies.DEFAULT, o.baseSeed, run(StaticStrategy.governed(space), null, o.baseSeed, space,
                progress, 0, total, Double.isNaN(o.sloMs) ? Double.NaN : o.sloMs / 1e3));
        RunResult firstDefault = runs.results(Strategies.DEFAULT).get(0);
        Objective objective = new Objective(o.eta, defaultSloS(firstDefault), probe.maxPowerW());

        StaticSearch search = o.scenario.phased() ? new StaticSearch(runner, truth, space, objective, o.baseSeed,
                first, second) : new StaticSearch(runner, truth, space, objective, o.baseSeed, first);
        StaticSearch.Found batched = search.defaultBatched();
        StaticSearch.Found oracle = search.oracle(c -> true, Strategies.ORACLE);
        long defaultBatch = StaticStrategy.governedAtBatch(space, -1).get(Knob.BATCH, 1L);
        StaticSearch.Found dvfsOnly = search.oracle(c -> c.get(Knob.BATCH, 1L) == defaultBatch, "DVFS only");
        Configuration oracleFirst = truth.oracle(space, objective, first);
        Configuration oracleSecond = o.scenario.phased() ? truth.oracle(space, objective, second) : oracleFirst;
        List<String> notes = new ArrayList<>();
        for (StaticSearch.Found found : List.of(batched, oracle, dvfsOnly)) {
            if (found.note() != null) {
                notes.add(found.note());
            }
        }
        if (oracle.configuration() == null) {
            names.remove(Strategies.ORACLE);
            total = names.size() * o.seeds;
        }

        Map<Configuration, Prediction> profile = null;
        int index = 1;
        for (int s = 0; s < o.seeds; s++) {
            long seed = o.baseSeed + s;
            for (String name : names) {
                if (name.equals(Strategies.DEFAULT) && s == 0) {
                    continue; // ran first
                }
                StrategyContext context = new StrategyContext(space, objective).seed(seed);
                Runnable phaseSwitch = null;
                Strategy strategy;
                switch (name) {
                    case Strategies.DEFAULT -> strategy = StaticStrategy.governed(space);
                    case Strategies.DEFAULT_BATCHED -> strategy = StaticStrategy.governedBatched(space,
                            batched.configuration().get(Knob.BATCH, 1L));
                    case Strategies.MAX_PERFORMANCE -> strategy = StaticStrategy.maxPerformance(space);
                    case Strategies.ORACLE -> strategy = new StaticStrategy(Strategies.ORACLE, oracle.configuration());
                    case ORACLE_DYNAMIC -> {
                        PhasedStatic phased = new PhasedStatic(ORACLE_DYNAMIC, oracleFirst, oracleSecond);
                        strategy = phased;
                        phaseSwitch = phased::switchPhase;
                    }
                    case Strategies.HYBRID -> {
                        if (profile == null) {
                            profile = warmStartProfile(space, objective, probe);
                        }
                        List<RunResult> defaults = runs.results(Strategies.DEFAULT);
                        RunResult lastDefault = defaults.get(defaults.size() - 1);
                        context.prior(new ProfilePrior(profile, objective))
                                .baseline(lastDefault.baseline(objective.sloS()));
                        strategy = Strategies.create(name, context);
                    }
                    default -> strategy = Strategies.create(name, context);
                }
                runs.add(name, seed, run(strategy, phaseSwitch, seed, space, progress, index++, total,
                        objective.sloS()));
            }
        }
        return summarise(names, runs, objective, probe, space, batched, oracle, dvfsOnly, notes);
    }

    /** Default and default-batched first (every saving needs them), then the rest in the order reports list them. */
    private List<String> order(List<String> requested) {
        List<String> names = new ArrayList<>();
        for (String name : Strategies.NAMES) {
            if (name.equals(Strategies.DEFAULT) || name.equals(Strategies.DEFAULT_BATCHED) || requested.contains(name)) {
                names.add(name);
            }
            if (name.equals(Strategies.ORACLE) && requested.contains(name) && options.scenario.phased()) {
                names.add(ORACLE_DYNAMIC);
            }
        }
        return names;
    }

    /** One strategy run, told to the progress display and the observer; {@code sloS} NaN while unknown. */
    private ScenarioRunner.Run run(Strategy strategy, Runnable phaseSwitch, long seed, SearchSpace space,
            Progress progress, int index, int total, double sloS) {
        if (progress != null) {
            progress.run(strategy.name(), seed, index, total);
        }
        Controller.Listener listener = progress == null ? null : w -> progress.window(strategy.name(), seed, w);
        Controller.Listener observed = options.observer == null ? null
                : options.observer.forRun(strategy.name(), seed, sloS);
        return runner.run(strategy, phaseSwitch, seed, false, space, Controller.Listener.all(listener, observed));
    }

    /** Every (strategy, seed) run, in the order they ran. */
    private static final class Runs {
        final Map<String, List<ScenarioRunner.Run>> byName = new LinkedHashMap<>();
        final Map<Long, Double> defaultRateHz = new LinkedHashMap<>();
        final Map<String, List<Long>> seeds = new LinkedHashMap<>();

        void add(String name, long seed, ScenarioRunner.Run run) {
            byName.computeIfAbsent(name, k -> new ArrayList<>()).add(run);
            seeds.computeIfAbsent(name, k -> new ArrayList<>()).add(seed);
            if (name.equals(Strategies.DEFAULT)) {
                defaultRateHz.put(seed, Accounting.rateHz(run.result()));
            }
        }

        List<RunResult> results(String name) {
            List<RunResult> results = new ArrayList<>();
            for (ScenarioRunner.Run run : byName.get(name)) {
                results.add(run.result());
            }
            return results;
        }

        List<Double> baselineRates(String name) {
            List<Double> rates = new ArrayList<>();
            for (long seed : seeds.get(name)) {
                rates.add(defaultRateHz.get(seed));
            }
            return rates;
        }
    }

    private CompareResult summarise(List<String> names, Runs runs, Objective objective, SimulatedDevice probe,
            SearchSpace space, StaticSearch.Found batched, StaticSearch.Found oracle, StaticSearch.Found dvfsOnly,
            List<String> notes) {
        double defaultJ = Accounting.pooledEnergyPerInferenceJ(runs.results(Strategies.DEFAULT));
        double batchedJ = Accounting.pooledEnergyPerInferenceJ(runs.results(Strategies.DEFAULT_BATCHED));
        RunResult oracleRun = oracle.configuration() == null ? null : oracle.run().result();
        Summary.Yardsticks yardsticks = new Summary.Yardsticks(defaultJ, batchedJ,
                oracleRun == null ? Double.NaN : oracleRun.energyPerInferenceJ(), oracleRun);
        Configuration fallback = StaticStrategy.governedAtBatch(space, -1);
        List<StrategyResult> rows = new ArrayList<>();
        for (String name : names) {
            boolean adaptive = !List.of(Strategies.DEFAULT, Strategies.DEFAULT_BATCHED, Strategies.MAX_PERFORMANCE,
                    Strategies.ORACLE, ORACLE_DYNAMIC).contains(name);
            rows.add(Summary.of(name, adaptive, runs.results(name), runs.baselineRates(name), options.durationNs / 1e9,
                    objective, yardsticks,
                    fallback, runs.byName.get(name).get(0).timeline()));
        }
        SavingSplit split = new SavingSplit("static configurations run through the scenario, against default's "
                + "energy per inference over the seeds",
                new SavingSplit.Part(new java.util.TreeMap<>(batched.configuration().asMap()), batchedJ,
                        batchedJ / defaultJ, batched.note()),
                part(dvfsOnly, defaultJ), part(oracle, defaultJ));
        return new CompareResult(CompareResult.SCHEMA, probe.info().simulated(), options.deviceSpec,
                options.model.model(), objective.sloS() * 1e3, objective.eta(), options.scenario.id(),
                options.trace.describe(), options.seeds, runner.energyScope(), knobs(space), split, rows, notes, null,
                null, null);
    }

    private static SavingSplit.Part part(StaticSearch.Found found, double defaultJ) {
        if (found.configuration() == null) {
            return new SavingSplit.Part(null, null, null, found.note());
        }
        double energyJ = found.run().result().energyPerInferenceJ();
        return new SavingSplit.Part(new java.util.TreeMap<>(found.configuration().asMap()), energyJ,
                energyJ / defaultJ, null);
    }

    /** The knobs the space tunes (more than one value) and holds (one value). */
    static CompareResult.Knobs knobs(SearchSpace space) {
        List<String> tuned = new ArrayList<>();
        Map<String, Long> held = new java.util.TreeMap<>();
        for (Knob knob : space.knobs()) {
            if (knob.size() == 1) {
                held.put(knob.name(), knob.min());
            } else {
                tuned.add(knob.name());
            }
        }
        return new CompareResult.Knobs(tuned, held);
    }

    /** The knobs a set of configurations tunes (takes several values) and holds (one value), as for a result. */
    public static CompareResult.Knobs knobsOf(java.util.Collection<Configuration> configurations) {
        Map<String, java.util.Set<Long>> values = new java.util.TreeMap<>();
        for (Configuration c : configurations) {
            c.asMap().forEach((knob, value) -> values.computeIfAbsent(knob, k -> new java.util.TreeSet<>()).add(value));
        }
        List<String> tuned = new ArrayList<>();
        Map<String, Long> held = new java.util.TreeMap<>();
        values.forEach((knob, set) -> {
            if (set.size() == 1) {
                held.put(knob, set.iterator().next());
            } else {
                tuned.add(knob);
            }
        });
        return new CompareResult.Knobs(tuned, held);
    }

    /**
     * The hybrid's stored profile where it covers the search space, else one made offline by BO on a separate
     * device (stored when the space is the workload's whole one, so a narrowed space never replaces it).
     */
    private Map<Configuration, Prediction> warmStartProfile(SearchSpace space, Objective objective,
            SimulatedDevice probe) {
        CompareOptions o = options;
        String identity = probe.info().identity();
        ProfileStore store = o.profileStore;
        if (store != null) {
            Map<Configuration, Prediction> stored = store.load(identity, o.model.modelHash(), o.trace.describe(),
                    o.inputSize());
            if (stored != null) {
                Map<Configuration, Prediction> inSpace = new LinkedHashMap<>();
                stored.forEach((c, p) -> {
                    if (space.contains(c)) {
                        inSpace.put(c, p);
                    }
                });
                if (inSpace.size() == space.size()) {
                    return inSpace;
                }
            }
        }
        SimulatedDevice device = SimulatedDevice.open(o.deviceSpec, o.baseSeed + 1_000_003L);
        PolythrottleBo bo = new PolythrottleBo(space, objective, new Random(o.baseSeed + 17),
                new PolythrottleBo.Options().initialSamples(8).maxSamples(PROFILE_SAMPLES).minRelativeImprovement(0));
        Controller.Options shape = new Controller.Options().windowNs(o.windowNs).shutdownHook(false)
                .maxBatchDelayNs(ScenarioRunner.MAX_BATCH_DELAY_NS);
        long window = new Controller(device, device.engine(o.model, o.inputSize()), o.trace, shape)
                .effectiveWindowNs();
        new Controller(device, device.engine(o.model, o.inputSize()), o.trace,
                shape.durationNs(window * (PROFILE_SAMPLES + 1))).run(bo, new Random(o.baseSeed), null);
        Map<Configuration, Prediction> profile = new LinkedHashMap<>();
        for (Configuration c : space.all(200_000)) {
            profile.put(c, bo.predict(c));
        }
        if (store != null && o.knobs.isAll()) {
            store.save(identity, o.model.modelHash(), o.trace.describe(), o.inputSize(),
                    "polythrottle-bo, " + bo.samples() + " samples", profile);
        }
        return profile;
    }

    /** A static configuration per phase: the per-phase dynamic oracle. */
    private static final class PhasedStatic implements Strategy {
        private final String name;
        private final Configuration first;
        private final Configuration second;
        private boolean switched;

        PhasedStatic(String name, Configuration first, Configuration second) {
            this.name = name;
            this.first = first;
            this.second = second;
        }

        void switchPhase() {
            switched = true;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Configuration next() {
            return switched ? second : first;
        }

        @Override
        public void observe(Observation observation) {
        }

        @Override
        public Configuration best() {
            return next();
        }
    }
}
