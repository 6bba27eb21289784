package org.zeusmobile.sim;

import java.util.Arrays;
import org.zeusmobile.core.device.Configuration;

/**
 * One frequency domain (a processor or a memory bus): the operating point the hardware runs, the one
 * asked for, and a change in flight that takes effect after the actuation delay.
 */
class FreqDomain {
    final String knob;
    final long[] freqHz;
    final long actuationDelayNs;
    final int original;
    /** The operating point the hardware runs now. */
    int running;
    /** The operating point asked for (by a governor or a pinned knob), before the thermal cap. */
    int target;
    /** The operating point a change in flight will reach at {@link #pendingAtNs}; -1 when none. */
    int pending = -1;
    long pendingAtNs;
    boolean pinned;
    /** The highest operating point firmware allows now (thermal trips). */
    int cap;
    /** The lowest operating point another voter holds it at while governed (the GPU's memory vote), else 0. */
    int floor;
    /** The governor that drives this domain when it is not pinned. */
    String governorName;

    FreqDomain(String knob, long[] freqHz, double actuationDelayS, int original) {
        this.knob = knob;
        this.freqHz = freqHz;
        this.actuationDelayNs = Math.round(actuationDelayS * 1e9);
        this.original = original;
        this.running = original;
        this.target = original;
        this.cap = freqHz.length - 1;
    }

    /** The operating point wanted now: the target (governed: no lower than the floor) under the thermal cap. */
    int wanted() {
        return Math.min(pinned ? target : Math.max(target, floor), cap);
    }

    /** Starts (or cancels) the change towards {@link #wanted()}; it lands after the actuation delay. */
    void schedule(long nowNs) {
        int wanted = wanted();
        if (wanted == running) {
            pending = -1;
        } else if (wanted != pending) {
            pending = wanted;
            pendingAtNs = nowNs + actuationDelayNs;
        }
    }

    /** Completes a change whose actuation delay has passed; true when the running point changed. */
    boolean settle(long nowNs) {
        if (pending >= 0 && pendingAtNs <= nowNs) {
            running = pending;
            pending = -1;
            return true;
        }
        return false;
    }

    long runningHz() {
        return freqHz[running];
    }

    long maxHz() {
        return freqHz[freqHz.length - 1];
    }

    /** Each domain's operating point under {@code c}: pinned where {@code c} names it, else the top or the bottom. */
    static int[] operatingPoints(FreqDomain[] domains, Configuration c, boolean unpinnedAtTop) {
        int[] opp = new int[domains.length];
        for (int i = 0; i < domains.length; i++) {
            Long pinned = c.get(domains[i].knob);
            opp[i] = pinned != null ? Arrays.binarySearch(domains[i].freqHz, pinned)
                    : unpinnedAtTop ? domains[i].freqHz.length - 1 : 0;
        }
        return opp;
    }
}
