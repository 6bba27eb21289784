package org.zeusmobile.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.List;
import org.zeusmobile.core.control.RequestTrace;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.strategy.Strategies;
import org.zeusmobile.core.workload.InputSize;
import org.zeusmobile.lab.CompareOptions;
import org.zeusmobile.lab.CompareResult;
import org.zeusmobile.lab.ComparisonHarness;
import org.zeusmobile.lab.ConfigurationText;
import org.zeusmobile.lab.LiveOptimization;
import org.zeusmobile.lab.ProfilePoint;
import org.zeusmobile.lab.ResultTable;
import org.zeusmobile.lab.Scenario;
import org.zeusmobile.lab.StrategyResult;
import org.zeusmobile.onnx.HostDevice;
import org.zeusmobile.onnx.OnnxEngine;
import org.zeusmobile.onnx.OnnxModel;
import picocli.CommandLine.Command;
import org.zeusmobile.store.StoredProfile;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code zeus-mobile optimize}: one strategy online, with a summary of what it saved against default. */
@Command(name = "optimize", mixinStandardHelpOptions = true,
        description = "Runs one strategy online and reports the configuration it chose, energy per inference, "
                + "latency percentiles and the savings against the default governors at batch 1 and at the largest "
                + "batch that meets the SLO. On a real device (host, linux) the model runs in ONNX Runtime on this "
                + "machine's CPU: default runs first for a quarter of --duration, probes of larger batches for an "
                + "eighth, then the strategy.")
final class OptimizeCommand implements java.util.concurrent.Callable<Integer> {

    @Mixin
    RunOptions run;

    @Option(names = "--strategy", paramLabel = "NAME", defaultValue = "hybrid",
            description = "hybrid, zeus-jit, polythrottle-bo, default, default-batched, max-performance or oracle "
                    + "(default: ${DEFAULT-VALUE}).")
    String strategy;

    @Option(names = "--json", description = "Print the result as JSON (the compare schema, see docs/cli.md).")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR", description = "Write the report (as compare --out) here.")
    Path out;

    @Mixin
    PerfettoOption perfetto;

    @Mixin
    MetricsOptions metrics;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Limits.strategies(Collections.singletonList(strategy));
        if (out != null) {
            Limits.writableDirectory(out, "--out");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        if (run.device.startsWith("adb")) {
            throw new IllegalArgumentException("optimize runs the model on this machine, so it cannot tune a phone over "
                    + "adb: tune phones from inside the app with zeus-android (zeus-android/README.md); over adb, use "
                    + "devices, measure, apply and restore");
        }
        if (!run.simulatedDevice()) {
            return live(stdout);
        }
        CompareOptions options = run.toCompareOptions().seeds(1).strategies(Collections.singletonList(strategy));
        try (RunExports exports = RunExports.open(perfetto, metrics, spec.commandLine().getErr())) {
            exports.recordTo(run.profileStore, options.model().modelHash(), options.trace().describe(),
                    options.inputSize());
            options.observer(exports.observer());
            int code = simulated(stdout, options);
            return exports.finish(spec.commandLine().getErr()) ? ZeusMobile.FAILURE : code;
        }
    }

    private int simulated(PrintWriter stdout, CompareOptions options) throws IOException {
        if (json) {
            return CompareCommand.execute(stdout, options, run, true, out);
        }
        ComparisonHarness harness = new ComparisonHarness(options);
        CompareResult result;
        try (ProgressDisplay progress = new ProgressDisplay(System.err, run.sloMs == null ? Double.NaN : run.sloMs, true)) {
            result = harness.run(progress);
        }
        printSummary(stdout, result);
        printWarmStart(stdout);
        if (out != null) {
            Report.write(result.withReportDetails(run.deviceDescription, run.describeModel(options),
                    ProfilePoint.of(harness.profile(false, result.sloMs()))), out);
            stdout.println("Report: " + out.resolve("report.html").toAbsolutePath());
        }
        return ZeusMobile.OK;
    }

