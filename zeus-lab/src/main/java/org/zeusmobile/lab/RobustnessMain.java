package org.zeusmobile.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.zeusmobile.core.strategy.Objective;
import org.zeusmobile.bo.PolythrottleBo;
import org.zeusmobile.core.control.Controller;
import org.zeusmobile.core.control.RequestTrace;
import org.zeusmobile.core.control.Window;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.strategy.Strategies;
import org.zeusmobile.core.workload.ModelProfiler;
import org.zeusmobile.onnx.OnnxModelProfiler;

/**
 * Regenerates docs/robustness.md (issue 14): every strategy on generated devices nobody tuned for
 * ({@code sim:random,seed=1..N}) x five traces x {steady, thermal}, several run seeds per cell, MiniLM's real
 * profile on the GPU. {@code scripts/robustness.sh} runs it. Arguments: {@code [--out FILE] [--devices N]
 * [--first-device N] [--seeds N] [--duration-s S] [--traces 'T1;T2'] [--scenarios steady,thermal]} (traces are
 * separated by semicolons: a bursty trace's spec holds commas).
 */
public final class RobustnessMain {

    static final List<String> TRACES = Arrays.asList("closed", "periodic:10", "periodic:30", "poisson:20",
            "bursty:20,5,10");
    static final List<Scenario> SCENARIOS = Arrays.asList(Scenario.STEADY, Scenario.THERMAL);
    private static final int WORST_SHOWN = 3;

    private final ModelProfiler model = new OnProcessor(OnnxModelProfiler.of("minilm"), "gpu");
    private final long firstDevice;
    private final int devices;
    private final int seeds;
    private final long durationS;
    private final List<String> traces;
    private final List<Scenario> scenarios;

    private RobustnessMain(long firstDevice, int devices, int seeds, long durationS, List<String> traces,
            List<Scenario> scenarios) {
        this.firstDevice = firstDevice;
        this.devices = devices;
        this.seeds = seeds;
        this.durationS = durationS;
        this.traces = traces;
        this.scenarios = scenarios;
    }

