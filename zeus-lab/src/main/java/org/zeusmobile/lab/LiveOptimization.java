package org.zeusmobile.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.zeusmobile.core.control.Controller;
import org.zeusmobile.core.control.RequestTrace;
import org.zeusmobile.core.control.RunResult;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.device.DeviceException;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.strategy.Objective;
import org.zeusmobile.core.strategy.Prediction;
import org.zeusmobile.core.strategy.Prior;
import org.zeusmobile.core.strategy.ProfilePrior;
import org.zeusmobile.core.strategy.SearchSpace;
import org.zeusmobile.core.strategy.Strategies;
import org.zeusmobile.core.strategy.StrategyContext;
import org.zeusmobile.core.strategy.Strategy;
import org.zeusmobile.core.workload.Engine;

/**
 * One strategy online on a real device, against the device's default behaviour: {@code default} runs first
 * (the baseline, and the SLO when none is given: 1.5 x its p95), then the strategy, each a {@link Controller}
 * run on the device's own meters and clock that restores every knob it changed. Real hardware has no true
 * model, so there is no oracle: the result's oracle, convergence and exploration columns are empty (NaN or
 * null), and energy is what the meters measured (estimated where they are).
 */
public final class LiveOptimization {

    /** Batch sizes searched when the device has no batch knob of its own (the controller batches). */
    static final long[] CONTROLLER_BATCHES = {1, 2, 4, 8};
    /** Spaces larger than this are not stored as profiles. */
    static final int MAX_STORED_CONFIGURATIONS = 200_000;

    /** What a live run is made of. */
    public static final class Options {
        double eta = 0.5;
        double sloMs = Double.NaN;
        RequestTrace trace = RequestTrace.closedLoop();
        long defaultNs = 30_000_000_000L;
        long strategyNs = 120_000_000_000L;
        long windowNs = 2_000_000_000L;
        long seed = 1;
        boolean gpuWorkload;
        ProfileStore profileStore;
        String modelHash;
        int inputSize;

        public Options eta(double eta) {
            this.eta = eta;
            return this;
        }

        /** The p95 latency target in ms; NaN (default) takes 1.5 x the p95 default achieves. */
        public Options sloMs(double ms) {
            this.sloMs = ms;
            return this;
        }

        public Options trace(RequestTrace trace) {
            this.trace = trace;
            return this;
        }

        /** How long default runs first, and then the strategy, in ns. */
        public Options durationsNs(long defaultNs, long strategyNs) {
            if (defaultNs <= 0 || strategyNs <= 0) {
                throw new IllegalArgumentException("both runs need a positive duration, got " + defaultNs + " ns and "
                        + strategyNs + " ns");
            }
            this.defaultNs = defaultNs;
            this.strategyNs = strategyNs;
            return this;
        }

        public Options windowNs(long ns) {
            this.windowNs = ns;
            return this;
        }

        public Options seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Where the hybrid's warm start is kept, keyed by the device's identity, {@code modelHash}, the trace
         * and {@code inputSize} (in the model's unit): a stored profile starts the hybrid online at once; without one, its BO
         * warm start runs on the device and is stored for the next run.
         */
        public Options profileStore(ProfileStore store, String modelHash, int inputSize) {
            this.profileStore = store;
            this.modelHash = modelHash;
            this.inputSize = inputSize;
            return this;
        }

        /** Whether the engine runs the model on the GPU (else on the CPU: CPU clusters and threads are searched). */
        public Options gpuWorkload(boolean gpu) {
            this.gpuWorkload = gpu;
            return this;
        }
    }

    private LiveOptimization() {
    }

    /** The knobs searched on {@code device} for a workload on the GPU or the CPU, batch included. */
    public static SearchSpace searchSpace(Device device, boolean gpuWorkload) {
        List<Knob> knobs = new ArrayList<>(SearchSpaces.forProcessors(device, gpuWorkload, !gpuWorkload).knobs());
        boolean hasBatch = false;
        for (Knob knob : knobs) {
            hasBatch |= knob.name().equals(Knob.BATCH);
        }
        if (!hasBatch) {
            List<Long> batches = new ArrayList<>();
            for (long b : CONTROLLER_BATCHES) {
                batches.add(b);
            }
            knobs.add(Knob.of(Knob.BATCH, Knob.Unit.COUNT, batches));
        }
        return new SearchSpace(knobs);
    }

