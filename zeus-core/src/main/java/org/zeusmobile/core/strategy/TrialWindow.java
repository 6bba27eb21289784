package org.zeusmobile.core.strategy;

import org.zeusmobile.core.device.Configuration;

/**
 * The window of an arm on trial: one not yet known to meet the SLO. A configuration that misses the SLO makes its
 * whole window late, far more than a run can make up for (and under open loop it leaves a queue behind), so the
 * window ends once enough of its requests were late: at least {@link #MIN_LATE}, and over {@link #LATE_SHARE} of
 * those served so far.
 */
final class TrialWindow {

    /** Late requests that end a window on trial, at the least. */
    static final int MIN_LATE = 2;
    /**
     * The share of the window's requests so far that, late, ends it: four times what an arm may have, so that one
     * late request left by the previous window's queue among a few does not condemn the arm that drains it.
     */
    static final double LATE_SHARE = 0.02;

    private final Objective objective;
    private Configuration arm;
    private int requests;
    private int late;

    TrialWindow(Objective objective) {
        this.objective = objective;
    }

    /** A window starts at {@code arm}, on trial or not. */
    void start(Configuration arm, boolean onTrial) {
        this.arm = onTrial ? arm : null;
        requests = 0;
        late = 0;
    }

    /** Counts a batch's latencies (ns); whether the window on trial should end now. */
    boolean endsAfter(long[] batchLatenciesNs) {
        if (arm == null) {
            return false;
        }
        for (long latencyNs : batchLatenciesNs) {
            requests++;
            late += objective.meetsSlo(latencyNs / 1e9) ? 0 : 1;
        }
        return late >= MIN_LATE && late > LATE_SHARE * requests;
    }
}
