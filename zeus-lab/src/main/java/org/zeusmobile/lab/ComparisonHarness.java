package org.zeusmobile.lab;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.zeusmobile.bo.PolythrottleBo;
import org.zeusmobile.core.control.Controller;
import org.zeusmobile.core.control.Latencies;
import org.zeusmobile.core.control.RunResult;
import org.zeusmobile.core.control.Window;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.strategy.Objective;
import org.zeusmobile.core.strategy.Observation;
import org.zeusmobile.core.strategy.Prediction;
import org.zeusmobile.core.strategy.ProfilePrior;
import org.zeusmobile.core.strategy.SearchSpace;
import org.zeusmobile.core.strategy.StaticStrategy;
import org.zeusmobile.core.strategy.Strategies;
import org.zeusmobile.core.strategy.StrategyContext;
import org.zeusmobile.core.strategy.Strategy;
import org.zeusmobile.core.workload.OperatorProfile;
import org.zeusmobile.sim.SimEngine;
import org.zeusmobile.sim.SimulatedDevice;

/**
 * Runs every strategy on the same simulated device, model, trace, scenario and SLO, over several seeds, and
 * reports each one against {@code default} and the {@code oracle} (see {@link StrategyResult} for each
 * number). Each (strategy, seed) run gets a fresh device opened with that seed, so every strategy meets the
 * same sensor noise; energy is the simulator's true energy. The oracle is exhaustive and noise-free on the
 * simulator's steady-state model ({@link TrueModel}); in phased scenarios {@code oracle} is the best static
 * configuration over both phases and {@code oracle-dynamic} switches to each phase's best at the change. In
 * the thermal scenario {@code oracle} is the best static configuration in hindsight: the steady-state
 * front-runners are run noise-free through the scenario and the cheapest one that meets the SLO wins.
 *
 * <p>The hybrid's warm start is a stored profile ({@link ProfileStore}, keyed by device identity, model hash,
 * trace and sequence length). Without one, it is made offline once, by a 30-sample BO run on a separate
 * device instance (not counted in any strategy's run), and stored for later runs.
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
    private static final long MAX_BATCH_DELAY_NS = 50_000_000L;
    private static final int THERMAL_ORACLE_CANDIDATES = 8;

    private final CompareOptions options;

    public ComparisonHarness(CompareOptions options) {
        this.options = options;
    }

    /**
     * The profile of every configuration of the search space (exhaustive, from the simulator's
     * noise-free model) or of a BO run's surrogate ({@code bo}, measured windows, {@link #PROFILE_SAMPLES}
     * samples, stored in the profile store when one is set). For the {@code profile} command.
     */
    public Map<Configuration, Prediction> profile(boolean bayesian, double sloMs) {
        CompareOptions o = options;
        SimulatedDevice probe = SimulatedDevice.open(o.deviceSpec, o.baseSeed);
        SearchSpace space = SearchSpaces.forWorkload(probe, o.model.profile(1, o.inputSize()));
        if (bayesian) {
            return warmStartProfile(space, new Objective(o.eta, sloMs / 1e3, probe.maxPowerW()), probe);
        }
        TrueModel truth = new TrueModel(probe, o.model, o.trace, o.durationNs, MAX_BATCH_DELAY_NS);
        TrueModel.Conditions conditions = new TrueModel.Conditions(o.inputSize(), null, 0);
        Map<Configuration, Prediction> profile = new LinkedHashMap<>();
        for (Configuration c : space.all(200_000)) {
            profile.put(c, truth.evaluate(c, conditions));
        }
        return profile;
    }

    /** Runs the comparison. */
    public CompareResult run(Progress progress) {
        CompareOptions o = options;
        SimulatedDevice probe = SimulatedDevice.open(o.deviceSpec, o.baseSeed);
        SearchSpace space = SearchSpaces.forWorkload(probe, o.model.profile(1, o.inputSize()));
        String workloadProcessor = workloadProcessor();
        TrueModel truth = new TrueModel(probe, o.model, o.trace, o.durationNs, MAX_BATCH_DELAY_NS);
        TrueModel.Conditions first = new TrueModel.Conditions(o.inputSize(), null, 0);
        TrueModel.Conditions second = switch (o.scenario) {
            case INTERFERENCE -> new TrueModel.Conditions(o.inputSize(), workloadProcessor, Scenario.BACKGROUND_SHARE);
            case INPUT_CHANGE -> new TrueModel.Conditions(2 * o.inputSize(), null, 0);
            default -> first;
        };
        List<String> names = new ArrayList<>(o.strategies);
        if (!names.contains(Strategies.DEFAULT)) {
            names.add(0, Strategies.DEFAULT);
        }
        names.remove(Strategies.DEFAULT);
        names.add(0, Strategies.DEFAULT); // runs first: the SLO and the savings need it
        if (o.scenario.phased() && names.contains(Strategies.ORACLE)) {
            names.add(names.indexOf(Strategies.ORACLE) + 1, ORACLE_DYNAMIC);
        }
        int total = names.size() * o.seeds;
        int index = 0;

        Map<String, List<Run>> runs = new LinkedHashMap<>();
        Objective objective = null;
        Configuration oracleStatic = null;
        Configuration oracleFirst = null;
        Configuration oracleSecond = null;
        Map<Configuration, Prediction> profile = null;
        for (int s = 0; s < o.seeds; s++) {
            long seed = o.baseSeed + s;
            for (String name : names) {
                if (progress != null) {
                    progress.run(name, seed, index, total);
                }
                index++;
                if (objective == null && !name.equals(Strategies.DEFAULT)) {
                    throw new IllegalStateException("default must run first");
                }
                Strategy strategy;
                Runnable phaseSwitch = null;
                if (name.equals(Strategies.DEFAULT)) {
                    // Placeholder objective for the default run (a static strategy ignores it).
                    Objective forDefault = objective != null ? objective
                            : new Objective(o.eta, Double.isNaN(o.sloMs) ? 1e3 : o.sloMs / 1e3, probe.maxPowerW());
                    strategy = Strategies.create(Strategies.DEFAULT, new StrategyContext(space, forDefault));
                    Run run = runOne(name, strategy, null, forDefault, seed, progress, truth, first, second, oracleFirst,
                            oracleSecond);
                    runs.computeIfAbsent(name, k -> new ArrayList<>()).add(run);
                    if (objective == null) {
                        double sloS = Double.isNaN(o.sloMs) ? 1.5 * run.result.latencies().quantileS(0.95)
                                : o.sloMs / 1e3;
                        objective = new Objective(o.eta, sloS, probe.maxPowerW());
                        oracleFirst = truth.oracle(space, objective, first);
                        oracleSecond = o.scenario.phased() ? truth.oracle(space, objective, second) : oracleFirst;
                        oracleStatic = o.scenario.phased() ? truth.oracle(space, objective, first, second) : oracleFirst;
                        if (o.scenario == Scenario.THERMAL && names.contains(Strategies.ORACLE)) {
                            oracleStatic = thermalOracle(space, objective, truth, first);
                        }
                        run.converge(truth, objective, first, second, oracleFirst, oracleSecond);
                    }
                    continue;
                }
                StrategyContext context = new StrategyContext(space, objective).seed(seed);
                switch (name) {
                    case Strategies.ORACLE -> strategy = new StaticStrategy(Strategies.ORACLE, oracleStatic);
                    case ORACLE_DYNAMIC -> {
                        PhasedStatic phased = new PhasedStatic(ORACLE_DYNAMIC, oracleFirst, oracleSecond);
                        strategy = phased;
                        phaseSwitch = phased::switchPhase;
                    }
                    case Strategies.HYBRID -> {
                        if (profile == null) {
                            profile = warmStartProfile(space, objective, probe);
                        }
                        List<Run> defaults = runs.get(Strategies.DEFAULT);
                        context.prior(new ProfilePrior(profile, objective))
                                .baseline(defaults.get(defaults.size() - 1).result.measured());
                        strategy = Strategies.create(name, context);
                    }
                    default -> strategy = Strategies.create(name, context);
                }
                Run run = runOne(name, strategy, phaseSwitch, objective, seed, progress, truth, first, second, oracleFirst,
                        oracleSecond);
                runs.computeIfAbsent(name, k -> new ArrayList<>()).add(run);
            }
        }
        return summarise(runs, objective, probe);
    }

    private String workloadProcessor() {
        for (OperatorProfile op : options.model.profile(1, options.inputSize()).operators()) {
            if (op.processor() == null || op.processor().equals("gpu")) {
                return "gpu";
            }
        }
        return "cpu";
    }

    /** The hybrid's stored profile, made offline by BO on a separate device when none is stored yet. */
    private Map<Configuration, Prediction> warmStartProfile(SearchSpace space, Objective objective,
            SimulatedDevice probe) {
        CompareOptions o = options;
        String identity = probe.info().identity();
        ProfileStore store = o.profileStore;
        if (store != null) {
            Map<Configuration, Prediction> stored = store.load(identity, o.model.modelHash(), o.trace.describe(),
                    o.inputSize());
            if (stored != null) {
                return stored;
            }
        }
        SimulatedDevice device = SimulatedDevice.open(o.deviceSpec, o.baseSeed + 1_000_003L);
        PolythrottleBo bo = new PolythrottleBo(space, objective, new Random(o.baseSeed + 17),
                new PolythrottleBo.Options().initialSamples(8).maxSamples(PROFILE_SAMPLES).minRelativeImprovement(0));
        Controller controller = new Controller(device, device.engine(o.model, o.inputSize()), o.trace, objective,
                new Controller.Options().windowNs(o.windowNs).durationNs(Long.MAX_VALUE / 4).shutdownHook(false)
                        .maxBatchDelayNs(MAX_BATCH_DELAY_NS));
        long window = controller.effectiveWindowNs();
        controller = new Controller(device, device.engine(o.model, o.inputSize()), o.trace, objective,
                new Controller.Options().windowNs(o.windowNs).durationNs(window * (PROFILE_SAMPLES + 1))
                        .shutdownHook(false).maxBatchDelayNs(MAX_BATCH_DELAY_NS));
        controller.run(bo, new Random(o.baseSeed), null);
        Map<Configuration, Prediction> profile = new LinkedHashMap<>();
        for (Configuration c : space.all(200_000)) {
            profile.put(c, bo.predict(c));
        }
        if (store != null) {
            store.save(identity, o.model.modelHash(), o.trace.describe(), o.inputSize(),
                    "polythrottle-bo, " + bo.samples() + " samples", profile);
        }
        return profile;
    }

    /** The best static configuration in hindsight for the thermal scenario (see the class comment). */
    private Configuration thermalOracle(SearchSpace space, Objective objective, TrueModel truth,
            TrueModel.Conditions conditions) {
        List<Configuration> feasible = truth.top(space, objective, conditions, Integer.MAX_VALUE);
        List<Configuration> candidates = new ArrayList<>(feasible.subList(0, Math.min(THERMAL_ORACLE_CANDIDATES / 2,
                feasible.size())));
        // Plus cooler ones, spread over the feasible configurations by power.
        List<Configuration> byPower = new ArrayList<>(feasible);
        byPower.sort((a, b) -> Double.compare(truth.evaluate(a, conditions).powerW(),
                truth.evaluate(b, conditions).powerW()));
        for (int i = 0; i < THERMAL_ORACLE_CANDIDATES / 2 && !byPower.isEmpty(); i++) {
            Configuration c = byPower.get(i * (byPower.size() - 1) / Math.max(1, THERMAL_ORACLE_CANDIDATES / 2 - 1)
                    / 2);
            if (!candidates.contains(c)) {
                candidates.add(c);
            }
        }
        Configuration best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        Configuration fastest = null;
        double fastestP95 = Double.POSITIVE_INFINITY;
        for (Configuration c : candidates) {
            SimulatedDevice device = SimulatedDevice.open(options.deviceSpec, options.baseSeed);
            device.setSensorNoise(false);
            RunResult result = execute(device, new StaticStrategy(Strategies.ORACLE, c), null, objective,
                    options.baseSeed, null);
            double cost = objective.cost(result.energyPerInferenceJ(), result.timePerInferenceS(), result.traffic());
            double p95 = result.latencies().quantileS(0.95);
            if (objective.meetsSlo(p95) && cost < bestCost) {
                best = c;
                bestCost = cost;
            }
            if (p95 < fastestP95) {
                fastest = c;
                fastestP95 = p95;
            }
        }
        return best != null ? best : fastest;
    }

    private Run runOne(String name, Strategy strategy, Runnable phaseSwitch, Objective objective, long seed,
            Progress progress, TrueModel truth, TrueModel.Conditions first, TrueModel.Conditions second, Configuration oracleFirst,
            Configuration oracleSecond) {
        SimulatedDevice device = SimulatedDevice.open(options.deviceSpec, seed);
        List<Configuration> answers = new ArrayList<>();
        RunResult result = execute(device, strategy, phaseSwitch, objective, seed, w -> {
            answers.add(strategy.best());
            if (progress != null) {
                progress.window(name, seed, w);
            }
        });
        Run run = new Run(name, seed, result, answers, options.durationNs / 2);
        if (oracleFirst != null) {
            run.converge(truth, objective, first, second, oracleFirst, oracleSecond);
        }
        return run;
    }

    /** One controller run of {@code strategy} on {@code device} through the scenario. */
    private RunResult execute(SimulatedDevice device, Strategy strategy, Runnable phaseSwitch, Objective objective,
            long seed, Controller.Listener listener) {
        CompareOptions o = options;
        SimEngine engine = device.engine(o.model, o.inputSize());
        if (o.scenario == Scenario.THERMAL) {
            preheat(device, engine);
        }
        Controller controller = new Controller(device, engine, o.trace, objective,
                new Controller.Options().windowNs(o.windowNs).durationNs(o.durationNs).shutdownHook(false)
                        .maxBatchDelayNs(MAX_BATCH_DELAY_NS).trueEnergyJ(device::trueEnergyJ));
        long half = o.durationNs / 2;
        if (o.scenario == Scenario.INTERFERENCE) {
            String processor = workloadProcessor();
            controller.at(half, () -> device.setBackgroundLoad(processor, Scenario.BACKGROUND_SHARE));
        } else if (o.scenario == Scenario.INPUT_CHANGE) {
            controller.at(half, () -> engine.setInputSize(2 * o.inputSize()));
        }
        if (phaseSwitch != null) {
            controller.at(half, phaseSwitch);
        }
        return controller.run(strategy, new Random(seed), listener);
    }

    /** Five minutes of back-to-back batches at full speed before the run: the phone is already hot. */
    private void preheat(SimulatedDevice device, SimEngine engine) {
        SearchSpace full = new SearchSpace(device.knobs());
        Configuration max = full.maximum().with("batch", 1).without("threads");
        device.apply(max);
        long end = device.clock().nanoTime() + Scenario.PREHEAT_S * 1_000_000_000L;
        while (device.clock().nanoTime() < end) {
            engine.runBatch(1);
        }
        device.restore();
    }

    private CompareResult summarise(Map<String, List<Run>> runs, Objective objective, SimulatedDevice probe) {
        Map<Long, Integer> defaultInferences = new HashMap<>();
        for (Run run : runs.get(Strategies.DEFAULT)) {
            defaultInferences.put(run.seed, run.result.inferences());
        }
        double defaultEnergy = pooledEnergyPerInference(runs.get(Strategies.DEFAULT));
        List<Run> oracleRuns = runs.get(Strategies.ORACLE);
        double oracleEnergy = oracleRuns == null ? Double.NaN : pooledEnergyPerInference(oracleRuns);
        List<StrategyResult> results = new ArrayList<>();
        for (Map.Entry<String, List<Run>> entry : runs.entrySet()) {
            List<Run> list = entry.getValue();
            Latencies pooled = new Latencies();
            double costSum = 0;
            double exploration = 0;
            Integer converge = 0;
            Map<Configuration, Integer> finals = new LinkedHashMap<>();
            for (Run run : list) {
                Latencies latencies = run.result.latencies();
                for (int i = 0; i < latencies.size(); i++) {
                    pooled.add(latencies.get(i));
                }
                double costPerInference = objective.cost(run.result.energyPerInferenceJ(),
                        run.result.timePerInferenceS(), run.result.traffic());
                costSum += costPerInference * defaultInferences.get(run.seed);
                exploration += run.explorationEnergyJ;
                if (converge != null) {
                    converge = run.samplesToConverge == null ? null : converge + run.samplesToConverge;
                }
                finals.merge(run.result.finalConfiguration(), 1, Integer::sum);
            }
            Configuration mostCommon = null;
            for (Map.Entry<Configuration, Integer> f : finals.entrySet()) {
                if (mostCommon == null || f.getValue() > finals.get(mostCommon)) {
                    mostCommon = f.getKey();
                }
            }
            double energy = pooledEnergyPerInference(list);
            List<StrategyResult.TimelinePoint> timeline = StrategyResult.TimelinePoint.of(list.get(0).result.windows());
            results.add(new StrategyResult(entry.getKey(), energy, pooled.quantileS(0.5) * 1e3,
                    pooled.quantileS(0.95) * 1e3, pooled.quantileS(0.99) * 1e3, pooled.fractionAboveS(objective.sloS()),
                    costSum / list.size(),
                    converge == null ? null : (int) Math.ceil(converge / (double) list.size()),
                    exploration / list.size(), energy / defaultEnergy, energy / oracleEnergy,
                    new java.util.TreeMap<>(mostCommon.asMap()), timeline));
        }
        return new CompareResult(probe.info().simulated(), options.deviceSpec, options.model.model(),
                objective.sloS() * 1e3, objective.eta(), options.scenario.id(), options.trace.describe(), options.seeds,
                results);
    }

    private static double pooledEnergyPerInference(List<Run> runs) {
        double energy = 0;
        long inferences = 0;
        for (Run run : runs) {
            energy += run.result.energyJ();
            inferences += run.result.inferences();
        }
        return energy / inferences;
    }

    /** One (strategy, seed) run and what it says about convergence. */
    private static final class Run {
        final String strategy;
        final long seed;
        final RunResult result;
        final List<Configuration> answers;
        final long halfNs;
        Integer samplesToConverge;
        double explorationEnergyJ;

        Run(String strategy, long seed, RunResult result, List<Configuration> answers, long halfNs) {
            this.strategy = strategy;
            this.seed = seed;
            this.result = result;
            this.answers = answers;
            this.halfNs = halfNs;
        }

        /** Samples to converge and exploration energy against the (per-phase) oracle. */
        void converge(TrueModel truth, Objective objective, TrueModel.Conditions first, TrueModel.Conditions second,
                Configuration oracleFirst, Configuration oracleSecond) {
            List<Window> windows = result.windows();
            int settled = windows.size();
            for (int i = windows.size() - 1; i >= 0; i--) {
                boolean late = windows.get(i).beginNs() >= halfNs;
                TrueModel.Conditions phase = late ? second : first;
                Prediction oracle = truth.evaluate(late ? oracleSecond : oracleFirst, phase);
                Prediction answer = truth.evaluate(answers.get(i), phase);
                boolean ok = objective.meetsSlo(answer.latencyP95S())
                        && answer.cost(objective) <= 1.05 * oracle.cost(objective);
                if (!ok) {
                    break;
                }
                settled = i;
            }
            samplesToConverge = settled == windows.size() ? null : settled + 1;
            double extra = 0;
            int until = settled == windows.size() ? windows.size() : settled;
            for (int i = 0; i < until; i++) {
                Window w = windows.get(i);
                boolean late = w.beginNs() >= halfNs;
                double oracleJ = truth.evaluate(late ? oracleSecond : oracleFirst, late ? second : first)
                        .energyPerInferenceJ();
                extra += w.energyJ() - w.inferences() * oracleJ;
            }
            explorationEnergyJ = extra;
        }
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
