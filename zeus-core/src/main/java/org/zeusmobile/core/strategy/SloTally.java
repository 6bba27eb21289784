package org.zeusmobile.core.strategy;

import java.util.HashMap;
import java.util.Map;
import org.zeusmobile.core.device.Configuration;

/**
 * How many of each arm's requests missed the SLO, over every window since the last change: an arm meets the SLO
 * while at most {@code tolerance} of its requests missed it (or as many as the reference's, when more), or fewer
 * than {@code minMisses} did. Counting requests rather than averaging windows' shares keeps a tight tolerance usable
 * on short windows (40 requests each: one late request is 2.5% of a window), and the minimum keeps a single outlier
 * from condemning an arm.
 *
 * <p>The reference arm (the device's governors) always meets the SLO: never losing is measured against it, so
 * where bursts queue requests past the SLO under the governors too, an arm that misses as often as they did in
 * default's own run is as good, and the governors stay the fallback whatever their own share. Their share here is
 * not the reference: a window at the governors that drains the queue an arm on trial left behind is late for the
 * arm's sake.
 */
final class SloTally {

    private final double tolerance;
    private final int minMisses;
    /** Per arm: requests seen, requests that missed the SLO. */
    private final Map<Configuration, double[]> counts = new HashMap<>();
    private Configuration reference;
    private double referenceShare = Double.NaN;

    SloTally(double tolerance, int minMisses) {
        this.tolerance = tolerance;
        this.minMisses = minMisses;
    }

    /**
     * The arm the others are judged against, which meets the SLO by definition, and the share of its requests that
     * missed the SLO in default's own run (NaN when unknown).
     */
    void reference(Configuration arm, double lateShare) {
        this.reference = arm;
        this.referenceShare = lateShare;
    }

    /** The share of requests over the SLO an arm may have: the tolerance, or the reference's share if higher. */
    double toleratedShare() {
        return Double.isNaN(referenceShare) ? tolerance : Math.max(tolerance, referenceShare);
    }

    /** The share of the reference's requests that missed the SLO in default's own run; NaN when unknown. */
    double referenceShare() {
        return referenceShare;
    }

    /** A window of {@code requests} at {@code arm}, {@code shareOver} of them over the SLO. */
    void record(Configuration arm, int requests, double shareOver) {
        double[] c = counts.get(arm);
        if (c == null) {
            c = new double[2];
            counts.put(arm, c);
        }
        c[0] += requests;
        c[1] += Math.round(shareOver * requests);
    }

    /** Whether {@code arm} meets the SLO as far as its requests tell (true before any). */
    boolean meets(Configuration arm) {
        if (arm.equals(reference)) {
            return true;
        }
        double[] c = counts.get(arm);
        return c == null || c[1] < minMisses || c[1] <= toleratedShare() * c[0];
    }

    /** The share of the arm's requests that missed the SLO, NaN before any. */
    double missShare(Configuration arm) {
        double[] c = counts.get(arm);
        return c == null || c[0] == 0 ? Double.NaN : c[1] / c[0];
    }

    /** After a change: what the arms did before says nothing about now. */
    void clear() {
        counts.clear();
    }
}
