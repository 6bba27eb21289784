package org.zeusmobile.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.zeusmobile.lab.CompareOptions;
import org.zeusmobile.lab.ComparisonHarness;
import org.zeusmobile.lab.ProfilePoint;
import org.zeusmobile.lab.SearchSpaces;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.strategy.Prediction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code zeus-mobile profile}: energy and latency over configurations, with the Pareto front. */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "Profiles energy and latency over the device's configurations (exhaustively on the "
                + "simulator's model, or with a handful of measured BO samples) and marks the Pareto front.")
final class ProfileCommand implements java.util.concurrent.Callable<Integer> {

    @Mixin
    RunOptions run;

    @Option(names = "--batch", paramLabel = "B,B", split = ",", defaultValue = "1,2,4,8",
            description = "Batch sizes to include (default: ${DEFAULT-VALUE}).")
    List<Long> batches;

    @Option(names = "--strategy", paramLabel = "exhaustive|bo", defaultValue = "exhaustive",
            description = "exhaustive or bo (default: ${DEFAULT-VALUE}); bo profiles are stored and warm-start hybrid.")
    String strategy;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the JSON here instead of stdout.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!strategy.equals("exhaustive") && !strategy.equals("bo")) {
            throw new IllegalArgumentException("--strategy must be exhaustive or bo, got '" + strategy + "'");
        }
        List<Long> legal = batchSizes();
        for (long batch : batches) {
            if (!legal.contains(batch)) {
                throw new IllegalArgumentException("--batch " + batch + " is not a batch size the profile holds on "
                        + run.device + "; legal: " + legal);
            }
        }
        if (out != null) {
            Limits.writableFile(out, "--out");
        }
        CompareOptions options = run.toCompareOptions().seeds(1);
        boolean bayesian = strategy.equals("bo");
        double sloMs = run.sloMs != null ? run.sloMs : bayesian ? defaultSloMs(options) : Double.NaN;
        Map<Configuration, Prediction> profile = new ComparisonHarness(options).profile(bayesian, sloMs);
        Map<Configuration, Prediction> kept = new LinkedHashMap<>();
        for (Map.Entry<Configuration, Prediction> entry : profile.entrySet()) {
            if (batches.contains(entry.getKey().get(Knob.BATCH, 1L))) {
                kept.put(entry.getKey(), entry.getValue());
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", 1);
        doc.put("simulated", true);
        doc.put("device", run.device);
        doc.put("model", run.model);
        doc.put("method", bayesian ? "polythrottle-bo surrogate" : "exhaustive, noise-free simulator model");
        doc.put("knobs", ComparisonHarness.knobsOf(kept.keySet()));
        List<ProfilePoint> points = ProfilePoint.of(kept);
        doc.put("configurations", points);
        String text = Json.write(doc);
        PrintWriter stdout = spec.commandLine().getOut();
        if (out != null) {
            Files.write(out, text.getBytes(StandardCharsets.UTF_8));
            long front = points.stream().filter(ProfilePoint::pareto).count();
            stdout.printf(Locale.ROOT, "SIMULATED profile of %d configurations (%d on the Pareto front) written to %s%n",
                    kept.size(), front, out);
        } else {
            stdout.println(text);
        }
        return ZeusMobile.OK;
    }

    /** The batch sizes the device's profile holds: its batch knob's values up to the search space's largest. */
    private List<Long> batchSizes() {
        List<Long> legal = new java.util.ArrayList<>();
        try (Device device = Devices.open(run.device)) {
            for (Knob knob : device.knobs()) {
                if (knob.name().equals(Knob.BATCH)) {
                    for (long value : knob.values()) {
                        if (value <= SearchSpaces.MAX_BATCH) {
                            legal.add(value);
                        }
                    }
                }
            }
        }
        return legal.isEmpty() ? java.util.Collections.singletonList(1L) : legal;
    }

    /** 1.5 x the p95 latency the default governors achieve in a minute, as compare takes it. */
    private static double defaultSloMs(CompareOptions options) {
        return new ComparisonHarness(options.durationNs(60_000_000_000L)).sloMs();
    }
}
