package org.zeusmobile.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.zeusmobile.core.workload.InputSize;
import org.zeusmobile.onnx.OnnxModelProfiler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code zeus-mobile model MODEL}: the model's cost profile, totals then one row per operator. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Analyses a model into its workload profile: FLOPs and bytes per operator of the graph ONNX "
                + "Runtime executes after its optimisations, the profile the simulator executes.")
final class ModelCommand implements Runnable {

    @Parameters(index = "0", paramLabel = "MODEL", description = "minilm, bge-small, or a path to an .onnx file")
    String model;

    @Option(names = "--batch", defaultValue = "1", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seq", paramLabel = "TOKENS",
            description = "Sequence length in tokens, for text models (default: the model's, 128 where it is open).")
    Integer seq;

    @Option(names = "--input", paramLabel = "NAME=DIMS", description = Models.INPUT_HELP)
    List<String> inputs;

    @Option(names = "--json", description = "Print JSON (see docs/cli.md).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    @SuppressWarnings("unchecked")
    public void run() {
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        }
        OnnxModelProfiler profiler = Models.profiler(model, inputs);
        InputSize bounds = profiler.inputSize();
        int size = Models.inputSize(profiler.model(), bounds, seq, profiler.inputShapes().describe(1,
                bounds.defaultSize()));
        Map<String, Object> report = profiler.report(batch, size);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(report));
            return;
        }
        out.printf(Locale.ROOT, "%s at batch %d, %s %s%n", report.get("model"), batch, bounds.kind().quantity(),
                bounds.describe(size));
        out.printf(Locale.ROOT, "  inputs: %s%n", profiler.inputShapes().describe(batch, size));
        out.printf(Locale.ROOT, "  %.3f GFLOP, %.2f MB of parameters, %.2f MB of activations%n",
                ((Number) report.get("flops")).doubleValue() / 1e9,
                ((Number) report.get("parameter_bytes")).doubleValue() / 1e6,
                ((Number) report.get("activation_bytes")).doubleValue() / 1e6);
        out.printf(Locale.ROOT, "  graph: %d nodes in the file, %d after %s optimisations, %d of them without "
                + "device work (views, shape arithmetic)%n", report.get("nodes_in_file"),
                report.get("nodes_after_optimization"), report.get("optimization"), report.get("zero_work_nodes"));
        List<Object> unknown = (List<Object>) report.get("unknown_operators");
        if (!unknown.isEmpty()) {
            out.println("  operators without a cost rule (counted as 0 FLOPs): " + unknown);
        }
        out.printf(Locale.ROOT, "%n  %-48s %-22s %-14s %12s %12s%n", "operator", "op type", "class", "MFLOP", "KB");
        for (Object row : (List<Object>) report.get("operators")) {
            Map<String, Object> op = (Map<String, Object>) row;
            out.printf(Locale.ROOT, "  %-48s %-22s %-14s %12.3f %12.1f%n", shorten(String.valueOf(op.get("name")), 48),
                    op.get("op_type"), op.get("class"), ((Number) op.get("flops")).doubleValue() / 1e6,
                    ((Number) op.get("bytes")).doubleValue() / 1e3);
        }
    }

    private static String shorten(String text, int width) {
        return text.length() <= width ? text : "…" + text.substring(text.length() - width + 1);
    }
}
