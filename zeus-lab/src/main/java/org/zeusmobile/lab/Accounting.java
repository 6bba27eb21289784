package org.zeusmobile.lab;

import java.util.ArrayList;
import java.util.List;
import org.zeusmobile.core.control.Latencies;
import org.zeusmobile.core.control.RunResult;
import org.zeusmobile.core.control.Window;
import org.zeusmobile.core.strategy.Objective;
import org.zeusmobile.core.strategy.Traffic;

/**
 * The one cost accounting of comparison and live runs. Cost per inference is the {@link Objective}'s over the
 * windows the meters measured under the traffic the controller saw (closed loop: Zeus's
 * {@code eta E + (1 - eta) P_max T}; open loop: the energy per inference), J-equivalents; a run's total cost is that
 * times the requests {@code default} serves in the comparison's run length ({@code default}'s request rate times
 * that length), so that every row prices the same amount of work.
 */
final class Accounting {

    private Accounting() {
    }

    /** Cost per inference of a whole run, J-equivalents (NaN when no window was measured). */
    static double costPerInferenceJ(Objective objective, RunResult run) {
        return objective.cost(run.energyPerInferenceJ(), run.timePerInferenceS(), run.traffic());
    }

    /** Requests served per second over the run. */
    static double rateHz(RunResult run) {
        return run.inferences() / (run.elapsedNs() / 1e9);
    }

    /** Cost per inference times the requests served at {@code baselineRateHz} in {@code lengthS}. */
    static double totalCostJ(Objective objective, RunResult run, double baselineRateHz, double lengthS) {
        return costPerInferenceJ(objective, run) * baselineRateHz * lengthS;
    }

    /** Energy per inference over every run's measured windows, J. */
    static double pooledEnergyPerInferenceJ(List<RunResult> runs) {
        double energyJ = 0;
        long inferences = 0;
        for (RunResult run : runs) {
            for (Window w : run.windows()) {
                if (!Double.isNaN(w.energyJ())) {
                    energyJ += w.energyJ();
                    inferences += w.inferences();
                }
            }
        }
        return inferences == 0 ? Double.NaN : energyJ / inferences;
    }

    /** Every request of every run. */
    static Latencies pooledLatencies(List<RunResult> runs) {
        Latencies pooled = new Latencies();
        for (RunResult run : runs) {
            pooled.addAll(run.latencies());
        }
        return pooled;
    }

    /** Each window's requests: the run's latencies are in completion order, window after window. */
    static List<Latencies> windowLatencies(RunResult run) {
        List<Latencies> perWindow = new ArrayList<>();
        int offset = 0;
        for (Window w : run.windows()) {
            perWindow.add(run.latencies().range(offset, offset + w.inferences()));
            offset += w.inferences();
        }
        return perWindow;
    }

    /**
     * Cost per inference under {@code traffic} over the measured windows {@code from} (inclusive) to {@code to}
     * (exclusive); NaN if none.
     */
    static double spanCostPerInferenceJ(Objective objective, Traffic traffic, List<Window> windows, int from, int to) {
        double energyJ = 0;
        double timeS = 0;
        long inferences = 0;
        for (Window w : windows.subList(from, to)) {
            if (!Double.isNaN(w.energyJ()) && w.inferences() > 0) {
                energyJ += w.energyJ();
                timeS += w.elapsedS();
                inferences += w.inferences();
            }
        }
        return inferences == 0 ? Double.NaN : objective.cost(energyJ / inferences, timeS / inferences, traffic);
    }
}
