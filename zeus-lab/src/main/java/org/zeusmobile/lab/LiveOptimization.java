package org.zeusmobile.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.zeusmobile.core.control.Controller;
import org.zeusmobile.core.control.RequestTrace;
import org.zeusmobile.core.control.RunResult;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.device.DeviceException;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.strategy.KnobSelection;
import org.zeusmobile.core.strategy.Objective;
import org.zeusmobile.core.strategy.Prediction;
import org.zeusmobile.core.strategy.Prior;
import org.zeusmobile.core.strategy.ProfilePrior;
import org.zeusmobile.core.strategy.SearchSpace;
import org.zeusmobile.core.strategy.StaticStrategy;
import org.zeusmobile.core.strategy.Strategies;
import org.zeusmobile.core.strategy.Strategy;
import org.zeusmobile.core.strategy.StrategyContext;
import org.zeusmobile.core.workload.Engine;

/**
 * One strategy online on a real device, against the device's default behaviour: {@code default} runs first
 * (the baseline, and the SLO when none is given: 1.5 x its p95), then short probes of the governors at larger
 * batches ({@code default-batched}: the largest that meets the SLO), then the strategy, each a {@link Controller}
 * run on the device's own meters and clock that restores every knob it changed. Real hardware has no true model,
 * so there is no oracle and no saving split: those figures are null. Energy is what the meters measured for the
 * whole device (estimated where they are; {@link EnergyScope#measured}).
 */
public final class LiveOptimization {

    /** Batch sizes searched when the device has no batch knob of its own (the controller batches). */
    static final long[] CONTROLLER_BATCHES = {1, 2, 4, 8};
    /** Spaces larger than this are not stored as profiles. */
    static final int MAX_STORED_CONFIGURATIONS = 200_000;

    /** What a live run is made of. */
    public static final class Options {
        double eta = Objective.DEFAULT_ETA;
        double sloMs = Double.NaN;
        RequestTrace trace = RequestTrace.closedLoop();
        long defaultNs = 30_000_000_000L;
        long probesNs = 15_000_000_000L;
        long strategyNs = 120_000_000_000L;
        long windowNs = 2_000_000_000L;
        long seed = 1;
        boolean gpuWorkload;
        ProfileStore profileStore;
        RunObserver observer;
        String modelHash;
        int inputSize;
        KnobSelection knobs = KnobSelection.all();

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

        /**
         * How long default runs first, default-batched's probes take together (each at least one window), and the
         * strategy runs, in ns.
         */
        public Options durationsNs(long defaultNs, long probesNs, long strategyNs) {
            if (defaultNs <= 0 || probesNs <= 0 || strategyNs <= 0) {
                throw new IllegalArgumentException("every run needs a positive duration, got " + defaultNs + " ns, "
                        + probesNs + " ns and " + strategyNs + " ns");
            }
            this.defaultNs = defaultNs;
            this.probesNs = probesNs;
            this.strategyNs = strategyNs;
            return this;
        }

