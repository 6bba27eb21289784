package org.zeusmobile.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.zeusmobile.lab.CompareOptions;
import org.zeusmobile.lab.CompareResult;
import org.zeusmobile.lab.ComparisonHarness;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.strategy.Prediction;
import org.zeusmobile.core.strategy.Strategies;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code zeus-mobile compare}: every strategy on the same device, model, trace, SLO and seeds. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Runs strategies side by side on the same simulated device, model, trace, SLO and seeds, "
                + "and reports energy, latency, SLO violations and savings against the default governors.")
final class CompareCommand implements java.util.concurrent.Callable<Integer> {

    /** Where the main job writes its report. */
    static final Path DEFAULT_REPORT_DIR = Paths.get("zeus-report");

    @Mixin
    RunOptions run;

    @Option(names = "--strategies", paramLabel = "A,B", split = ",",
            description = "Strategies to compare (default: all: default, max-performance, oracle, zeus-jit, "
                    + "polythrottle-bo, hybrid).")
    List<String> strategies;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "3", description = "Seeds per strategy (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--json", description = "Print the results as JSON (schema 1, see docs/cli.md) instead of a table.")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR", description = "Write report.html, plots, results.json and results.csv here.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (seeds < 1) {
            throw new IllegalArgumentException("--seeds must be >= 1, got " + seeds);
        }
        CompareOptions options = run.toCompareOptions().seeds(seeds)
                .strategies(strategies == null ? Strategies.NAMES : strategies);
        return execute(spec.commandLine().getOut(), options, run, json, out);
    }

    /** Runs a comparison, prints it and writes the report; shared with optimize and the main job. */
    static int execute(PrintWriter stdout, CompareOptions options, RunOptions run, boolean json, Path out)
            throws IOException {
        ComparisonHarness harness = new ComparisonHarness(options);
        CompareResult result;
        try (ProgressDisplay progress = new ProgressDisplay(System.err, run.sloMs == null ? Double.NaN : run.sloMs, true)) {
            result = harness.run(progress);
        }
        stdout.println(json ? result.toJson() : result.toTable());
        if (out != null) {
            Map<Configuration, Prediction> profile = harness.profile(false, result.sloMs);
            ObjectNode document = Results.document(result, run.deviceDescription, run.describeModel(options), profile);
            Report.write(document, out);
            if (!json) {
                stdout.println("Report: " + out.resolve("report.html").toAbsolutePath() + " (plots, results.json, "
                        + "results.csv beside it)");
            }
        }
        return ZeusMobile.OK;
    }
}
