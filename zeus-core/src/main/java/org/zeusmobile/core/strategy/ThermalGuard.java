package org.zeusmobile.core.strategy;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The hybrid's thermal guard: a power cap that keeps the device below its throttle trip points, so that the
 * firmware never has to throttle. It watches the headroom to the nearest trip point and its trend at the
 * current power; when the trend would use the headroom up (less {@code marginC}) within {@code lookaheadS}, it
 * caps power 5% below the current arm's. A configuration whose heat levels off below the trip keeps running:
 * only a predicted crossing counts. The cap rises again, a little at a time, as headroom returns. Never below
 * every arm that meets the SLO: latency wins over heat. Off where the device knows no trip point (NaN
 * headroom).
 *
 * <p>Backing off costs too, and a trip point's caps often spare the configurations that cost least. So the guard
 * stands down while backing off would cost more than {@link #COST_TOLERANCE} and throttling has not been seen to
 * hurt; once a window at or near a trip point cost 5% more than its arm's cheapest, or missed the SLO, it always
 * holds.
 */
final class ThermalGuard {

    /** What the guard needs to know of the arms. */
    interface Arms {
        /** The power in W of the coolest measured arm that meets the SLO, or null when none does. */
        Double coolestFeasibleW();

        /** Whether some arm that meets the SLO draws at most {@code capW}. */
        boolean feasibleAtOrBelow(double capW);
    }

    /** Backing off that costs more than this share is not worth it until throttling has hurt. */
    static final double COST_TOLERANCE = 0.01;
    /** A window this close below a trip point may still be throttled: the hysteresis of every built-in trip, °C. */
    static final double NEAR_TRIP_C = 3;
    /**
     * Mitigation steps lie this far apart on the built-in phones (zeus-sim's snapdragon profiles: the second step
     * 6 K above the first), and past a step the headroom is to the next: with less, the device may be past one.
     */
    static final double STEP_SPACING_C = 6;
    /** A window near a trip that costs this much more than its arm's cheapest says throttling hurts. */
    private static final double HARM = 0.05;
    /** The cap steps down to this share of the current arm's power. */
    private static final double STEP_DOWN = 0.95;
    /** ... and back up by this factor per window while there is room. */
    private static final double STEP_UP = 1.02;
    /** Headroom, in margins, above which the cap may rise. */
    private static final double ROOM_MARGINS = 3;
    /** Readings kept for the trend, in {@code slopeWindows}. */
    private static final int HISTORY_SLOPES = 4;

    private final double marginC;
    private final double lookaheadS;
    private final int slopeWindows;
    private final double maxPowerW;
    private double capW = Double.POSITIVE_INFINITY;
    /** Whether the last step wanted a cap below every arm known to meet the SLO: a cooler arm is needed. */
    private boolean wantsCooler;
    /** Whether a window past a trip point cost more than its arm did before, or missed the SLO. */
    private boolean throttlingHurts;
    /** Headroom readings (clock ns, °C) since the cap last changed: the trend at the current power. */
    private final Deque<Long> clockNs = new ArrayDeque<>();
    private final Deque<Double> headroomC = new ArrayDeque<>();

    /**
     * @param marginC the headroom to keep, °C
     * @param lookaheadS how far ahead the headroom's trend is extrapolated, s
     * @param slopeWindows windows at one power before the trend counts
     * @param maxPowerW the device's maximum power: a cap above it is no cap
     */
    ThermalGuard(double marginC, double lookaheadS, int slopeWindows, double maxPowerW) {
        this.marginC = marginC;
        this.lookaheadS = lookaheadS;
        this.slopeWindows = slopeWindows;
        this.maxPowerW = maxPowerW;
    }

    /** The power cap in W now (infinite when none). */
    double capW() {
        return capW;
    }

    /** Accounts one window that ended at {@code endNs} with {@code headroom} °C left, run at {@code powerW}. */
    void observe(long endNs, double headroom, double powerW, Arms arms) {
        if (Double.isNaN(headroom) || !(powerW > 0)) {
            return;
        }
        clockNs.addLast(endNs);
        headroomC.addLast(headroom);
        if (headroomC.size() > HISTORY_SLOPES * slopeWindows) {
            clockNs.removeFirst();
            headroomC.removeFirst();
        }
        if (headroomC.size() < slopeWindows && headroom > marginC) {
            return; // the trend at this power is not known yet, and there is room
        }
        double slopeCPerS = slopeCPerS();
        double predicted = headroom + Math.min(0, slopeCPerS) * lookaheadS;
        wantsCooler = false;
        if (predicted < marginC) {
            double cap = powerW * STEP_DOWN;
            Double coolest = arms.coolestFeasibleW();
            if (!arms.feasibleAtOrBelow(cap) && coolest != null) {
                wantsCooler = cap < coolest;
                cap = Math.max(cap, coolest);
            }
            set(Math.min(capW, cap));
        } else if (!Double.isInfinite(capW) && headroom > ROOM_MARGINS * marginC && slopeCPerS >= 0) {
            set(capW * STEP_UP > maxPowerW ? Double.POSITIVE_INFINITY : capW * STEP_UP);
        }
    }

    /**
     * Whether the headroom is still running out with the cap already at the coolest arm known to meet the SLO:
     * an arm cooler than any so far is wanted.
     */
    boolean wantsCooler() {
        return wantsCooler;
    }

    /**
     * Learns from a window whether throttling hurts: one that ended {@code headroom} °C from the trip (negative:
     * past it) at {@code costRatio} x the cheapest window its arm has had, {@code missedSlo} or not. Near the trip
     * counts too: firmware keeps throttling until the temperature falls by its hysteresis.
     */
    void learn(double headroom, double costRatio, boolean missedSlo) {
        if (headroom < NEAR_TRIP_C && (costRatio > 1 + HARM || missedSlo)) {
            throttlingHurts = true;
        }
    }

    /** Whether to let arms above the cap run: backing off to {@code coolCost} from {@code hotCost} costs too much. */
    boolean standsDown(double coolCost, double hotCost) {
        return !throttlingHurts && coolCost > hotCost * (1 + COST_TOLERANCE);
    }

    /** Holds the cap at least at {@code powerW}: the coolest arm that meets the SLO must stay allowed. */
    void holdAtLeast(double powerW) {
        set(Math.max(capW, powerW));
    }

    private void set(double newCapW) {
        if (newCapW != capW) {
            capW = newCapW;
            clockNs.clear();
            headroomC.clear();
        }
    }

    /** Least-squares slope of the headroom since the cap last changed, °C/s (negative: heating); 0 with one reading. */
    private double slopeCPerS() {
        int n = headroomC.size();
        if (n < 2) {
            return 0;
        }
        double[] t = new double[n];
        double[] h = new double[n];
        int i = 0;
        long t0 = clockNs.peekFirst();
        for (long c : clockNs) {
            t[i++] = (c - t0) / 1e9;
        }
        i = 0;
        for (double v : headroomC) {
            h[i++] = v;
        }
        double meanT = 0;
        double meanH = 0;
        for (i = 0; i < n; i++) {
            meanT += t[i] / n;
            meanH += h[i] / n;
        }
        double sTT = 0;
        double sTH = 0;
        for (i = 0; i < n; i++) {
            sTT += (t[i] - meanT) * (t[i] - meanT);
            sTH += (t[i] - meanT) * (h[i] - meanH);
        }
        return sTT > 0 ? sTH / sTT : 0;
    }
}