        /** The knobs to tune and to hold (default: every knob of the workload's space tuned). */
        public Options knobs(KnobSelection selection) {
            this.knobs = selection;
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

        /** Told of every run (traces, metrics, profile recording); null (default) for none. */
        public Options observer(RunObserver observer) {
            this.observer = observer;
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
     * Runs default, then default-batched's probes, then {@code strategyName}, on {@code device} with {@code engine}.
     *
     * @throws IllegalArgumentException for {@code oracle} (it needs a simulator) or an unknown strategy
     */
    public static CompareResult run(Device device, Engine engine, String strategyName, Options o,
            ComparisonHarness.Progress progress) {
        if (Strategies.ORACLE.equals(strategyName)) {
            throw new IllegalArgumentException("oracle needs a simulator's true model; on a real device use hybrid, "
                    + "zeus-jit, polythrottle-bo, default, default-batched or max-performance");
        }
        if (!Strategies.NAMES.contains(strategyName)) {
            throw new IllegalArgumentException("unknown strategy '" + strategyName + "'; known: " + Strategies.NAMES);
        }
        SearchSpace space = o.knobs.restrict(searchSpace(device, o.gpuWorkload), device.knobs());
        Steps steps = new Steps(device, engine, space, o, progress);
        ClockRecorder defaultClocks = steps.clocks();
        RunResult baseline = steps.execute(StaticStrategy.governed(space), o.defaultNs, defaultClocks);
        double sloS = Double.isNaN(o.sloMs) ? 1.5 * baseline.latencies().quantileS(0.95) : o.sloMs / 1e3;
        steps.sloS = sloS;
        Objective objective = new Objective(o.eta, sloS, device.maxPowerW());
        List<String> notes = new ArrayList<>();
        Probe batched = steps.defaultBatched(objective, baseline, defaultClocks, notes);

        Map<String, RunResult> runs = new LinkedHashMap<>();
        Map<String, ClockRecorder> clocks = new LinkedHashMap<>();
        runs.put(Strategies.DEFAULT, baseline);
        clocks.put(Strategies.DEFAULT, defaultClocks);
        runs.put(Strategies.DEFAULT_BATCHED, batched.run);
        clocks.put(Strategies.DEFAULT_BATCHED, batched.clocks);
        if (!runs.containsKey(strategyName)) {
            StrategyContext context = new StrategyContext(space, objective).seed(o.seed)
                    .baseline(baseline.baseline(objective.sloS()));
            boolean stored = false;
            if (strategyName.equals(Strategies.HYBRID) && o.profileStore != null) {
                Map<Configuration, Prediction> profile = o.profileStore.load(device.info().identity(), o.modelHash,
                        o.trace.describe(), o.inputSize);
                if (profile != null && o.knobs.isAll()) {
                    context.prior(new ProfilePrior(profile, objective));
                    stored = true;
                }
            }
            Strategy strategy = Strategies.create(strategyName, context);
            ClockRecorder recorder = steps.clocks();
            runs.put(strategyName, steps.execute(strategy, o.strategyNs, recorder));
            clocks.put(strategyName, recorder);
            if (strategyName.equals(Strategies.HYBRID) && o.profileStore != null && !stored && o.knobs.isAll()) {
                saveWarmStart(device, space, context.prior(), o);
            }
        }
        // Every row's total cost is priced over the strategy's run length, so that they compare.
        double rateHz = Accounting.rateHz(baseline);
        Summary.Yardsticks yardsticks = new Summary.Yardsticks(baseline.energyPerInferenceJ(),
                batched.run.energyPerInferenceJ(), Double.NaN, null);
        List<StrategyResult> results = new ArrayList<>();
        for (Map.Entry<String, RunResult> entry : runs.entrySet()) {
            String name = entry.getKey();
            boolean adaptive = !name.equals(Strategies.DEFAULT) && !name.equals(Strategies.DEFAULT_BATCHED)
                    && !name.equals(Strategies.MAX_PERFORMANCE);
            results.add(Summary.of(name, adaptive, List.of(entry.getValue()), List.of(rateHz), o.strategyNs / 1e9,
                    objective, yardsticks, StaticStrategy.governedAtBatch(space, -1),
                    clocks.get(name).timeline(entry.getValue().windows())));
        }
        return new CompareResult(CompareResult.SCHEMA, device.info().simulated(), device.info().spec(), engine.model(),
                sloS * 1e3, o.eta, "live", o.trace.describe(), 1, EnergyScope.measured(device),
                ComparisonHarness.knobs(space), null, results, notes, null, null, null);
    }

    /** A default-batched probe: its run and clocks. */
    private record Probe(RunResult run, ClockRecorder clocks) {
    }

    /** The runs of one live optimisation on one device, each restoring every knob it changed. */
    private static final class Steps {
        final Device device;
        final Engine engine;
        final SearchSpace space;
        final Options o;
        final ComparisonHarness.Progress progress;
        int index;
        /** The SLO the observer is told: NaN until default's run has set it (unless given). */
        double sloS;

        Steps(Device device, Engine engine, SearchSpace space, Options o, ComparisonHarness.Progress progress) {
            this.device = device;
            this.engine = engine;
            this.space = space;
            this.o = o;
            this.progress = progress;
            this.sloS = Double.isNaN(o.sloMs) ? Double.NaN : o.sloMs / 1e3;
        }

        ClockRecorder clocks() {
            return new ClockRecorder(ScenarioRunner.frequencyKnobs(space), device::current);
        }

        RunResult execute(Strategy strategy, long durationNs, ClockRecorder clocks) {
            Controller.Listener listener = progress == null ? null : w -> progress.window(strategy.name(), o.seed, w);
            if (progress != null) {
                progress.run(strategy.name(), o.seed, index, index + 2);
            }
            index++;
            Controller controller = new Controller(device, engine, o.trace,
                    new Controller.Options().windowNs(o.windowNs).durationNs(durationNs));
            Controller.Listener observed = o.observer == null ? null : o.observer.forRun(strategy.name(), o.seed, sloS);
            RunResult run = controller.run(strategy, new Random(o.seed), Controller.Listener.all(clocks, listener,
                    observed));
            requireMeasured(device, run);
            return run;
        }

        /**
         * The governors at the largest batch whose short probe meets the SLO (at most
         * {@link StaticSearch#MAX_VIOLATION_RATE} of requests over it), largest first; default's run if none does.
         */
        Probe defaultBatched(Objective objective, RunResult baseline, ClockRecorder baselineClocks, List<String> notes) {
            Knob batch = null;
            for (Knob knob : space.knobs()) {
                batch = knob.name().equals(Knob.BATCH) ? knob : batch;
            }
            if (batch != null && batch.size() > 1) {
                long probeNs = Math.max(o.windowNs, o.probesNs / (batch.size() - 1));
                for (int i = batch.size() - 1; i > 0; i--) {
                    ClockRecorder recorder = clocks();
                    RunResult probe = execute(StaticStrategy.governedBatched(space, batch.value(i)), probeNs, recorder);
                    if (probe.latencies().fractionAboveS(objective.sloS()) <= StaticSearch.MAX_VIOLATION_RATE) {
                        return new Probe(probe, recorder);
                    }
                }
                notes.add("default-batched: no batch above " + batch.min() + " met the SLO with the governors, so it "
                        + "is default's run");
            }
            return new Probe(baseline, baselineClocks);
        }
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
}
