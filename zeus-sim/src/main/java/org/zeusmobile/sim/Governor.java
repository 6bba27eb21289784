package org.zeusmobile.sim;

/**
 * A simulated OS frequency governor. The event loop calls {@link #run} when the clock reaches
 * {@link #nextNs()}; the governor reads the load its domains accumulated since it last ran and moves
 * their targets. A pinned domain (userspace) is left alone.
 */
abstract class Governor {

    /** The kernel name of the governor, as {@code scaling_governor} or devfreq's {@code governor} shows it. */
    final String name;
    final long periodNs;
    long nextNs;
    long windowStartNs;

    Governor(String name, double periodS, long nowNs) {
        this.name = name;
        this.periodNs = Math.max(1, Math.round(periodS * 1e9));
        this.nextNs = nowNs + periodNs;
        this.windowStartNs = nowNs;
    }

    /** Runs the governor at {@code nowNs} and sets the time it runs next. */
    final void run(long nowNs) {
        long windowNs = nowNs - windowStartNs;
        windowStartNs = nowNs;
        decide(nowNs, windowNs);
        nextNs = nowNs + periodNs;
    }

    /** One decision over the {@code windowNs} since the last one. */
    abstract void decide(long nowNs, long windowNs);
}
