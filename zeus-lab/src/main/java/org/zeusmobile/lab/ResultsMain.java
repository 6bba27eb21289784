package org.zeusmobile.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.zeusmobile.core.strategy.Objective;
import org.zeusmobile.core.control.RequestTrace;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.strategy.KnobSelection;
import org.zeusmobile.core.strategy.Strategies;
import org.zeusmobile.core.workload.ModelProfiler;
import org.zeusmobile.onnx.OnnxModelProfiler;
import org.zeusmobile.sim.ProfileLoader;

/**
 * Regenerates docs/results.md: every strategy on every simulated device, model and scenario, several seeds, with
 * both baselines and the saving split, a DVFS-only table (batch held at 1) per device, and the savings as ranges
 * over profiles drawn within their estimates' ranges ({@link SensitivityRun}). Every table is marked SIMULATED.
 * {@code scripts/results.sh} runs it. Arguments: {@code [--out FILE] [--seeds N] [--duration-s S] [--trace T]
 * [--draws N] [--draw-duration-s S]}.
 */
public final class ResultsMain {

    static final List<String> DEVICES = ProfileLoader.BUILT_IN;
    static final String[] MODELS = {"minilm", "bge-small"};

    /** Replaced by the regeneration's wall time once the document is complete. */
    private static final String ELAPSED = "@ELAPSED@";

    private final Map<String, ModelProfiler> models = new HashMap<>();
    private final int seeds;
    private final long durationS;
    private final String trace;
    private final int draws;
    private final long drawDurationS;

    private ResultsMain(int seeds, long durationS, String trace, int draws, long drawDurationS) {
        this.seeds = seeds;
        this.durationS = durationS;
        this.trace = trace;
        this.draws = draws;
        this.drawDurationS = drawDurationS;
    }

