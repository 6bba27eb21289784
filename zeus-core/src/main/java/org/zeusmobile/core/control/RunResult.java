package org.zeusmobile.core.control;

import java.util.Collections;
import java.util.List;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.strategy.Baseline;
import org.zeusmobile.core.strategy.Prediction;
import org.zeusmobile.core.strategy.Traffic;

/** Everything a controller run produced: its windows, every request's latency and the strategy's final answer. */
public final class RunResult {

    /**
     * How far apart the windows' request rates must be for {@link #idlePowerW} to fit idle power: 1 minus the squared
     * correlation of time and requests over the windows (0 when every window ran at the same rate).
     */
    private static final double MIN_RATE_SPREAD = 0.05;

    private final String strategy;
    private final List<Window> windows;
    private final Latencies latencies;
    private final Configuration finalConfiguration;
    private final long elapsedNs;
    private final Traffic traffic;
    private final List<String> problems;

    RunResult(String strategy, List<Window> windows, Latencies latencies, Configuration finalConfiguration,
            long elapsedNs, Traffic traffic, List<String> problems) {
        this.strategy = strategy;
        this.windows = Collections.unmodifiableList(windows);
        this.latencies = latencies;
        this.finalConfiguration = finalConfiguration;
        this.elapsedNs = elapsedNs;
        this.traffic = traffic;
        this.problems = Collections.unmodifiableList(problems);
    }

    /** The traffic the controller saw (see {@link TrafficDetector}). */
    public Traffic traffic() {
        return traffic;
    }

    /** What went wrong with the device's sensors during the run, one line per sensor (counts, last reason). */
    public List<String> problems() {
        return problems;
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

    /**
     * What the meters measured over the windows that served requests: the busy part of the run, apart from the
     * pauses of bursty traffic ({@link #idlePowerW()}). The same as {@link #measured()} when no window was idle.
     */
    public Prediction measuredBusy() {
        double measuredJ = 0;
        double busyS = 0;
        long counted = 0;
        for (Window window : windows) {
            if (!Double.isNaN(window.measuredEnergyJ()) && window.inferences() > 0) {
                measuredJ += window.measuredEnergyJ();
                busyS += window.elapsedS();
                counted += window.inferences();
            }
        }
        return new Prediction(counted == 0 ? Double.NaN : measuredJ / counted, busyS / counted,
                latencies.quantileS(0.95), traffic);
    }

    /** What this run of the default behaviour tells the hybrid, held to an SLO of {@code sloS} ({@link Baseline}). */
    public Baseline baseline(double sloS) {
        return new Baseline(measuredBusy(), idlePowerW(), windowCostRelativeSd(), latencies.fractionAboveS(sloS));
    }

    /**
     * How much the cost of one busy window differs from the next, relative standard deviation; NaN with fewer than
     * three full windows. Under open loop a window's cost is its power (times the run's mean time per inference,
     * the same for every window; see the hybrid's WindowCost), else its energy per inference. Windows shorter than
     * half the longest (the run's last) are left out: a meter that updates once a second reads them coarsely.
     */
    double windowCostRelativeSd() {
        long longestNs = 0;
        for (Window window : windows) {
            longestNs = Math.max(longestNs, window.endNs() - window.beginNs());
        }
        double sum = 0;
        double sumSquares = 0;
        int count = 0;
        for (Window window : windows) {
            double energyJ = window.measuredEnergyJ();
            if (window.inferences() == 0 || !(energyJ > 0) || 2 * (window.endNs() - window.beginNs()) < longestNs) {
                continue;
            }
            double cost = traffic == Traffic.OPEN_LOOP ? energyJ / window.elapsedS() : energyJ / window.inferences();
            sum += cost;
            sumSquares += cost * cost;
            count++;
        }
        if (count < 3) {
            return Double.NaN;
        }
        double mean = sum / count;
        double variance = Math.max(0, (sumSquares - count * mean * mean) / (count - 1));
        return Math.sqrt(variance) / mean;
    }

    /**
     * What the device draws with no request to serve, W: the meters' mean power over the windows that served none,
     * else, where windows served very different numbers of requests in the same time (bursts and pauses falling into
     * long windows), the least-squares idle power of energy = idle power x time + energy per request x requests over
     * every window; NaN when neither tells. A window that read no energy at all is one too short for its meter to
     * update (the run's last), not a device that drew nothing, and is left out.
     */
    public double idlePowerW() {
        double idleJ = 0;
        double idleS = 0;
        // Normal equations of energy = idleW * t + perRequestJ * n, without intercept.
        double tt = 0;
        double tn = 0;
        double nn = 0;
        double te = 0;
        double ne = 0;
        for (Window window : windows) {
            double energyJ = window.measuredEnergyJ();
            if (!(energyJ > 0)) {
                continue;
            }
            double t = window.elapsedS();
            double n = window.inferences();
            if (n == 0) {
                idleJ += energyJ;
                idleS += t;
            }
            tt += t * t;
            tn += t * n;
            nn += n * n;
            te += t * energyJ;
            ne += n * energyJ;
        }
        if (idleS > 0) {
            return idleJ / idleS;
        }
        double det = tt * nn - tn * tn;
        if (!(det > MIN_RATE_SPREAD * tt * nn)) {
            return Double.NaN; // every window at about the same rate: time and requests cannot be told apart
        }
        double idleW = (te * nn - tn * ne) / det;
        double perRequestJ = (tt * ne - tn * te) / det;
        return idleW > 0 && perRequestJ > 0 ? idleW : Double.NaN;
    }

    /**
     * What the device's own meters measured over the run (never a simulator's true energy), with the run's
     * time per inference, p95 latency and traffic: what a deployment knows of the configuration it ran, e.g. the
     * default behaviour the hybrid keeps as an arm. NaN energy when no window was measured.
     */
    public Prediction measured() {
        double measuredJ = 0;
        long counted = 0;
        for (Window window : windows) {
            if (!Double.isNaN(window.measuredEnergyJ())) {
                measuredJ += window.measuredEnergyJ();
                counted += window.inferences();
            }
        }
        return new Prediction(counted == 0 ? Double.NaN : measuredJ / counted, timePerInferenceS(),
                latencies.quantileS(0.95), traffic);
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
