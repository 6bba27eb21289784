package org.zeusmobile.lab;

import java.io.PrintStream;
import java.nio.file.Paths;
import java.util.Arrays;
import org.zeusmobile.core.control.RequestTrace;

/**
 * Runs one comparison from the command line (for scripts; the user-facing command is {@code zeus-mobile
 * compare}): {@code --device sim:NAME --model minilm|bge-small --scenario S --trace T --eta E --seeds N
 * --strategies a,b --slo-ms X --duration-s S --profiles DIR --json}. Uses the transformer stand-in profiles.
 */
public final class CompareMain {

    private CompareMain() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        String model = "minilm";
        String processor = "gpu";
        CompareOptions options = null;
        String device = "sim:snapdragon-8-gen-2";
        String scenario = "steady";
        String trace = "closed";
        double eta = 0.5;
        int seeds = 3;
        String strategies = null;
        double sloMs = Double.NaN;
        long durationS = 600;
        String profiles = null;
        boolean json = false;
        String show = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--device" -> device = args[++i];
                case "--model" -> model = args[++i];
                case "--processor" -> processor = args[++i];
                case "--scenario" -> scenario = args[++i];
                case "--trace" -> trace = args[++i];
                case "--eta" -> eta = Double.parseDouble(args[++i]);
                case "--seeds" -> seeds = Integer.parseInt(args[++i]);
                case "--strategies" -> strategies = args[++i];
                case "--slo-ms" -> sloMs = Double.parseDouble(args[++i]);
                case "--duration-s" -> durationS = Long.parseLong(args[++i]);
                case "--profiles" -> profiles = args[++i];
                case "--json" -> json = true;
                case "--show" -> show = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        options = new CompareOptions(TransformerStandIn.named(model, processor)).device(device)
                .scenario(Scenario.parse(scenario)).trace(RequestTrace.parse(trace)).eta(eta).seeds(seeds)
                .sloMs(sloMs).durationNs(durationS * 1_000_000_000L);
        if (strategies != null) {
            options.strategies(Arrays.asList(strategies.split(",")));
        }
        if (profiles != null) {
            options.profileStore(new ProfileStore(Paths.get(profiles)));
        }
        CompareResult result = new ComparisonHarness(options).run(null);
        out.println(json ? result.toJson() : result.toTable());
        if (show != null) {
            for (StrategyResult.TimelinePoint p : result.strategy(show).timeline()) {
                out.println(p);
            }
        }
    }
}