    public static void main(String[] args) throws IOException {
        Path out = Paths.get("docs/results.md");
        int seeds = 3;
        long durationS = 600;
        String trace = "closed";
        int draws = 48;
        long drawDurationS = 600;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Paths.get(args[++i]);
                case "--seeds" -> seeds = Integer.parseInt(args[++i]);
                case "--duration-s" -> durationS = Long.parseLong(args[++i]);
                case "--trace" -> trace = args[++i];
                case "--draws" -> draws = Integer.parseInt(args[++i]);
                case "--draw-duration-s" -> drawDurationS = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use --out FILE --seeds N --duration-s S --trace T --draws N --draw-duration-s S");
            }
        }
        long startNs = System.nanoTime();
        String md = new ResultsMain(seeds, durationS, trace, draws, drawDurationS).document();
        md = md.replace(ELAPSED, String.format(Locale.ROOT, "%.1f", (System.nanoTime() - startNs) / 60e9));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, md.getBytes(StandardCharsets.UTF_8));
        System.err.println("wrote " + out);
    }

    /** Zeus's own default weight, shown beside ours: time weighs as much as energy. */
    private static final double ZEUS_ETA = 0.5;

    /** One analysis per model, shared by every device, scenario, seed and draw. */
    private ModelProfiler profiler(String model) {
        return models.computeIfAbsent(model, name -> new OnProcessor(OnnxModelProfiler.of(name), "gpu"));
    }

    /** One comparison at the default eta (energy under the SLO). */
    CompareResult compare(String device, String model, Scenario scenario, KnobSelection knobs) {
        return compare(device, model, scenario, knobs, Objective.DEFAULT_ETA);
    }

    private CompareResult compare(String device, String model, Scenario scenario, KnobSelection knobs, double eta) {
        ModelProfiler profiler = profiler(model);
        CompareOptions options = new CompareOptions(profiler).device("sim:" + device).scenario(scenario).seeds(seeds)
                .durationNs(durationS * 1_000_000_000L).trace(RequestTrace.parse(trace)).knobs(knobs).eta(eta);
        CompareResult result = new ComparisonHarness(options).run(null);
        System.err.println("done " + device + " " + model + " " + scenario.id() + " (" + knobs + ", eta " + eta + ")");
        return result;
    }

    private String document() {
        StringBuilder details = new StringBuilder();
        StringBuilder summary = new StringBuilder(summaryHeader());
        double worstViolation = 0;
        String worst = "none";
        for (String device : DEVICES) {
            for (String model : MODELS) {
                for (Scenario scenario : Scenario.values()) {
                    CompareResult r = compare(device, model, scenario, KnobSelection.all());
                    summary.append(summaryLine(device, model, r)).append('\n');
                    details.append(String.format(Locale.ROOT, "### %s, %s, %s (SLO p95 <= %.1f ms) (SIMULATED)%n%n",
                            device, model, scenario.id(), r.sloMs()));
                    details.append(ResultTable.markdown(r)).append('\n');
                    details.append("Saving split (SIMULATED, ").append(r.split().reference()).append("):\n\n");
                    details.append(ResultTable.splitMarkdown(r.split())).append('\n');
                    for (String note : r.notes()) {
                        details.append("Note: ").append(note).append(".\n\n");
                    }
                    double violations = r.has(Strategies.ORACLE) ? r.strategy(Strategies.ORACLE).sloViolationRate()
                            : 0;
                    if (violations >= worstViolation) {
                        worstViolation = violations;
                        worst = device + ", " + model + ", " + scenario.id();
                    }
                }
            }
        }
        StringBuilder dvfs = new StringBuilder();
        for (String device : DEVICES) {
            CompareResult r = compare(device, "minilm", Scenario.STEADY,
                    KnobSelection.of(null, Configuration.governed().with(Knob.BATCH, 1)));
            dvfs.append(String.format(Locale.ROOT, "### %s, minilm, steady, batch held at 1 (SLO p95 <= %.1f ms) "
                    + "(SIMULATED)%n%n", device, r.sloMs()));
            dvfs.append(ResultTable.markdown(r)).append('\n');
        }
        StringBuilder timeToo = new StringBuilder(summaryHeader());
        for (String device : DEVICES) {
            for (String model : MODELS) {
                timeToo.append(summaryLine(device, model, compare(device, model, Scenario.STEADY,
                        KnobSelection.all(), ZEUS_ETA))).append('\n');
            }
        }
        StringBuilder ranges = new StringBuilder();
        for (String device : DEVICES) {
            ranges.append(new SensitivityRun(device, profiler("minilm"), Scenario.STEADY, draws, drawDurationS)
                    .run(System.err::println).markdown(6));
        }
        return intro() + "## Savings against both baselines (SIMULATED)\n\n" + summary + '\n'
                + String.format(Locale.ROOT, "The oracle's SLO violations stay at or below %.2f%% of requests in every "
                        + "comparison above (worst: %s).%n%n", worstViolation * 100, worst)
                + "## DVFS only: the batch held at 1 (SIMULATED)\n\n"
                + "What frequency tuning alone saves, for an app that cannot batch (`--fix batch=1`): every strategy "
                + "and the oracle searched the frequencies only.\n\n" + dvfs
                + "## Zeus's trade-off: eta 0.5 (SIMULATED)\n\n"
                + "The tables above minimise the energy per inference under the SLO (eta 1, the default). With "
                + "`--eta 0.5` time weighs as much as energy, so on the phones, where the governors run MiniLM slowly "
                + "at batch 1, the cheapest configurations spend more energy to finish sooner (negative savings); every "
                + "strategy, the oracle and the split then minimise that cost (steady, same SLO, seeds and "
                + "durations):\n\n" + timeToo + '\n'
                + "## Savings as ranges: the estimated constants drawn (SIMULATED)\n\n"
                + String.format(Locale.ROOT, "The single numbers above run each profile with its estimated constants at "
                        + "their central values. Here each device's profile is drawn %d times with every estimated "
                        + "constant uniform inside its range (`sim:NAME,draw=1..%d`; zeus-sim/README.md lists each "
                        + "constant, range and reasoning) and the comparison reruns on each draw (minilm, steady, one "
                        + "seed, %d s per strategy). A saving is shown as median [min, max] over the draws; the table "
                        + "under it names the constants the saving moves with most.%n%n", draws, draws, drawDurationS)
                + ranges
                + "## Every comparison (SIMULATED)\n\n" + details;
    }

    private String intro() {
        return "# Strategy comparison (SIMULATED)\n\n"
                + "**Every number on this page comes from the simulator (zeus-sim), not from hardware.** The workloads "
                + "are the real models' profiles: zeus-onnx analyses the bundled MiniLM-L6 and bge-small .onnx files "
                + "(FLOPs and bytes per operator, from ONNX Runtime's profiler shapes) and the simulator runs them on "
                + "the device's GPU, as an app with a GPU delegate does.\n\n"
                + String.format(Locale.ROOT, "Regenerate with `scripts/results.sh` (this run: %d seeds, %d s of "
                        + "simulated time per strategy and seed, trace `%s`, eta %s, SLO = 1.5 x default's p95; "
                        + "ranges: %d drawn profiles per device, %d s per strategy, one seed; generated %s in %s "
                        + "minutes of wall time, one thread).%n%n", seeds, durationS, trace, Objective.DEFAULT_ETA, draws,
                        drawDurationS,
                        Instant.now().toString().substring(0, 10), ELAPSED)
                + "Baselines: `default` is the governors at batch 1 (what an app does today); `default-batched` is "
                + "the governors at the largest batch whose run meets the SLO (what tuning only the batch gets). "
                + "Savings are quoted against both. The split says where the saving comes from: batching alone "
                + "(`default-batched`), the best static frequencies at batch 1 (DVFS alone) and the best static "
                + "configuration (both), each found by running candidates through the scenario. They minimise the "
                + "same cost as every strategy: with eta 1, the energy per inference under the SLO (a part whose "
                + "saving is negative used more energy than default; with eta < 1 that buys time).\n\n"
                + "Columns: energy per inference (the simulator's true energy, exploration included), request latency "
                + "percentiles (queueing and batching included), whether the p95 met the SLO (a strategy that missed "
                + "it shows no savings), the share of requests over the SLO, total cost (" + ResultTable.COST_MEANING
                + "), windows until the strategy settled for good on a configuration within 5% of the oracle's cost "
                + "(`never`: still switching in the last quarter of the run, or settled elsewhere; `static`: it "
                + "does not learn), how often it changed configuration, the cost of exploring above its settled "
                + "configuration, and energy against default, default-batched and the oracle. `oracle` is the best "
                + "static configuration that meets the SLO when run through the scenario (throttling included) with at "
                + "most 1% of requests over it; `oracle-dynamic` switches to each phase's best at the change. "
                + "Scenarios: steady; thermal (the phone has run at full speed for 5 minutes before the run); "
                + "interference (another app takes half the GPU from halfway); input-change (the sequence length "
                + "doubles halfway).\n\n";
    }

    private static String summaryHeader() {
        return "| device | model | scenario | SLO (ms) | default-batched | hybrid saving vs default | hybrid saving vs "
                + "default-batched | hybrid SLO | batching only | DVFS only | both (oracle) | oracle over SLO | energy |\n"
                + "| --- | --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n";
    }

    /** Savings as percentages less energy per inference ({@code –} where there is none: a missed SLO). */
    static String summaryLine(String device, String model, CompareResult r) {
        StrategyResult hybrid = r.strategy(Strategies.HYBRID);
        StrategyResult batched = r.strategy(Strategies.DEFAULT_BATCHED);
        SavingSplit split = r.split();
        String oracleViolations = r.has(Strategies.ORACLE)
                ? ResultTable.number(r.strategy(Strategies.ORACLE).sloViolationRate() * 100, "%.2f%%") : "none found";
        return String.format(Locale.ROOT, "| %s | %s | %s | %.1f | batch %d | %s | %s | %s | %s | %s | %s | %s | %s |",
                device, model, r.scenario(), r.sloMs(), batched.finalConfiguration().getOrDefault(Knob.BATCH, 1L),
                saving(hybrid.energyVsDefault()), saving(hybrid.energyVsDefaultBatched()),
                hybrid.feasible() ? "met" : "MISSED", saving(split.batchingOnly().energyVsDefault()),
                saving(split.dvfsOnly().energyVsDefault()), saving(split.both().energyVsDefault()), oracleViolations,
                r.energy().scope());
    }

    private static String saving(Double energyRatio) {
        return energyRatio == null ? "–" : String.format(Locale.ROOT, "%.1f%%", (1 - energyRatio) * 100);
    }
}
