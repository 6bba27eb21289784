package org.zeusmobile.sim;

/**
 * schedutil (kernel/sched/cpufreq_schedutil.c): next_freq = 1.25 * max_freq * util / max_capacity,
 * where util is the frequency-invariant PELT utilisation (geometric average with a 32 ms half-life,
 * kernel/sched/pelt.c); the lowest OPP at or above it (CPUFREQ_RELATION_L); changes no more often
 * than the rate limits (up/down as in the Android common kernel's schedutil).
 */
final class Schedutil extends Governor {

    private final SocProfile.CpuGovernor params;
    private final SimProcessor[] cpus;
    private final double[] util;
    private final long[] lastChangeNs;

    Schedutil(SocProfile.CpuGovernor params, SimProcessor[] cpus, long nowNs) {
        super(params.name, params.periodS, nowNs);
        for (SimProcessor cpu : cpus) {
            cpu.governorName = name;
        }
        this.params = params;
        this.cpus = cpus;
        this.util = new double[cpus.length];
        this.lastChangeNs = new long[cpus.length];
        java.util.Arrays.fill(lastChangeNs, Long.MIN_VALUE / 2);
    }

    @Override
    void decide(long nowNs, long windowNs) {
        if (windowNs <= 0) {
            return;
        }
        double decay = Math.exp(-windowNs * 1e-9 * Math.log(2) / params.utilHalfLifeS);
        for (int i = 0; i < cpus.length; i++) {
            SimProcessor cpu = cpus[i];
            double average = cpu.utilNs / windowNs;
            cpu.utilNs = 0;
            cpu.busyNs = 0;
            util[i] = average + (util[i] - average) * decay;
            if (cpu.pinned) {
                continue;
            }
            double nextHz = params.headroom * cpu.freqHz[cpu.freqHz.length - 1] * util[i];
            // policy->max follows the thermal cap (cpufreq_verify_within_limits)
            int next = Math.min(cpu.cap, lowestAtOrAbove(cpu.freqHz, nextHz));
            long sinceChange = nowNs - lastChangeNs[i];
            boolean allowed = next > cpu.target ? sinceChange >= params.upRateLimitS * 1e9
                    : sinceChange >= params.downRateLimitS * 1e9;
            if (next != cpu.target && allowed) {
                cpu.target = next;
                lastChangeNs[i] = nowNs;
                cpu.schedule(nowNs);
            }
        }
    }

    /** The lowest operating point at or above {@code hz} (CPUFREQ_RELATION_L); the top one if none is. */
    static int lowestAtOrAbove(long[] freqHz, double hz) {
        for (int i = 0; i < freqHz.length; i++) {
            if (freqHz[i] >= hz) {
                return i;
            }
        }
        return freqHz.length - 1;
    }
}