    /**
     * Runs default, then {@code strategyName}, on {@code device} with {@code engine}.
     *
     * @throws IllegalArgumentException for {@code oracle} (it needs a simulator) or an unknown strategy
     */
    public static CompareResult run(Device device, Engine engine, String strategyName, Options o,
            ComparisonHarness.Progress progress) {
        if (Strategies.ORACLE.equals(strategyName)) {
            throw new IllegalArgumentException("oracle needs a simulator's true model; on a real device use hybrid, "
                    + "zeus-jit, polythrottle-bo, default or max-performance");
        }
        if (!Strategies.NAMES.contains(strategyName)) {
            throw new IllegalArgumentException("unknown strategy '" + strategyName + "'; known: " + Strategies.NAMES);
        }
        SearchSpace space = searchSpace(device, o.gpuWorkload);
        // The default run's objective only names the SLO for the record: a static strategy ignores it.
        Objective placeholder = new Objective(o.eta, Double.isNaN(o.sloMs) ? 1 : o.sloMs / 1e3, device.maxPowerW());
        RunResult baseline = execute(device, engine, Strategies.create(Strategies.DEFAULT,
                new StrategyContext(space, placeholder)), placeholder, o, o.defaultNs, progress);
        requireMeasured(device, baseline);
        double sloS = Double.isNaN(o.sloMs) ? 1.5 * baseline.latencies().quantileS(0.95) : o.sloMs / 1e3;
        Objective objective = new Objective(o.eta, sloS, device.maxPowerW());
        List<StrategyResult> results = new ArrayList<>();
        if (strategyName.equals(Strategies.DEFAULT)) {
            results.add(summarise(Strategies.DEFAULT, baseline, objective, baseline, baseline.elapsedNs()));
        } else {
            StrategyContext context = new StrategyContext(space, objective).seed(o.seed)
                    .baseline(baseline.measured());
            boolean stored = false;
            if (strategyName.equals(Strategies.HYBRID) && o.profileStore != null) {
                Map<Configuration, Prediction> profile = o.profileStore.load(device.info().identity(), o.modelHash,
                        o.trace.describe(), o.inputSize);
                if (profile != null) {
                    context.prior(new ProfilePrior(profile, objective));
                    stored = true;
                }
            }
            Strategy strategy = Strategies.create(strategyName, context);
            RunResult chosen = execute(device, engine, strategy, objective, o, o.strategyNs, progress);
            requireMeasured(device, chosen);
            // Both rows' total cost over the strategy's run length, so that they compare.
            results.add(summarise(Strategies.DEFAULT, baseline, objective, baseline, chosen.elapsedNs()));
            results.add(summarise(strategyName, chosen, objective, baseline, chosen.elapsedNs()));
            if (strategyName.equals(Strategies.HYBRID) && o.profileStore != null && !stored) {
                saveWarmStart(device, space, context.prior(), o);
            }
        }
        return new CompareResult(device.info().simulated(), device.info().spec(), engine.model(), sloS * 1e3, o.eta,
                "live", o.trace.describe(), 1, results);
    }

    /** The hybrid's BO warm start, once it has all its samples, as a profile for the next run. */
    private static void saveWarmStart(Device device, SearchSpace space, Prior prior, Options o) {
        if (prior == null || prior.nextProbe() != null || space.size() > MAX_STORED_CONFIGURATIONS) {
            return; // the run ended before the BO finished, or the space is too large to store
        }
        Map<Configuration, Prediction> profile = new LinkedHashMap<>();
        for (Configuration c : space.all(MAX_STORED_CONFIGURATIONS)) {
            Prediction p = prior.predict(c);
            if (p != null) {
                profile.put(c, p);
            }
        }
        o.profileStore.save(device.info().identity(), o.modelHash, o.trace.describe(), o.inputSize,
                "hybrid's BO warm start on the device", profile);
    }

    /** A run whose meters never gave a valid reading says nothing about energy: a clear error instead of NaN. */
    private static void requireMeasured(Device device, RunResult run) {
        if (run.measuredWindows() == 0) {
            throw new DeviceException("none of " + run.windows().size() + " windows of " + run.strategy() + " on "
                    + device.info().spec() + " got a valid energy reading from the device's meters; check them with "
                    + "'zeus-mobile devices --device " + device.info().spec() + "' and 'zeus-mobile measure' "
                    + "(unreadable files need root; a meter that never changes is not updating)");
        }
    }

    private static RunResult execute(Device device, Engine engine, Strategy strategy, Objective objective, Options o,
            long durationNs, ComparisonHarness.Progress progress) {
        if (progress != null) {
            progress.run(strategy.name(), o.seed, strategy.name().equals(Strategies.DEFAULT) ? 0 : 1, 2);
        }
        Controller controller = new Controller(device, engine, o.trace, objective,
                new Controller.Options().windowNs(o.windowNs).durationNs(durationNs));
        return controller.run(strategy, new Random(o.seed), progress == null ? null
                : window -> progress.window(strategy.name(), o.seed, window));
    }

    /**
     * One run's row. Total cost is cost per inference x the requests default served per second x
     * {@code lengthNs} (the same for every row, as the harness counts default's requests); the oracle
     * columns are empty.
     */
    private static StrategyResult summarise(String name, RunResult run, Objective objective, RunResult baseline,
            long lengthNs) {
        double costPerInference = objective.cost(run.energyPerInferenceJ(), run.timePerInferenceS(), run.traffic());
        double defaultRateHz = baseline.inferences() / (baseline.elapsedNs() / 1e9);
        double totalCost = costPerInference * defaultRateHz * lengthNs / 1e9;
        List<StrategyResult.TimelinePoint> timeline = StrategyResult.TimelinePoint.of(run.windows());
        return new StrategyResult(name, run.energyPerInferenceJ(), run.latencies().quantileS(0.5) * 1e3,
                run.latencies().quantileS(0.95) * 1e3, run.latencies().quantileS(0.99) * 1e3,
                run.latencies().fractionAboveS(objective.sloS()), totalCost, null, Double.NaN,
                run.energyPerInferenceJ() / baseline.energyPerInferenceJ(), Double.NaN,
                new TreeMap<>(run.finalConfiguration().asMap()), timeline);
    }
}
