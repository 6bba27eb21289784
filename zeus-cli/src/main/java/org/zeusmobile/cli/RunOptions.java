package org.zeusmobile.cli;

import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import org.zeusmobile.lab.CompareOptions;
import org.zeusmobile.lab.ProfileStore;
import org.zeusmobile.lab.Scenario;
import org.zeusmobile.core.control.RequestTrace;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.device.DeviceInfo;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.device.Units;
import org.zeusmobile.core.strategy.KnobSelection;
import org.zeusmobile.core.workload.InputSize;
import org.zeusmobile.core.workload.ModelProfiler;
import org.zeusmobile.onnx.OnnxModelProfiler;
import org.zeusmobile.core.device.DeviceRegistry;
import org.zeusmobile.store.StoreLocation;
import picocli.CommandLine.Option;

/**
 * The options optimize, compare and profile share: device, model, input, objective, trace, scenario, length, seed,
 * and the knobs to tune or hold. Their checks live here, in one place.
 */
final class RunOptions {

    @Option(names = "--device", paramLabel = "SPEC", defaultValue = DeviceRegistry.DEFAULT_SPEC,
            description = "sim:NAME or sim:file=PATH; optimize also runs on a real device (host, linux[:root=DIR]) "
                    + "(default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--model", paramLabel = "MODEL", defaultValue = "minilm",
            description = "minilm, bge-small, or a path to an .onnx file (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--seq", paramLabel = "TOKENS",
            description = "Input sequence length in tokens, for text models (default: the model's, 128 where it is "
                    + "open).")
    Integer seq;

    @Option(names = "--input", paramLabel = "NAME=DIMS", description = Models.INPUT_HELP)
    List<String> inputs;

    @Option(names = "--slo-ms", paramLabel = "MS",
            description = "p95 latency target in ms (default: 1.5 x the p95 that the default governors achieve).")
    Double sloMs;

    // The default is Objective.DEFAULT_ETA (an annotation needs the literal).
    @Option(names = "--eta", paramLabel = "E", defaultValue = "1",
            description = "Weight of energy against time in Zeus's cost eta*E + (1-eta)*P_max*T, in [0, 1]; 1 minimises "
                    + "energy per inference under the SLO, less than 1 also buys speed with energy (default: ${DEFAULT-VALUE}).")
    double eta;

    @Option(names = "--trace", paramLabel = "TRACE", defaultValue = "closed",
            description = "Request arrivals: closed, periodic:FPS, poisson:RATE, bursty:RATE,ON_S,OFF_S (RATE "
                    + "for ON_S seconds, then OFF_S without) or file=PATH (CSV of arrival times in s) "
                    + "(default: ${DEFAULT-VALUE}).")
    String trace;

    @Option(names = "--scenario", paramLabel = "NAME", defaultValue = "steady",
            description = "steady, thermal, interference or input-change (default: ${DEFAULT-VALUE}).")
    String scenario;

    @Option(names = "--duration", paramLabel = "TIME",
            description = "Device time per run, e.g. 90s, 10m, 1h; from 1s to 168h (default: 10m).")
    String duration;

    @Option(names = "--requests", paramLabel = "N",
            description = "Run until N requests have arrived instead (periodic and Poisson traces).")
    Integer requests;

    @Option(names = "--profiles", paramLabel = "STORE",
            description = "The profile store: the hybrid's warm starts and what optimize measured, per device, shared "
                    + "by a fleet of one device class. An SQLite file, a directory (DIR/profiles.db), or a JDBC URL: "
                    + "jdbc:sqlite:FILE or jdbc:postgresql://HOST[:PORT]/DB?user=NAME (default: "
                    + "~/.zeus-mobile/profiles.db, or in $ZEUS_MOBILE_HOME; JSON profiles of earlier versions in its "
                    + "profiles/ are imported once).")
    String profiles;

    @Option(names = "--device-id", paramLabel = "ID",
            description = "This board's name in the profile store, e.g. a phone's serial (default: the device spec, "
                    + "with the seed on the simulator, else with this machine's id).")
    String deviceId;

