package org.zeusmobile.core.strategy;

import java.util.Arrays;
import java.util.Random;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Knob;

/**
 * A small analytic SoC for strategy tests, with a known optimum: a batch runs GPU work and memory traffic
 * overlapped plus a CPU launch overhead; dynamic power grows with f^3 (V tracks f). Closed loop: a request's
 * latency is its batch's time; {@link #openLoop} makes requests arrive periodically instead. {@code gpuWorkScale} models a change (a longer input, background load).
 */
public final class SyntheticSoc {

    static final long MHZ = 1_000_000L;
    public static final double MAX_POWER_W = 12;

    private final SearchSpace space;
    private double gpuWorkScale = 1;
    /** Requests per second of periodic open-loop arrivals; NaN for closed loop. */
    private double rateHz = Double.NaN;

    public SyntheticSoc(boolean withMemory) {
        Knob gpu = Knob.frequencyHz("gpu.freq", 220 * MHZ, 295 * MHZ, 348 * MHZ, 401 * MHZ, 475 * MHZ, 550 * MHZ,
                615 * MHZ, 680 * MHZ);
        Knob cpu = Knob.frequencyHz("cpu.policy4.freq", 600 * MHZ, 1000 * MHZ, 1400 * MHZ, 1800 * MHZ, 2200 * MHZ,
                2600 * MHZ);
        Knob batch = Knob.count("batch", 1, 2, 4, 8);
        if (withMemory) {
            Knob mem = Knob.frequencyHz("mem.ddr.freq", 547 * MHZ, 1017 * MHZ, 1555 * MHZ, 2092 * MHZ, 3196 * MHZ);
            space = new SearchSpace(Arrays.asList(gpu, cpu, mem, batch));
        } else {
            space = new SearchSpace(Arrays.asList(gpu, cpu, batch));
        }
    }

    /**
     * Requests arrive periodically at {@code rateHz} (open loop): a batch of b waits for b arrivals, the chip
     * idles at {@link #IDLE_W} between batches, and a batch slower than b arrivals overloads the queue.
     */
    public SyntheticSoc openLoop(double rateHz) {
        this.rateHz = rateHz;
        return this;
    }

    /** Power of the idle chip between requests, W. */
    static final double IDLE_W = 0.3;

    public SearchSpace space() {
        return space;
    }

    private Prediction governed;

    public void setGpuWorkScale(double scale) {
        this.gpuWorkScale = scale;
    }

    /** What the board's own governors do when no knob is pinned (the default behaviour). */
    public void setGoverned(Prediction truth) {
        this.governed = truth;
    }

    /** Whether {@code c} leaves the clocks to the governors (batch may be pinned: default runs batch 1). */
    public static boolean governed(Configuration c) {
        return !c.pins("gpu.freq");
    }

    /** The noise-free truth: energy and time per inference and p95 latency (closed loop). */
    public Prediction truth(Configuration c) {
        if (governed(c)) {
            if (governed == null) {
                throw new IllegalStateException("this synthetic SoC has no governed behaviour: call setGoverned");
            }
            return governed;
        }
        double fg = c.get("gpu.freq") / 1e9;
        double fc = c.get("cpu.policy4.freq") / 1e9;
        double fm = c.pins("mem.ddr.freq") ? c.get("mem.ddr.freq") / 1e9 : 2.0;
        int b = (int) c.get("batch", 1L);
        double gpuS = gpuWorkScale * 0.004 * b / fg;            // 4 ms per inference at 1 GHz
        double memS = 0.002 * (1 + 0.6 * b) / fm;               // weights once per batch, activations per item
        double cpuS = 0.003 / fc;                               // launch overhead per batch
        double batchS = Math.max(gpuS, memS) + cpuS + 0.0005;
        double powerW = 0.8 + 3.0 * fg * fg * fg + 0.9 * fc * fc * fc / 2.6 + 0.25 * fm;
        double energyJ = powerW * batchS / b;
        if (Double.isNaN(rateHz)) {
            return new Prediction(energyJ, batchS / b, batchS, Traffic.CLOSED_LOOP);
        }
        double periodS = b / rateHz;
        if (batchS > periodS) {
            return new Prediction(energyJ, 1 / rateHz, 100 * batchS, Traffic.OPEN_LOOP); // the queue grows
        }
        return new Prediction(energyJ + IDLE_W * (periodS - batchS) / b, 1 / rateHz, batchS + (b - 1) / rateHz,
                Traffic.OPEN_LOOP);
    }

    /**
     * One measured window: the truth with multiplicative Gaussian noise of relative sd {@code noise} on energy (the
     * meter) and 0.3 x that on time and latency; under open loop energy per inference follows the window's time
     * per inference (its share of idle time).
     */
    public Observation observe(Configuration c, Random random, double noise, long clockNs) {
        Prediction p = truth(c);
        double t = p.timePerInferenceS() * (1 + noise * 0.3 * random.nextGaussian());
        // Open loop: a window that caught fewer arrivals spreads its idle energy over fewer inferences.
        double arrivals = p.traffic() == Traffic.OPEN_LOOP ? t / p.timePerInferenceS() : 1;
        double e = p.energyPerInferenceJ() * arrivals * (1 + noise * random.nextGaussian());
        double l = p.latencyP95S() * (1 + noise * 0.3 * random.nextGaussian());
        return Observation.of(c).inferences(100).energyPerInferenceJ(e).timePerInferenceS(t).latencyP95S(l)
                .traffic(p.traffic()).temperatureC(40).clockNs(clockNs).build();
    }

    /** The feasible configuration of least true cost. */
    public Configuration oracle(Objective objective) {
        Configuration best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (Configuration c : space.all(100_000)) {
            Prediction p = truth(c);
            if (objective.meetsSlo(p.latencyP95S()) && p.cost(objective) < bestCost) {
                best = c;
                bestCost = p.cost(objective);
            }
        }
        return best;
    }

    public double trueCost(Configuration c, Objective objective) {
        return truth(c).cost(objective);
    }
}
