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

    /** Energy over the whole run in J (true energy where the run had a source for it). */
    public double energyJ() {
        double sum = 0;
        for (Window window : windows) {
            sum += window.energyJ();
        }
        return sum;
    }

    public double energyPerInferenceJ() {
        return energyJ() / inferences();
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
