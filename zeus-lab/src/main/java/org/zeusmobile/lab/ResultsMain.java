package org.zeusmobile.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.zeusmobile.core.control.RequestTrace;
import org.zeusmobile.core.workload.ModelProfiler;
import org.zeusmobile.onnx.OnnxModelProfiler;

/**
 * Regenerates docs/results.md: every strategy on every simulated device, model and scenario, several seeds.
 * {@code scripts/results.sh} runs it. Arguments: {@code [--out FILE] [--seeds N] [--duration-s S] [--trace T]}.
 */
public final class ResultsMain {

    static final String[] DEVICES = {"snapdragon-8-gen-2", "jetson-orin-nano", "jetson-tx2"};
    static final String[] MODELS = {"minilm", "bge-small"};

    private ResultsMain() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, ModelProfiler> models = new HashMap<>();
        Path out = Paths.get("docs/results.md");
        int seeds = 3;
        long durationS = 600;
        String trace = "closed";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Paths.get(args[++i]);
                case "--seeds" -> seeds = Integer.parseInt(args[++i]);
                case "--duration-s" -> durationS = Long.parseLong(args[++i]);
                case "--trace" -> trace = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use --out FILE --seeds N --duration-s S --trace T");
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("# Strategy comparison (SIMULATED)\n\n");
        md.append("**Every number on this page comes from the simulator (zeus-sim), not from hardware.** ");
        md.append("The workloads are the real models' profiles: zeus-onnx analyses the bundled MiniLM-L6 and bge-small ");
        md.append(".onnx files (FLOPs and bytes per operator, from ONNX Runtime's profiler shapes) and the simulator runs ");
        md.append("them on the device's GPU, as an app with a GPU delegate does.\n\n");
        md.append(String.format(Locale.ROOT, "Regenerate with `scripts/results.sh` (this run: %d seeds, %d s of simulated "
                + "time per strategy and seed, trace `%s`, eta 0.5, SLO = 1.5 x default's p95, generated %s).%n%n",
                seeds, durationS, trace, Instant.now().toString().substring(0, 10)));
        md.append("Columns: energy per inference (true simulator energy, exploration included), request latency ");
        md.append("percentiles (queueing and batching included), the share of requests over the SLO, total cost ");
        md.append("(Zeus cost eta*E + (1-eta)*P_max*T per inference times the requests default served), samples ");
        md.append("(windows) until the strategy's answer stays within 5% of the oracle's cost (`never` when some seed ");
        md.append("did not settle), energy above the oracle's until then, and energy against default and oracle. ");
        md.append("`oracle` is the best static configuration (exhaustive, noise-free, p95 within 97% of the SLO; in `thermal` the best in ");
        md.append("hindsight among the steady-state front-runners run through the scenario); `oracle-dynamic` ");
        md.append("switches to each phase's best at the change. Scenarios: steady; thermal (the phone has run at full ");
        md.append("speed for 5 minutes before the run); interference (another app takes half the GPU from halfway); ");
        md.append("input-change (the sequence length doubles halfway).\n\n");
        List<String> summary = new ArrayList<>();
        for (String device : DEVICES) {
            for (String model : MODELS) {
                // One analysis per model, shared by every device, scenario and seed (profiles are cached inside).
                for (Scenario scenario : Scenario.values()) {
                    CompareOptions options = new CompareOptions(models.computeIfAbsent(model,
                            name -> new OnProcessor(OnnxModelProfiler.of(name), "gpu")))
                            .device("sim:" + device).scenario(scenario).seeds(seeds)
                            .durationNs(durationS * 1_000_000_000L).trace(RequestTrace.parse(trace));
                    CompareResult result = new ComparisonHarness(options).run(null);
                    md.append(String.format(Locale.ROOT, "## %s, %s, %s (SLO p95 <= %.1f ms)%n%n", device, model,
                            scenario.id(), result.sloMs));
                    md.append(markdownTable(result)).append('\n');
                    summary.add(summaryLine(device, model, scenario, result));
                    System.err.println("done " + device + " " + model + " " + scenario.id());
                }
            }
        }
        md.append("## Hybrid against the yardsticks\n\n");
        md.append("| device | model | scenario | hybrid E / oracle E | hybrid SLO violations | hybrid cost / best static cost | hybrid E / default E | default SLO violations |\n");
        md.append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (String line : summary) {
            md.append(line).append('\n');
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, md.toString().getBytes(StandardCharsets.UTF_8));
        System.err.println("wrote " + out);
    }

    static String markdownTable(CompareResult r) {
        StringBuilder t = new StringBuilder();
        t.append("| strategy | E/inf (mJ) | p50 (ms) | p95 (ms) | p99 (ms) | SLO violations | total cost | converge (windows) | exploration (J) | vs default | vs oracle | final configuration |\n");
        t.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (StrategyResult s : r.strategies) {
            t.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.2f%% | %.1f | %s | %.1f | %.3f | %.3f | `%s` |%n",
                    s.name, s.energyPerInferenceJ * 1e3, s.latencyP50Ms, s.latencyP95Ms, s.latencyP99Ms,
                    s.sloViolationRate * 100, s.totalCost, s.samplesToConverge == null ? "never" : s.samplesToConverge,
                    s.explorationEnergyJ, s.energyVsDefault, s.energyVsOracle, CompareResult.describe(s.finalConfiguration)));
        }
        return t.toString();
    }

    static String summaryLine(String device, String model, Scenario scenario, CompareResult r) {
        StrategyResult hybrid = r.strategy("hybrid");
        StrategyResult oracle = r.strategy("oracle");
        StrategyResult def = r.strategy("default");
        return String.format(Locale.ROOT, "| %s | %s | %s | %.3f | %.2f%% | %.3f | %.3f | %.2f%% |", device, model,
                scenario.id(), hybrid.energyVsOracle, hybrid.sloViolationRate * 100, hybrid.totalCost / oracle.totalCost,
                hybrid.energyVsDefault, def.sloViolationRate * 100);
    }
}
