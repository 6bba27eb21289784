package org.zeusmobile.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.zeusmobile.core.strategy.Strategies;
import org.zeusmobile.lab.CompareOptions;
import org.zeusmobile.lab.CompareResult;
import org.zeusmobile.lab.ComparisonHarness;
import org.zeusmobile.lab.ProfilePoint;
import org.zeusmobile.lab.ResultTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code zeus-mobile compare}: every strategy on the same device, model, trace, SLO and seeds. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Runs strategies side by side on the same simulated device, model, trace, SLO and seeds, "
                + "and reports energy, latency, SLO violations and savings against the default governors at batch 1 "
                + "(default) and at the largest batch that meets the SLO (default-batched), with the saving split "
                + "into batching and DVFS.")
final class CompareCommand implements java.util.concurrent.Callable<Integer> {

    /** Where the main job writes its report. */
    static final Path DEFAULT_REPORT_DIR = Paths.get("zeus-report");

    @Mixin
    RunOptions run;

    @Option(names = "--strategies", paramLabel = "A,B", split = ",",
            description = "Strategies to compare (default: all: default, default-batched, max-performance, oracle, "
                    + "zeus-jit, polythrottle-bo, hybrid); default and default-batched always run.")
    List<String> strategies;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "3", description = "Seeds per strategy (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--json", description = "Print the results as JSON (schema 2, see docs/cli.md) instead of a table.")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR", description = "Write report.html, plots, results.json and results.csv here.")
    Path out;

    @Mixin
    PerfettoOption perfetto;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        // every bound and output checked before the model loads and the runs start
        Limits.seeds(seeds);
        List<String> names = strategies == null ? Strategies.NAMES : Limits.strategies(strategies);
        if (out != null) {
            Limits.writableDirectory(out, "--out");
        }
        CompareOptions options = run.toCompareOptions().seeds(seeds).strategies(names);
        // compare only reads the profile store: its runs stay reproducible.
        try (RunExports exports = RunExports.open(perfetto, null, spec.commandLine().getErr())) {
            int code = execute(spec.commandLine().getOut(), options.observer(exports.observer()), run, json, out);
            return exports.finish(spec.commandLine().getErr()) ? ZeusMobile.FAILURE : code;
        }
    }

    /** Runs a comparison, prints it and writes the report; shared with optimize and the main job. */
    static int execute(PrintWriter stdout, CompareOptions options, RunOptions run, boolean json, Path out)
            throws IOException {
        ComparisonHarness harness = new ComparisonHarness(options);
        CompareResult result;
        try (ProgressDisplay progress = new ProgressDisplay(System.err, run.sloMs == null ? Double.NaN : run.sloMs, true)) {
            result = harness.run(progress);
        }
        stdout.println(json ? result.toJson() : ResultTable.text(result));
        if (out != null) {
            Report.write(result.withReportDetails(run.deviceDescription, run.describeModel(options),
                    ProfilePoint.of(harness.profile(false, result.sloMs()))), out);
            if (!json) {
                stdout.println("Report: " + out.resolve("report.html").toAbsolutePath() + " (plots, results.json, "
                        + "results.csv beside it)");
            }
        }
        return ZeusMobile.OK;
    }
}
