package org.zeusmobile.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.strategy.Hybrid;
import org.zeusmobile.core.strategy.Objective;
import org.zeusmobile.core.strategy.Observation;
import org.zeusmobile.core.strategy.Prediction;
import org.zeusmobile.core.strategy.ProfilePrior;
import org.zeusmobile.core.strategy.SearchSpace;
import org.zeusmobile.core.strategy.Strategy;
import org.zeusmobile.core.strategy.Traffic;
import org.zeusmobile.core.strategy.ZeusJit;

/**
 * One decision plus one update ({@code next()} then {@code observe()}) of the online strategies, in their
 * steady online phase, on a 640-configuration space (GPU 8 x memory 5 x CPU 4 x batch 4). Target: under 50 µs.
 * Run: {@code java -jar zeus-bench/target/benchmarks.jar StrategyBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StrategyBenchmark {

    private static final long MHZ = 1_000_000L;

    @Param({"zeus-jit", "hybrid"})
    public String strategyName;

    private Strategy strategy;
    private Random noise;
    private long clockNs;
    private final SearchSpace space = new SearchSpace(Arrays.asList(
            Knob.frequencyHz("gpu.freq", 220 * MHZ, 295 * MHZ, 348 * MHZ, 401 * MHZ, 475 * MHZ, 550 * MHZ, 615 * MHZ,
                    680 * MHZ),
            Knob.frequencyHz("mem.ddr.freq", 547 * MHZ, 1555 * MHZ, 2092 * MHZ, 3196 * MHZ, 4224 * MHZ),
            Knob.frequencyHz("cpu.policy7.freq", 595 * MHZ, 1478 * MHZ, 2227 * MHZ, 3187 * MHZ),
            Knob.count("batch", 1, 2, 4, 8)));
    private final Objective objective = new Objective(0.5, 0.030, 12);

    /** An analytic device: GPU work and memory traffic overlap, CPU launch overhead, power ~ f^3. */
    private Prediction truth(Configuration c) {
        double fg = c.get("gpu.freq") / 1e9;
        double fm = c.get("mem.ddr.freq") / 1e9;
        double fc = c.get("cpu.policy7.freq") / 1e9;
        int b = (int) c.get("batch", 1L);
        double batchS = Math.max(0.004 * b / fg, 0.002 * (1 + 0.6 * b) / fm) + 0.003 / fc + 0.0005;
        double powerW = 0.8 + 3.0 * fg * fg * fg + 0.3 * fc * fc * fc / 3 + 0.25 * fm;
        return new Prediction(powerW * batchS / b, batchS / b, batchS, Traffic.CLOSED_LOOP);
    }

    private Observation observe(Configuration c) {
        Prediction p = truth(c);
        clockNs += 2_000_000_000L;
        return Observation.of(c).inferences(100).energyPerInferenceJ(p.energyPerInferenceJ()
                * (1 + 0.03 * noise.nextGaussian())).timePerInferenceS(p.timePerInferenceS())
                .latencyP95S(p.latencyP95S() * (1 + 0.01 * noise.nextGaussian())).traffic(Traffic.CLOSED_LOOP)
                .temperatureC(40).thermalHeadroomC(20).clockNs(clockNs).build();
    }

    @Setup(Level.Trial)
    public void setUp() {
        noise = new Random(1);
        if (strategyName.equals("zeus-jit")) {
            strategy = new ZeusJit(space, objective, new Random(2), new ZeusJit.Options());
        } else {
            Map<Configuration, Prediction> profile = new LinkedHashMap<>();
            for (Configuration c : space.all(10_000)) {
                Prediction p = truth(c);
                profile.put(c, new Prediction(p.energyPerInferenceJ() * (1 + 0.05 * noise.nextGaussian()),
                        p.timePerInferenceS(), p.latencyP95S(), Traffic.CLOSED_LOOP));
            }
            strategy = new Hybrid(space, objective, new ProfilePrior(profile, objective), new Random(2),
                    new Hybrid.Options());
        }
        // Past profiling and warm-up: the benchmark measures the steady online loop.
        for (int i = 0; i < 500; i++) {
            strategy.observe(observe(strategy.next()));
        }
    }

    @Benchmark
    public Configuration decideAndUpdate() {
        Configuration c = strategy.next();
        strategy.observe(observe(c));
        return c;
    }

    /** The arms the strategy samples among (for the report). */
    List<Configuration> arms() {
        return strategy instanceof ZeusJit ? ((ZeusJit) strategy).arms() : new ArrayList<>(((Hybrid) strategy).arms());
    }
}