    public static void main(String[] args) throws IOException {
        Path out = Paths.get("docs/robustness.md");
        long firstDevice = 1;
        int devices = 50;
        List<String> traces = TRACES;
        List<Scenario> scenarios = SCENARIOS;
        int seeds = 2;
        long durationS = 60;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Paths.get(args[++i]);
                case "--devices" -> devices = Integer.parseInt(args[++i]);
                case "--first-device" -> firstDevice = Long.parseLong(args[++i]);
                case "--traces" -> traces = Arrays.asList(args[++i].split(";"));
                case "--scenarios" -> scenarios = Arrays.stream(args[++i].split(",")).map(Scenario::parse).toList();
                case "--seeds" -> seeds = Integer.parseInt(args[++i]);
                case "--duration-s" -> durationS = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use --out FILE --devices N --first-device N --seeds N --duration-s S --traces 'T1;T2' "
                        + "--scenarios steady,thermal");
            }
        }
        long startNs = System.nanoTime();
        RobustnessMain suite = new RobustnessMain(firstDevice, devices, seeds, durationS, traces, scenarios);
        List<String> failures = new ArrayList<>();
        List<RobustnessReport.Cell> cells = suite.runAll(failures);
        double wallMin = (System.nanoTime() - startNs) / 60e9;
        String md = suite.document(new RobustnessReport(cells, failures), wallMin);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, md.getBytes(StandardCharsets.UTF_8));
        System.err.printf(Locale.ROOT, "wrote %s (%d cells, %.1f min)%n", out, cells.size(), wallMin);
    }

    private List<RobustnessReport.Cell> runAll(List<String> failures) {
        List<RobustnessReport.Cell> cells = new ArrayList<>();
        for (long device = firstDevice; device < firstDevice + devices; device++) {
            for (String trace : traces) {
                for (Scenario scenario : scenarios) {
                    long cellStart = System.nanoTime();
                    try {
                        cells.add(cell(device, trace, scenario));
                    } catch (RuntimeException e) {
                        // One broken cell is reported, not hidden, and does not lose the others.
                        failures.add(String.format(Locale.ROOT, "random,seed=%d / %s / %s: %s", device, trace,
                                scenario.id(), e));
                    }
                    System.err.printf(Locale.ROOT, "device %d %s %s: %.1f s%n", device, trace, scenario.id(),
                            (System.nanoTime() - cellStart) / 1e9);
                }
            }
        }
        return cells;
    }

    /** One comparison: every strategy on one generated device, trace and scenario, {@link #seeds} run seeds. */
    RobustnessReport.Cell cell(long deviceSeed, String trace, Scenario scenario) {
        PhaseCounter phases = new PhaseCounter();
        CompareOptions options = new CompareOptions(model).device("sim:random,seed=" + deviceSeed)
                .scenario(scenario).seeds(seeds).durationNs(durationS * 1_000_000_000L)
                .trace(RequestTrace.parse(trace)).observer(phases);
        CompareResult r = new ComparisonHarness(options).run(null);
        Map<String, RobustnessReport.Outcome> outcomes = new LinkedHashMap<>();
        for (StrategyResult s : r.strategies()) {
            outcomes.put(s.name(), new RobustnessReport.Outcome(s.energyPerInferenceJ(), s.totalCostJ(), s.sloViolationRate()));
        }
        return new RobustnessReport.Cell(deviceSeed, trace, scenario.id(), r.sloMs(), outcomes,
                phases.profiling, phases.deployed);
    }

    /** Counts polythrottle-bo's requests over the SLO while it profiles and once its search has finished. */
    static final class PhaseCounter implements RunObserver {
        final long[] profiling = new long[2];
        final long[] deployed = new long[2];

        @Override
        public Controller.Listener forRun(String strategy, long seed, double sloS) {
            if (!strategy.equals(Strategies.POLYTHROTTLE_BO)) {
                return null;
            }
            final long sloNs = Math.round(sloS * 1e9);
            return new Controller.Listener() {
                long[] phase = profiling;

                @Override
                public void onWindow(Window window) {
                }

                @Override
                public void onDecision(long atNs, Configuration configuration, boolean changed, String reason) {
                    phase = reason.startsWith(PolythrottleBo.DEPLOYED_REASON) ? deployed : profiling;
                }

                @Override
                public void onBatch(long beginNs, long endNs, long[] latenciesNs) {
                    for (long latency : latenciesNs) {
                        phase[0] += latency > sloNs ? 1 : 0;
                        phase[1]++;
                    }
                }
            };
        }
    }

    private String document(RobustnessReport report, double wallMin) {
        return "# Robustness on devices nobody tuned for (SIMULATED)\n\n"
                + "**Every number on this page comes from the simulator (zeus-sim), not from hardware.** The devices "
                + "are generated (`sim:random,seed=N`, zeus-sim's RandomSoc: phones and, one in four, edge boards, "
                + "with cluster counts, OPP tables, V/f curvature, leakage, thermal resistances and trip points, "
                + "memory, launch costs and governor parameters drawn within ranges taken from the built-in profiles' "
                + "sources, hot phones among them); no strategy was tuned on them. The workload is MiniLM-L6's real "
                + "profile (zeus-onnx) on the device's GPU.\n\n"
                + String.format(Locale.ROOT, "Regenerate with `scripts/robustness.sh` (this run: devices seed=%d..%d "
                        + "x traces %s x scenarios %s = %d cells, %d run seeds per cell, %d s of "
                        + "simulated time per strategy and seed, eta " + Objective.DEFAULT_ETA + ", SLO = 1.5 x default's p95; %.0f min on one "
                        + "core; generated %s). The duration is short so the whole suite fits in a few minutes on "
                        + "one core: strategies that need many windows to learn are judged on their first minute.%n%n",
                        firstDevice, firstDevice + devices - 1, String.join(", ", traces),
                        scenarios.stream().map(Scenario::id).toList(), report.cellCount(), seeds, durationS, wallMin,
                        Instant.now().toString().substring(0, 10))
                + "Energy is the simulator's true energy per inference over every seed's whole run, exploration "
                + "included (the hybrid's offline warm start, a 30-sample BO run on a separate device instance, is "
                + "not counted: it is the stored profile an app ships with). `oracle` is the feasible oracle: the best "
                + "static configuration run through the scenario (pre-heating and throttling included) with at most "
                + "1% of requests over the SLO, i.e. the best static configuration in hindsight; cells where none "
                + "meets the SLO have no oracle ratios (" + report.cellsWithoutOracle() + " cells). Cost is the "
                + "objective every strategy minimises: energy per inference under open-loop traffic (periodic, "
                + "Poisson, bursty), Zeus's eta E + (1 - eta) P_max T in closed loop; the targets below are on cost, "
                + "which is energy wherever requests arrive on their own. Ratios are taken whether or not the "
                + "strategy met the SLO; the violation columns say whether it did. "
                + String.format(Locale.ROOT, "The oracle is the best *pinned* configuration: where the governors "
                        + "beat every pinned one (%.1f%% of the cells with an oracle) it costs more than default, and "
                        + "the hybrid, which keeps the governors as an arm, can cost less than it.",
                        report.oracleAboveDefaultShare() * 100)
                + " `bursty:20,5,10` is Poisson at 20 requests/s for 5 s, "
                + "then 10 s without.\n\n"
                + "## Never lose: the hybrid against issue 14's targets (SIMULATED)\n\n" + report.targets()
                + String.format(Locale.ROOT, "%nA thermal cell counts where throttling costs more than a few percent "
                        + "when its best static configuration costs more than %.2fx what it costs in the "
                        + "same device and trace's steady cell (%d such cells).%n%n",
                        RobustnessReport.THROTTLING_COSTS, report.throttlingCells().size())
                + "Every cell the hybrid loses (more than 1.02x default's cost or more than 0.5 points more requests "
                + "over the SLO):\n\n" + report.hybridLossTable() + '\n'
                + "Every thermal cell where throttling costs and the hybrid is over "
                + RobustnessReport.MAX_THERMAL_VS_BEST_STATIC + "x the best static configuration in hindsight:\n\n"
                + report.hybridThermalMissTable() + '\n'
                + "## Every strategy over every cell: cost, the objective (SIMULATED)\n\n"
                + report.distributions(RobustnessReport.Measure.COST) + '\n'
                + "## Every strategy over every cell: energy per inference (SIMULATED)\n\n"
                + "With eta 1 (the default) the closed-loop cost is the energy too: the cost ratios above are totals "
                + "over the requests default serves, these are per inference.\n\n"
                + report.distributions(RobustnessReport.Measure.ENERGY) + '\n'
                + "## Worst cells by cost (SIMULATED)\n\n" + report.worstCells(WORST_SHOWN) + '\n'
                + "## polythrottle-bo: profiling apart from deployment (SIMULATED)\n\n"
                + "PolyThrottle profiles offline before it deploys; here its BO samples run on the device, so its "
                + "profiling requests are counted apart from the ones served once the search finished.\n\n"
                + report.polythrottlePhases() + '\n'
                + "## Cells that failed to run\n\n" + report.failures();
    }
}
