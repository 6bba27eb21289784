package org.zeusmobile.sim;

/**
 * msm-adreno-tz (drivers/devfreq/governor_msm_adreno_tz.c) with the KGSL power control around it
 * (drivers/gpu/msm/kgsl_pwrscale.c, kgsl_pwrctrl.c). The governor does not poll: KGSL calls it on GPU retire
 * and idle events (tz_notify), at most once per KGSL_GOVERNOR_CALL_INTERVAL (kgsl_pwrscale_update).
 * tz_get_target_freq adds the busy and total time since the last call to its bins; a bin shorter than FLOOR or
 * with less than MIN_BUSY busy waits for the next call; a bin with more than CEILING of busy time jumps to the
 * top level (val = -level); otherwise the TrustZone DCVS answers a level step, and the bins restart. KGSL's idle
 * timer sends a GPU idle that long to SLUMBER, where its clock drops to the lowest level and the governor is
 * suspended (tz_suspend clears the bins); waking requests default_pwrlevel
 * (kgsl_pwrctrl_set_default_gpu_pwrlevel, called when the GMU firmware restarts).
 *
 * <p>The TrustZone DCVS is closed source. It is modelled as a step to the level that would run the measured
 * work at {@code targetBusy}, taken only when the bin's busy fraction is above {@code upThreshold} or below
 * {@code downThreshold}: a multi-level step, as the TZ answers. Not modelled: the optional mid-frame timer.
 */
final class MsmAdrenoTz extends Governor {

    private final SimProcessor gpu;
    private final long callIntervalNs;
    private final long floorNs;
    private final long minBusyNs;
    private final long ceilingNs;
    private final long idleTimerNs;
    private final double upThreshold;
    private final double downThreshold;
    private final double targetBusy;
    private final int wakeIndex;
    private long nextCallNs;
    private long statsSinceNs;
    private long binTotalNs;
    private long binBusyNs;
    private boolean slumber;

    MsmAdrenoTz(SocProfile.GovernorSpec spec, SimProcessor gpu, long nowNs) {
        super(spec.name, gpu);
        this.gpu = gpu;
        this.callIntervalNs = ns(spec.value("callInterval"));
        this.floorNs = ns(spec.value("floor"));
        this.minBusyNs = ns(spec.value("minBusy"));
        this.ceilingNs = ns(spec.value("ceiling"));
        this.idleTimerNs = ns(spec.value("idleTimer"));
        this.upThreshold = spec.value("upThreshold");
        this.downThreshold = spec.value("downThreshold");
        this.targetBusy = spec.value("targetBusy");
        this.wakeIndex = lowestAtOrAbove(gpu.freqHz, spec.value("wakeFrequency"));
        this.statsSinceNs = nowNs;
        // the device opens idle, its GPU in SLUMBER
        this.slumber = true;
    }

    private static long ns(double seconds) {
        return Math.round(seconds * 1e9);
    }

    @Override
    void onWorkStart(SimProcessor processor, long nowNs) {
        nextNs = Long.MAX_VALUE;
        if (slumber) {
            // kgsl_pwrscale_wake clears old stats; the GMU restarts at default_pwrlevel
            slumber = false;
            gpu.busyNs = 0;
            statsSinceNs = nowNs;
            target(gpu, wakeIndex, nowNs);
        }
    }

    @Override
    void onWorkEnd(SimProcessor processor, long nowNs) {
        // a retire (and the GPU idles): kgsl_pwrscale_update calls the governor if the interval has passed
        if (nowNs >= nextCallNs) {
            nextCallNs = nowNs + callIntervalNs;
            decide(nowNs);
        }
        nextNs = nowNs + idleTimerNs;
    }

    /** The idle timer expired: SLUMBER. */
    @Override
    void run(long nowNs) {
        nextNs = Long.MAX_VALUE;
        slumber = true;
        binTotalNs = 0;
        binBusyNs = 0;
        target(gpu, 0, nowNs);
    }

    /** tz_get_target_freq. */
    private void decide(long nowNs) {
        long totalNs = nowNs - statsSinceNs;
        long busyNs = Math.round(gpu.busyNs);
        statsSinceNs = nowNs;
        gpu.busyNs = 0;
        gpu.utilNs = 0;
        binTotalNs += totalNs;
        binBusyNs += busyNs;
        if (totalNs == 0 || binTotalNs < floorNs || binBusyNs < minBusyNs) {
            return;
        }
        int next;
        if (binBusyNs > ceilingNs) {
            next = gpu.freqHz.length - 1;
        } else {
            next = tzAnswer(binBusyNs / (double) binTotalNs);
        }
        binTotalNs = 0;
        binBusyNs = 0;
        target(gpu, next, nowNs);
    }

    /** The modelled TrustZone DCVS answer for a bin with busy fraction {@code busy}. */
    private int tzAnswer(double busy) {
        if (busy > upThreshold || busy < downThreshold) {
            return lowestAtOrAbove(gpu.freqHz, gpu.runningHz() * busy / targetBusy);
        }
        return gpu.target;
    }

    boolean slumbering() {
        return slumber;
    }
}
