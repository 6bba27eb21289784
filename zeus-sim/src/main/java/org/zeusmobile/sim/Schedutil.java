package org.zeusmobile.sim;

import java.util.Arrays;

/**
 * schedutil (kernel/sched/cpufreq_schedutil.c): next_freq = 1.25 * max_freq * util / max_capacity
 * (get_next_freq, map_util_freq), where util is the frequency-invariant PELT utilisation, a geometric average
 * with a 32 ms half-life (kernel/sched/pelt.c); the lowest OPP at or above it (CPUFREQ_RELATION_L), under the
 * thermal cap (policy->max); changes no more often than the up/down rate limits (Android common kernel). The
 * simulator evaluates it once per scheduler tick.
 */
final class Schedutil extends Governor {

    private final long periodNs;
    private final double headroom;
    private final double halfLifeS;
    private final double upRateLimitNs;
    private final double downRateLimitNs;
    private final SimProcessor[] cpus;
    private final double[] util;
    private final long[] lastChangeNs;
    private long windowStartNs;

    Schedutil(SocProfile.GovernorSpec spec, SimProcessor[] cpus, long nowNs) {
        super(spec.name, cpus);
        this.periodNs = Math.max(1, Math.round(spec.value("period") * 1e9));
        this.headroom = spec.value("headroom");
        this.halfLifeS = spec.value("utilHalfLife");
        this.upRateLimitNs = spec.value("upRateLimit") * 1e9;
        this.downRateLimitNs = spec.value("downRateLimit") * 1e9;
        this.cpus = cpus;
        this.util = new double[cpus.length];
        this.lastChangeNs = new long[cpus.length];
        Arrays.fill(lastChangeNs, Long.MIN_VALUE / 2);
        this.windowStartNs = nowNs;
        this.nextNs = nowNs + periodNs;
    }

    @Override
    void run(long nowNs) {
        long windowNs = nowNs - windowStartNs;
        windowStartNs = nowNs;
        nextNs = nowNs + periodNs;
        if (windowNs <= 0) {
            return;
        }
        double decay = Math.exp(-windowNs * 1e-9 * Math.log(2) / halfLifeS);
        for (int i = 0; i < cpus.length; i++) {
            SimProcessor cpu = cpus[i];
            double average = cpu.utilNs / windowNs;
            cpu.utilNs = 0;
            cpu.busyNs = 0;
            util[i] = average + (util[i] - average) * decay;
            if (cpu.pinned) {
                continue;
            }
            int next = Math.min(cpu.cap, lowestAtOrAbove(cpu.freqHz, headroom * cpu.maxHz() * util[i]));
            long sinceChange = nowNs - lastChangeNs[i];
            boolean allowed = next > cpu.target ? sinceChange >= upRateLimitNs : sinceChange >= downRateLimitNs;
            if (next != cpu.target && allowed) {
                lastChangeNs[i] = nowNs;
                target(cpu, next, nowNs);
            }
        }
    }

    /** The PELT utilisation of CPU cluster {@code i} (a fraction of its capacity at the top clock), for tests. */
    double util(int i) {
        return util[i];
    }
}