    /** The store opened by {@link #openProfiles}, or null. */
    ProfileStore profileStore;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "First seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--fix", paramLabel = "KNOB=VALUE,...",
            description = "Hold these knobs at these values for every strategy, both baselines and the oracle, e.g. "
                    + "batch=1 (an app that cannot batch) or gpu.freq=475MHz.")
    String fix;

    @Option(names = "--knobs", paramLabel = "KNOB,...", split = ",",
            description = "Tune only these knobs, e.g. gpu.freq,mem.ddr.freq (an app without root for the CPU "
                    + "clocks); the others stay with their governors, batch at 1 (default: every knob of the workload's "
                    + "search space).")
    List<String> knobs;

    /** The opened device's description, for the report; set by {@link #toCompareOptions()}. */
    String deviceDescription;

    /** Checks the objective and input options; bad input is an IllegalArgumentException (exit 2). */
    void checkObjective() {
        Limits.eta(eta);
        if (sloMs != null) {
            Limits.sloMs(sloMs);
        }
        if (seq != null && seq < 1) {
            throw new IllegalArgumentException("--seq must be >= 1 token, got " + seq);
        }
    }

    /** Whether --device is simulated; opening it turns an unknown spec into a quick usage error. */
    boolean simulatedDevice() {
        try (Device opened = Devices.open(device)) {
            deviceDescription = opened.info().description();
            return opened.info().simulated();
        }
    }

    /**
     * The knobs to tune and to hold, checked against {@code device}: unknown knobs and illegal values are usage
     * errors naming the legal ones. {@code batch} is a count even on devices where the controller batches.
     */
    KnobSelection knobSelection(Device device) {
        Configuration held = Configuration.governed();
        if (fix != null) {
            for (String part : fix.split(",")) {
                int eq = part.indexOf('=');
                if (eq <= 0 || eq == part.length() - 1) {
                    throw new IllegalArgumentException("--fix '" + part.trim() + "' is not KNOB=VALUE (e.g. batch=1 "
                            + "or gpu.freq=475MHz)");
                }
                String name = part.substring(0, eq).trim();
                if (held.pins(name)) {
                    throw new IllegalArgumentException("--fix holds knob " + name + " twice");
                }
                Knob.Unit unit = name.equals(Knob.BATCH) ? Knob.Unit.COUNT : device.knob(name).unit();
                long value = Units.parse(part.substring(eq + 1), unit);
                if (!name.equals(Knob.BATCH)) {
                    device.knob(name).requireLegal(value);
                } else if (value < 1) {
                    throw new IllegalArgumentException("--fix batch must be >= 1, got " + value);
                }
                held = held.with(name, value);
            }
        }
        return KnobSelection.of(knobs, held);
    }

    /** Checks every value and builds the harness options; bad input is an IllegalArgumentException (exit 2). */
    CompareOptions toCompareOptions() {
        checkObjective();
        RequestTrace requestTrace = RequestTrace.parse(trace);
        Scenario parsedScenario = Scenario.parse(scenario);
        long durationNs = durationNs(requestTrace);
        // Opening the device before the model loads turns an unknown spec or profile into a quick usage error.
        OnnxModelProfiler analysed;
        ModelProfiler profiler;
        KnobSelection selection;
        DeviceInfo info;
        try (Device opened = Devices.open(device)) {
            if (!opened.info().simulated()) {
                throw new IllegalArgumentException("comparisons and profiles need a simulated device (sim:NAME), which "
                        + "has an oracle; '" + device + "' is real: run 'zeus-mobile optimize --device " + device
                        + "', measure it with 'zeus-mobile measure' or pin it with 'zeus-mobile apply'");
            }
            deviceDescription = opened.info().description();
            info = opened.info();
            selection = knobSelection(opened);
            analysed = Models.profiler(model, inputs);
            profiler = Models.forDevice(analysed, opened);
        }
        int size = inputSize(analysed, parsedScenario);
        CompareOptions options = new CompareOptions(profiler).device(device).inputSize(size)
                .trace(requestTrace).scenario(parsedScenario).eta(eta).baseSeed(seed).durationNs(durationNs)
                .profileStore(openProfiles(info)).knobs(selection);
        if (sloMs != null) {
            options.sloMs(sloMs);
        }
        return options;
    }

    /**
     * The input size to run at (--seq, else the model's default, which --input sets), checked against the
     * model's bounds, and against them at twice the size when the scenario doubles it.
     */
    private int inputSize(OnnxModelProfiler profiler, Scenario parsedScenario) {
        InputSize bounds = profiler.inputSize();
        int size = Models.inputSize(profiler.model(), bounds, seq,
                profiler.inputShapes().describe(1, bounds.defaultSize()));
        profiler.profile(1, size);
        if (parsedScenario == Scenario.INPUT_CHANGE && bounds.fixed()) {
            throw new IllegalArgumentException("--scenario input-change doubles the input size, but " + profiler.model()
                    + "'s input shape is fixed (" + profiler.inputShapes().describe(1, size) + "): export it with "
                    + "dynamic axes, or choose another scenario");
        }
        if (parsedScenario == Scenario.INPUT_CHANGE && 2L * size > bounds.maxSize()) {
            throw new IllegalArgumentException("--scenario input-change doubles the input to " + bounds.describe(2 * size)
                    + ", but " + profiler.model() + " takes at most " + bounds.describe(bounds.maxSize()) + ": give a "
                    + bounds.kind().quantity() + " of at most " + bounds.maxSize() / 2 + " " + bounds.kind().unit());
        }
        return size;
    }

    /**
     * Opens the profile store (--profiles, else the default in {@link ZeusHome}) for the board {@code info}
     * describes; a store that cannot be written fails here, before any run.
     */
    ProfileStore openProfiles(DeviceInfo info) {
        StoreLocation location = profiles == null ? StoreLocation.defaultIn(ZeusHome.path())
                : StoreLocation.parse(profiles);
        String id = deviceId != null ? deviceId : DeviceIds.of(info, seed, Paths.get("/"));
        profileStore = ProfileStore.open(location, id);
        return profileStore;
    }

    /** One line for the report: what the simulated device runs. */
    String describeModel(CompareOptions options) {
        InputSize bounds = options.model().inputSize();
        double gflop = options.model().profile(1, options.inputSize()).totalFlops() / 1e9;
        return String.format(Locale.ROOT, "%s inputs, %.2f GFLOP per inference (zeus-onnx analysis of the graph "
                + "ONNX Runtime runs), executed by the simulator", bounds.describe(options.inputSize()), gflop);
    }

    /** The run length: --duration (default 10m) or --requests at the trace's rate, never both; within {@link Limits}. */
    long durationNs(RequestTrace requestTrace) {
        if (requests != null) {
            if (duration != null) {
                throw new IllegalArgumentException("give --requests or --duration, not both: --requests " + requests
                        + " sets the run length from the trace's rate");
            }
            if (requests < 1) {
                throw new IllegalArgumentException("--requests must be >= 1, got " + requests);
            }
            double rateHz = org.zeusmobile.lab.TrueModel.rateHz(requestTrace, 3_600_000_000_000L);
            if (Double.isNaN(rateHz)) {
                throw new IllegalArgumentException("--requests needs a trace with a known rate (periodic:FPS, "
                        + "poisson:RATE or bursty:RATE,ON_S,OFF_S); with a closed loop give --duration");
            }
            double ns = Math.ceil(requests / rateHz * 1e9);
            if (!(ns >= Limits.MIN_DURATION_NS && ns <= Limits.MAX_DURATION_NS)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "--requests %d at %s per second would run "
                        + "%.0f s; a run lasts from 1 s to 168 h (a week)", requests, Limits.plain(rateHz), ns / 1e9));
            }
            return (long) ns;
        }
        return Limits.durationNs(duration == null ? "10m" : duration);
    }
}
