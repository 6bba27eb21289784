package org.zeusmobile.sim;

import java.util.Arrays;

/**
 * walt, Qualcomm's WALT cpufreq governor (kernel/sched/walt/cpufreq_walt.c, vendor kernels of SM8450 and later;
 * SM8550 phones select it for every cluster in their post-boot script). At each WALT window rollover
 * (DEFAULT_SCHED_RAVG_WINDOW, 16 ms at HZ=250) a cluster's util is the busy time of the window just ended,
 * scaled by the running frequency over the maximum (WALT's frequency-invariant demand), as a fraction of
 * capacity. get_next_freq: next = 1.25 * max_freq * util (walt_map_util_freq); waltgov_walt_adjust: when util
 * reaches hispeed_load of the window's average capacity (the average frequency it ran), util is raised to at
 * least hispeed_freq; cpufreq_driver_resolve_freq picks the lowest OPP at or above, between scaling_min_freq and
 * the thermal cap; the up/down rate limits apply. Not modelled: predicted load (pl), early detection, RTG and
 * input boosts (none of them fire for a single steady inference thread).
 */
final class Walt extends Governor {

    private final long windowNs;
    private final double headroom;
    private final double hispeedLoad;
    private final double upRateLimitNs;
    private final double downRateLimitNs;
    private final SimProcessor[] cpus;
    private final double[] hispeedHz;
    private final int[] minIndex;
    /** Cycles each cluster ran in the current window, for its average capacity (waltgov_calc_avg_cap). */
    private final double[] cycles;
    private final long[] lastChangeNs;
    private long windowStartNs;
    private long cyclesSinceNs;

    Walt(SocProfile.GovernorSpec spec, SimProcessor[] cpus, long nowNs) {
        super(spec.name, cpus);
        this.windowNs = Math.max(1, Math.round(spec.value("window") * 1e9));
        this.headroom = spec.value("headroom");
        this.hispeedLoad = spec.value("hispeedLoad");
        this.upRateLimitNs = spec.value("upRateLimit") * 1e9;
        this.downRateLimitNs = spec.value("downRateLimit") * 1e9;
        this.cpus = cpus;
        this.hispeedHz = new double[cpus.length];
        this.minIndex = new int[cpus.length];
        for (int i = 0; i < cpus.length; i++) {
            hispeedHz[i] = spec.value("hispeedFrequency", cpus[i].spec.name);
            minIndex[i] = lowestAtOrAbove(cpus[i].freqHz, spec.value("minFrequency", cpus[i].spec.name));
        }
        this.cycles = new double[cpus.length];
        this.lastChangeNs = new long[cpus.length];
        Arrays.fill(lastChangeNs, Long.MIN_VALUE / 2);
        this.windowStartNs = nowNs;
        this.cyclesSinceNs = nowNs;
        this.nextNs = nowNs + windowNs;
    }

    @Override
    void onClockChange(FreqDomain domain, long nowNs) {
        trackCycles(nowNs);
    }

    /** Counts the cycles each cluster ran since the last count at its running clock (waltgov_track_cycles). */
    private void trackCycles(long nowNs) {
        long dt = nowNs - cyclesSinceNs;
        if (dt > 0) {
            for (int i = 0; i < cpus.length; i++) {
                cycles[i] += dt * 1e-9 * cpus[i].runningHz();
            }
        }
        cyclesSinceNs = nowNs;
    }

    @Override
    void run(long nowNs) {
        trackCycles(nowNs);
        long elapsedNs = nowNs - windowStartNs;
        windowStartNs = nowNs;
        nextNs = nowNs + windowNs;
        if (elapsedNs <= 0) {
            return;
        }
        for (int i = 0; i < cpus.length; i++) {
            SimProcessor cpu = cpus[i];
            double maxHz = cpu.maxHz();
            double util = cpu.utilNs / elapsedNs;
            double avgCap = cycles[i] / (elapsedNs * 1e-9) / maxHz;
            cpu.utilNs = 0;
            cpu.busyNs = 0;
            cycles[i] = 0;
            if (cpu.pinned) {
                continue;
            }
            if (util >= avgCap * hispeedLoad) {
                util = Math.max(util, hispeedHz[i] / maxHz);
            }
            int next = lowestAtOrAbove(cpu.freqHz, headroom * maxHz * util);
            next = Math.min(cpu.cap, Math.max(next, minIndex[i]));
            long sinceChange = nowNs - lastChangeNs[i];
            boolean limited = next > cpu.target ? sinceChange < upRateLimitNs : sinceChange < downRateLimitNs;
            if (next != cpu.target && !limited) {
                lastChangeNs[i] = nowNs;
                target(cpu, next, nowNs);
            }
        }
    }
}
