package org.zeusmobile.lab;

import java.util.List;
import org.zeusmobile.core.control.Latencies;
import org.zeusmobile.core.control.RunResult;
import org.zeusmobile.core.control.Window;
import org.zeusmobile.core.strategy.Objective;

/**
 * What a strategy actually did: how often it changed configuration, when it settled for good, and what exploring
 * cost. Judged on the windows that ran (not on the strategy's stated answer), so a strategy that keeps switching has
 * not converged.
 */
final class Convergence {

    /** A settled strategy runs its final configuration through at least this last share of the run. */
    static final double SETTLED_SHARE = 0.25;
    /** Converged means the settled configuration costs within this factor of the oracle's run over the same span. */
    static final double ORACLE_TOLERANCE = 1.05;

    private Convergence() {
    }

    /** How many windows ran another configuration than the window before. */
    static int changes(RunResult run) {
        List<Window> windows = run.windows();
        int changes = 0;
        for (int i = 1; i < windows.size(); i++) {
            changes += windows.get(i).configuration().equals(windows.get(i - 1).configuration()) ? 0 : 1;
        }
        return changes;
    }

    /**
     * The index of the first window from which the run's configuration never changed, or -1 when it was still
     * changing in the last {@link #SETTLED_SHARE} of the run.
     */
    static int settledFrom(RunResult run) {
        List<Window> windows = run.windows();
        int from = windows.size() - 1;
        while (from > 0 && windows.get(from - 1).configuration().equals(windows.get(from).configuration())) {
            from--;
        }
        return windows.isEmpty() || from > (1 - SETTLED_SHARE) * windows.size() ? -1 : from;
    }

    /**
     * Windows until the run settled for good, where the settled configuration met the SLO and (when {@code oracleRun}
     * is known) cost within {@link #ORACLE_TOLERANCE} of the oracle's run over the same span; null otherwise.
     */
    static Integer samplesToConverge(RunResult run, Objective objective, RunResult oracleRun) {
        int from = settledFrom(run);
        if (from < 0) {
            return null;
        }
        List<Window> windows = run.windows();
        List<Latencies> perWindow = Accounting.windowLatencies(run);
        Latencies settled = new Latencies();
        for (Latencies w : perWindow.subList(from, windows.size())) {
            settled.addAll(w);
        }
        if (!objective.meetsSlo(settled.quantileS(0.95))) {
            return null;
        }
        if (oracleRun != null) {
            long beginNs = windows.get(from).beginNs();
            List<Window> reference = oracleRun.windows();
            int oracleFrom = 0;
            while (oracleFrom < reference.size() - 1 && reference.get(oracleFrom).beginNs() < beginNs) {
                oracleFrom++;
            }
            double oracleCost = Accounting.spanCostPerInferenceJ(objective, oracleRun.traffic(), reference, oracleFrom, reference.size());
            double cost = Accounting.spanCostPerInferenceJ(objective, run.traffic(), windows, from, windows.size());
            if (!(cost <= ORACLE_TOLERANCE * oracleCost)) {
                return null;
            }
        }
        return from + 1;
    }

    /**
     * The cost of the windows before the run settled above what its settled configuration costs for the same
     * requests, J-equivalents; null when it never settled.
     */
    static Double explorationCostJ(RunResult run, Objective objective) {
        int from = settledFrom(run);
        if (from < 0) {
            return null;
        }
        List<Window> windows = run.windows();
        double settledCost = Accounting.spanCostPerInferenceJ(objective, run.traffic(), windows, from, windows.size());
        double extra = 0;
        for (Window w : windows.subList(0, from)) {
            if (!Double.isNaN(w.energyJ()) && w.inferences() > 0) {
                extra += objective.cost(w.energyJ(), w.elapsedS(), run.traffic()) - w.inferences() * settledCost;
            }
        }
        return extra;
    }
}
