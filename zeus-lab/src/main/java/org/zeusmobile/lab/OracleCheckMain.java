package org.zeusmobile.lab;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.zeusmobile.core.strategy.Strategies;
import org.zeusmobile.core.workload.ModelProfiler;
import org.zeusmobile.onnx.OnnxModelProfiler;
import org.zeusmobile.sim.ProfileLoader;

/**
 * Checks that the oracle keeps its promise on every built-in simulated device, with both bundled models, in
 * every scenario: it meets the SLO with at most {@link StaticSearch#MAX_VIOLATION_RATE} of requests over it (one
 * seed, 10 simulated minutes, SLO 1.5 x default's p95, closed loop). Prints one line per cell and the worst cell;
 * fails (exit 1) when a cell breaks the promise. {@code scripts/oracle-check.sh} runs it.
 */
public final class OracleCheckMain {

    private OracleCheckMain() {
    }

    public static void main(String[] args) {
        long durationS = args.length > 1 && args[0].equals("--duration-s") ? Long.parseLong(args[1]) : 600;
        Map<String, ModelProfiler> models = new HashMap<>();
        double worst = -1;
        String worstCell = "";
        int broken = 0;
        System.out.println("SIMULATED oracle check: requests over the SLO in the oracle's run (limit "
                + StaticSearch.MAX_VIOLATION_RATE * 100 + "%)");
        for (String device : ProfileLoader.BUILT_IN) {
            for (String model : List.of("minilm", "bge-small")) {
                ModelProfiler profiler = models.computeIfAbsent(model,
                        name -> new OnProcessor(OnnxModelProfiler.of(name), "gpu"));
                for (Scenario scenario : Scenario.values()) {
                    CompareOptions options = new CompareOptions(profiler).device("sim:" + device).scenario(scenario)
                            .seeds(1).durationNs(durationS * 1_000_000_000L).strategies(Strategies.ORACLE);
                    CompareResult r = new ComparisonHarness(options).run(null);
                    String cell = device + ", " + model + ", " + scenario.id();
                    if (!r.has(Strategies.ORACLE)) {
                        System.out.println(cell + ": no oracle: " + String.join("; ", r.notes()));
                        continue;
                    }
                    StrategyResult oracle = r.strategy(Strategies.ORACLE);
                    double violations = oracle.sloViolationRate();
                    boolean ok = violations <= StaticSearch.MAX_VIOLATION_RATE;
                    broken += ok ? 0 : 1;
                    System.out.printf(Locale.ROOT, "%-45s SLO %7.2f ms  p95 %7.2f ms  over SLO %6.3f%%  %s  %s%n", cell,
                            r.sloMs(), oracle.latencyP95Ms(), violations * 100, ok ? "ok" : "BROKEN",
                            ConfigurationText.of(oracle.finalConfiguration()));
                    if (violations > worst) {
                        worst = violations;
                        worstCell = cell;
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "worst cell: %s, %.3f%% of requests over the SLO; %d cell(s) over the limit%n",
                worstCell, worst * 100, broken);
        if (broken > 0) {
            throw new IllegalStateException(broken + " cell(s) where the oracle leaves more than "
                    + StaticSearch.MAX_VIOLATION_RATE * 100 + "% of requests over the SLO: see the lines above");
        }
    }
}