    /**
     * On a real device: the model in ONNX Runtime on this machine's CPU, default for a quarter of the time
     * (the baseline and, without --slo-ms, the SLO), default-batched's probes for an eighth, then the strategy;
     * every knob restored after each.
     */
    private int live(PrintWriter stdout) throws IOException {
        run.checkObjective();
        if (!run.scenario.equals(Scenario.STEADY.id())) {
            throw new IllegalArgumentException("--scenario " + run.scenario + " is a simulated condition; on a real "
                    + "device the run meets whatever the device meets: leave --scenario out");
        }
        RequestTrace trace = RequestTrace.parse(run.trace);
        long totalNs = run.durationNs(trace);
        LiveOptimization.Options options = new LiveOptimization.Options().eta(run.eta).trace(trace).seed(run.seed)
                .sloMs(run.sloMs == null ? Double.NaN : run.sloMs)
                .durationsNs(totalNs / 4, totalNs / 8, totalNs - totalNs / 4 - totalNs / 8);
        OnnxModel model = Models.load(run.model, run.inputs);
        InputSize bounds = model.inputShapes().inputSize();
        int size = Models.inputSize(model.name(), bounds, run.seq, model.inputShapes().describe(1,
                bounds.defaultSize()));
        CompareResult result;
        RunExports exports;
        try (Device device = Devices.open(run.device, spec.commandLine().getErr())) {
            options.knobs(run.knobSelection(device));
            options.profileStore(run.openProfiles(device.info()), model.sha256WithInputs(), size);
            exports = RunExports.open(perfetto, metrics, spec.commandLine().getErr())
                    .recordTo(run.profileStore, model.sha256WithInputs(), trace.describe(), size);
            try (RunExports closing = exports;
                    OnnxEngine engine = device instanceof HostDevice
                        ? OnnxEngine.forDevice(model, size, (HostDevice) device)
                        : OnnxEngine.create(model, size, 0);
                    ProgressDisplay progress = new ProgressDisplay(System.err,
                            run.sloMs == null ? Double.NaN : run.sloMs, device.info().simulated())) {
                result = LiveOptimization.run(device, engine, strategy, options.observer(exports.observer()), progress);
            }
        }
        if (json) {
            stdout.println(result.toJson());
        } else {
            printSummary(stdout, result);
            printWarmStart(stdout);
        }
        if (out != null) {
            String modelDescription = String.format(Locale.ROOT, "%s inputs, run by ONNX Runtime on this machine's "
                    + "CPU", bounds.describe(size));
            Report.write(result.withReportDetails(run.deviceDescription, modelDescription, List.of()), out);
            if (!json) {
                stdout.println("Report: " + out.resolve("report.html").toAbsolutePath());
            }
        }
        return exports.finish(spec.commandLine().getErr()) ? ZeusMobile.FAILURE : ZeusMobile.OK;
    }

    /** Where the hybrid's warm start came from: this board's profile, its fleet's, or none yet. */
    private void printWarmStart(PrintWriter stdout) {
        StoredProfile loaded = run.profileStore == null ? null : run.profileStore.lastLoaded();
        if (!strategy.equals(Strategies.HYBRID) || loaded == null) {
            return;
        }
        stdout.printf(Locale.ROOT, "  warm start            %s%n", loaded.isEmpty()
                ? "nothing stored for " + run.profileStore.deviceId() + " or its fleet yet: a BO warm start ran and "
                        + "was stored in " + run.profileStore.describe()
                : loaded.describe() + ", from " + run.profileStore.describe());
    }

    /**
     * The choice and what it saved against both baselines. A strategy that missed the SLO claims no saving; one
     * whose final configuration missed it gets a warning and the recommendation instead: the cheapest configuration
     * it tried that met the SLO, or default when none did.
     */
    private void printSummary(PrintWriter stdout, CompareResult result) {
        StrategyResult chosen = result.strategy(strategy);
        StrategyResult baseline = result.strategy(Strategies.DEFAULT);
        StrategyResult batched = result.strategy(Strategies.DEFAULT_BATCHED);
        stdout.printf(Locale.ROOT, "%s%s on %s, model %s, SLO p95 <= %.2f ms, eta %.2f%n",
                result.simulated() ? "SIMULATED: " : "", strategy, result.device(), result.model(), result.sloMs(),
                result.eta());
        stdout.printf(Locale.ROOT, "  energy                %s%n", result.energy().description());
        stdout.printf(Locale.ROOT, "  knobs                 %s%n", ResultTable.knobsText(result.knobs()));
        for (String note : result.notes()) {
            stdout.printf(Locale.ROOT, "  note                  %s%n", note);
        }
        if (Boolean.FALSE.equals(chosen.finalMeetsSlo())) {
            boolean fallback = chosen.recommendedConfiguration().equals(baseline.finalConfiguration());
            stdout.printf(Locale.ROOT, "  WARNING               %s ended on %s, which missed the SLO where it ran; "
                    + "%s%n", strategy, ConfigurationText.of(chosen.finalConfiguration()), fallback
                    ? "nothing it tried met the SLO, so the recommendation falls back to default"
                    : "the recommendation is the cheapest configuration it tried that met the SLO");
        }
        stdout.printf(Locale.ROOT, "  chosen configuration  %s%n", ConfigurationText.of(chosen.recommendedConfiguration()));
        stdout.printf(Locale.ROOT, "  energy per inference  %.3f mJ over the run (default: %.3f mJ; default-batched, "
                + "batch %d: %.3f mJ)%n", chosen.energyPerInferenceJ() * 1e3, baseline.energyPerInferenceJ() * 1e3,
                batched.finalConfiguration().getOrDefault("batch", 1L), batched.energyPerInferenceJ() * 1e3);
        stdout.printf(Locale.ROOT, "  latency p50/p95/p99   %.2f / %.2f / %.2f ms%n", chosen.latencyP50Ms(),
                chosen.latencyP95Ms(), chosen.latencyP99Ms());
        stdout.printf(Locale.ROOT, "  SLO violations        %.2f%% of requests (default: %.2f%%)%n",
                chosen.sloViolationRate() * 100, baseline.sloViolationRate() * 100);
        if (!chosen.feasible()) {
            stdout.printf(Locale.ROOT, "  SLO MISSED            p95 %.2f ms > %.2f ms: no saving is claimed%n",
                    chosen.latencyP95Ms(), result.sloMs());
            return;
        }
        stdout.printf(Locale.ROOT, "  vs default            %s per inference%n",
                ResultTable.savingText(1 - chosen.energyVsDefault()));
        stdout.printf(Locale.ROOT, "  vs default-batched    %s per inference%n",
                ResultTable.savingText(1 - chosen.energyVsDefaultBatched()));
    }
}
