package org.zeusmobile.sim;

/**
 * A simulated OS frequency governor, after its kernel source. The event loop calls {@link #run} when the clock
 * reaches {@link #nextNs} (a poll, a window end, a timer) and tells the governor when work starts or stops on
 * one of its processors and when a processor enters or leaves its deep idle state; the governor reads the load
 * its domains accumulated and moves their targets. A pinned domain (userspace) keeps its frequency, and a
 * domain handed back continues from its current operating point.
 */
abstract class Governor {

    /** The kernel name of the governor, as {@code scaling_governor} or devfreq's {@code governor} shows it. */
    final String name;
    /** The next time the event loop must call {@link #run}; {@code Long.MAX_VALUE} when nothing is due. */
    long nextNs = Long.MAX_VALUE;

    Governor(String name, FreqDomain... domains) {
        this.name = name;
        for (FreqDomain domain : domains) {
            if (domain != null) {
                domain.governorName = name;
            }
        }
    }

    /** Whatever fell due at {@code nowNs}. */
    abstract void run(long nowNs);

    /** Our work starts on {@code processor} (a GPU submission, a CPU thread waking). */
    void onWorkStart(SimProcessor processor, long nowNs) {
    }

    /** {@code processor} retires our work and goes idle. */
    void onWorkEnd(SimProcessor processor, long nowNs) {
    }

    /** {@code processor} entered its deep idle state (power collapse, rail gate). */
    void onDeepIdle(SimProcessor processor, long nowNs) {
    }

    /** {@code domain}'s running clock is about to change at {@code nowNs}. */
    void onClockChange(FreqDomain domain, long nowNs) {
    }

    /** {@code bytes} moved on the memory bus between {@code fromNs} and {@code toNs}, evenly. */
    void onTraffic(long fromNs, long toNs, double bytes) {
    }

    /** From {@code nowNs} the memory traffic runs at {@code bytesPerS} until further notice. */
    void onTrafficRate(long nowNs, double bytesPerS) {
    }

    /** Sets {@code domain}'s target (if the governor drives it now) and starts the change. */
    static void target(FreqDomain domain, int index, long nowNs) {
        if (!domain.pinned && index != domain.target) {
            domain.target = index;
            domain.schedule(nowNs);
        }
    }

    /** The lowest operating point at or above {@code hz} (CPUFREQ_RELATION_L, devfreq's ceiling); the top if none. */
    static int lowestAtOrAbove(long[] freqHz, double hz) {
        for (int i = 0; i < freqHz.length; i++) {
            if (freqHz[i] >= hz) {
                return i;
            }
        }
        return freqHz.length - 1;
    }
}
