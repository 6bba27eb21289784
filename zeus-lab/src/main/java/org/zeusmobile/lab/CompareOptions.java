package org.zeusmobile.lab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.zeusmobile.core.strategy.Objective;
import org.zeusmobile.core.control.RequestTrace;
import org.zeusmobile.core.strategy.KnobSelection;
import org.zeusmobile.core.strategy.Strategies;
import org.zeusmobile.core.workload.InputSize;
import org.zeusmobile.core.workload.ModelProfiler;

/** What a comparison runs: one device, model, trace, scenario and SLO for every strategy, over several seeds. */
public final class CompareOptions {

    String deviceSpec = "sim:snapdragon-8-gen-2";
    ModelProfiler model;
    /** In the model's unit (tokens, pixels of height...); 0 = the model's default. */
    int inputSize;
    List<String> strategies = new ArrayList<>(Strategies.NAMES);
    int seeds = 3;
    long baseSeed = 1;
    long durationNs = 600_000_000_000L;
    RequestTrace trace = RequestTrace.closedLoop();
    Scenario scenario = Scenario.STEADY;
    double sloMs = Double.NaN;
    double eta = Objective.DEFAULT_ETA;
    long windowNs = 2_000_000_000L;
    ProfileStore profileStore;
    RunObserver observer;
    KnobSelection knobs = KnobSelection.all();

    public CompareOptions(ModelProfiler model) {
        if (model == null) {
            throw new IllegalArgumentException("a comparison needs a model profile (e.g. TransformerStandIn.minilm)");
        }
        this.model = model;
    }

    /** A simulator spec, {@code sim:NAME} (default sim:snapdragon-8-gen-2). */
    public CompareOptions device(String spec) {
        if (spec == null || !spec.startsWith("sim:")) {
            throw new IllegalArgumentException("the comparison harness runs on the simulator (its oracle needs the true "
                    + "model): use --device sim:NAME, e.g. sim:snapdragon-8-gen-2; got '" + spec + "'");
        }
        this.deviceSpec = spec;
        return this;
    }

    /** The input size in the model's unit (tokens, pixels of height...; see ModelProfiler.inputSize()). */
    public CompareOptions inputSize(int size) {
        InputSize bounds = model.inputSize();
        if (size < bounds.minSize() || size > bounds.maxSize()) {
            throw new IllegalArgumentException(model.model() + " takes a " + bounds.kind().quantity() + " of "
                    + bounds.minSize() + " to " + bounds.maxSize() + " " + bounds.kind().unit() + ", got " + size);
        }
        this.inputSize = size;
        return this;
    }

    /** The input size the runs use: the one given, else the model's default. */
    public int inputSize() {
        return inputSize > 0 ? inputSize : model.inputSize().defaultSize();
    }

    /**
     * Which strategies to compare (default: all); {@code default} and {@code default-batched} always run (the SLO
     * and the savings need them).
     */
    public CompareOptions strategies(List<String> names) {
        for (String name : names) {
            if (!Strategies.NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown strategy '" + name + "'; known: " + Strategies.NAMES);
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("name at least one strategy; known: " + Strategies.NAMES);
        }
        this.strategies = new ArrayList<>(names);
        return this;
    }

    public CompareOptions strategies(String... names) {
        return strategies(Arrays.asList(names));
    }

    public CompareOptions seeds(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("--seeds must be >= 1, got " + count);
        }
        this.seeds = count;
        return this;
    }

    /** The first seed; runs use baseSeed, baseSeed + 1, ... (default 1). */
    public CompareOptions baseSeed(long seed) {
        this.baseSeed = seed;
        return this;
    }

    /** Simulated run time per strategy and seed (default 10 minutes). */
    public CompareOptions durationNs(long ns) {
        if (ns < 10_000_000_000L) {
            throw new IllegalArgumentException("a comparison run must last at least 10 s of simulated time, got "
                    + ns / 1e9 + " s");
        }
        this.durationNs = ns;
        return this;
    }

    public CompareOptions trace(RequestTrace trace) {
        this.trace = trace;
        return this;
    }

    public CompareOptions scenario(Scenario scenario) {
        this.scenario = scenario;
        return this;
    }

    /** The p95 latency target in ms; NaN (default) for 1.5x the p95 that {@code default} achieves. */
    public CompareOptions sloMs(double ms) {
        if (!Double.isNaN(ms) && !(ms > 0)) {
            throw new IllegalArgumentException("--slo-ms must be > 0, got " + ms);
        }
        this.sloMs = ms;
        return this;
    }

    public CompareOptions eta(double eta) {
        if (!(eta >= 0 && eta <= 1)) {
            throw new IllegalArgumentException("--eta must be in [0, 1], got " + eta);
        }
        this.eta = eta;
        return this;
    }

    /** The shortest measurement window (default 2 s; slow meters force longer ones). */
    public CompareOptions windowNs(long ns) {
        this.windowNs = ns;
        return this;
    }

    /** The knobs strategies tune and the ones held (default: every knob of the workload's space tuned). */
    public CompareOptions knobs(KnobSelection selection) {
        this.knobs = selection;
        return this;
    }

    /** Where stored profiles live (the hybrid's warm start); null (default) keeps them in memory only. */
    public CompareOptions profileStore(ProfileStore store) {
        this.profileStore = store;
        return this;
    }

    /** Told of every strategy run (traces, metrics, profile recording); null (default) for none. */
    public CompareOptions observer(RunObserver observer) {
        this.observer = observer;
        return this;
    }

    public String deviceSpec() {
        return deviceSpec;
    }

    public ModelProfiler model() {
        return model;
    }

    public Scenario scenario() {
        return scenario;
    }

    public RequestTrace trace() {
        return trace;
    }

    public int seeds() {
        return seeds;
    }
}
