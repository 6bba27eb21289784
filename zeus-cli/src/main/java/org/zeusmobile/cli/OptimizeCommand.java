package org.zeusmobile.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import org.zeusmobile.bench.compare.CompareOptions;
import org.zeusmobile.bench.compare.CompareResult;
import org.zeusmobile.bench.compare.ComparisonHarness;
import org.zeusmobile.bench.compare.StrategyResult;
import org.zeusmobile.core.strategy.Strategies;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code zeus-mobile optimize}: one strategy online, with a summary of what it saved against default. */
@Command(name = "optimize", mixinStandardHelpOptions = true,
        description = "Runs one strategy online on a simulated device and reports the configuration it chose, "
                + "energy per inference, latency percentiles and the savings against the default governors.")
final class OptimizeCommand implements java.util.concurrent.Callable<Integer> {

    @Mixin
    RunOptions run;

    @Option(names = "--strategy", paramLabel = "NAME", defaultValue = "hybrid",
            description = "hybrid, zeus-jit, polythrottle-bo, default, max-performance or oracle "
                    + "(default: ${DEFAULT-VALUE}).")
    String strategy;

    @Option(names = "--json", description = "Print the result as JSON (the compare schema, see docs/cli.md).")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR", description = "Write the report (as compare --out) here.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!Strategies.NAMES.contains(strategy)) {
            throw new IllegalArgumentException("unknown strategy '" + strategy + "'; known: " + Strategies.NAMES);
        }
        CompareOptions options = run.toCompareOptions().seeds(1).strategies(Collections.singletonList(strategy));
        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            return CompareCommand.execute(stdout, options, run, true, out);
        }
        ComparisonHarness harness = new ComparisonHarness(options);
        CompareResult result;
        try (ProgressDisplay progress = new ProgressDisplay(System.err, run.sloMs == null ? Double.NaN : run.sloMs)) {
            result = harness.run(progress);
        }
        StrategyResult chosen = result.strategy(strategy);
        StrategyResult baseline = result.strategy(Strategies.DEFAULT);
        stdout.printf(Locale.ROOT, "%s%s on %s, model %s, SLO p95 <= %.2f ms, eta %.2f%n",
                result.simulated ? "SIMULATED: " : "", strategy, result.device, result.model, result.sloMs, result.eta);
        stdout.printf(Locale.ROOT, "  chosen configuration  %s%n", Report.configurationText(
                Results.tree(chosen.finalConfiguration)));
        stdout.printf(Locale.ROOT, "  energy per inference  %.3f mJ (default: %.3f mJ)%n", chosen.energyPerInferenceJ * 1e3,
                baseline.energyPerInferenceJ * 1e3);
        stdout.printf(Locale.ROOT, "  latency p50/p95/p99   %.2f / %.2f / %.2f ms%n", chosen.latencyP50Ms,
                chosen.latencyP95Ms, chosen.latencyP99Ms);
        stdout.printf(Locale.ROOT, "  SLO violations        %.2f%% of requests (default: %.2f%%)%n",
                chosen.sloViolationRate * 100, baseline.sloViolationRate * 100);
        stdout.printf(Locale.ROOT, "  savings vs default    %.1f%% energy per inference%n",
                (1 - chosen.energyVsDefault) * 100);
        if (out != null) {
            Report.write(Results.document(result, run.deviceDescription, run.describeModel(options), harness.profile(false, result.sloMs)), out);
            stdout.println("Report: " + out.resolve("report.html").toAbsolutePath());
        }
        return ZeusMobile.OK;
    }
}
