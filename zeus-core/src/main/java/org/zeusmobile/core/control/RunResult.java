package org.zeusmobile.core.control;

import java.util.Collections;
import java.util.List;
import org.zeusmobile.core.device.Configuration;

/** Everything a controller run produced: its windows, every request's latency and the strategy's final answer. */
public final class RunResult {

    private final String strategy;
    private final List<Window> windows;
    private final Latencies latencies;
    private final Configuration finalConfiguration;
    private final long elapsedNs;

    RunResult(String strategy, List<Window> windows, Latencies latencies, Configuration finalConfiguration,
            long elapsedNs) {
        this.strategy = strategy;
        this.windows = Collections.unmodifiableList(windows);
        this.latencies = latencies;
        this.finalConfiguration = finalConfiguration;
        this.elapsedNs = elapsedNs;
    }

    public String strategy() {
        return strategy;
    }

    public List<Window> windows() {
        return windows;
    }

    /** Every completed request's latency, queueing and batching delay included, in completion order. */
    public Latencies latencies() {
        return latencies;
    }

    /** {@code strategy.best()} when the run ended. */
    public Configuration finalConfiguration() {
        return finalConfiguration;
    }

    public long elapsedNs() {
        return elapsedNs;
    }

    public int inferences() {
        int sum = 0;
        for (Window window : windows) {
            sum += window.inferences();
        }
        return sum;
    }

    /**
     * Energy over the windows the meters measured, in J (true energy where the run had a source for it);
     * windows whose meters gave no valid reading are left out, NaN when none did.
     */
    public double energyJ() {
        double sum = 0;
        int measured = 0;
        for (Window window : windows) {
            if (!Double.isNaN(window.energyJ())) {
                sum += window.energyJ();
                measured++;
            }
        }
        return measured == 0 ? Double.NaN : sum;
    }

    /** Energy per inference over the measured windows (see {@link #energyJ()}), J; NaN when none was measured. */
    public double energyPerInferenceJ() {
        long inferences = 0;
        for (Window window : windows) {
            if (!Double.isNaN(window.energyJ())) {
                inferences += window.inferences();
            }
        }
        return inferences == 0 ? Double.NaN : energyJ() / inferences;
    }

    /** How many windows the meters measured (a valid energy reading). */
    public int measuredWindows() {
        int measured = 0;
        for (Window window : windows) {
            measured += Double.isNaN(window.energyJ()) ? 0 : 1;
        }
        return measured;
    }

    /** Run time per inference in s (idle time included). */
    public double timePerInferenceS() {
        double sum = 0;
        for (Window window : windows) {
            sum += window.elapsedS();
        }
        return sum / inferences();
    }
}
