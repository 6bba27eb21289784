package org.zeusmobile.sim;

/**
 * nvhost_podgov (drivers/devfreq/governor_pod_scaling.c, L4T / nvidia-oot), the Jetson GPU governor, polled
 * by devfreq every {@code polling} (nvgpu's scale.c sets 25 ms). Each poll (nvhost_pod_estimate_freq) takes the
 * busy fraction since the last poll: {@code norm_load = cur_freq * busy / total},
 * {@code cycles_avg = (cycles_avg * smooth + norm_load) / (smooth + 1)}, {@code rt_load = 1000 * busy / total};
 * then scaling_state_check, unless less than {@code block_window} has passed since the last rescale: above
 * {@code load_max} the request is boosted by max_freq / 3 with no damping; otherwise by
 * {@code bias * freq * (busyness - load_target) / load_target} (busyness = 1000 * cycles_avg / cur_freq), never
 * more than max_freq / 3 and with no dead band; the request is averaged ({@code freq_avg}, weight smooth) and
 * damped ({@code (damp * res + (10 - damp) * freq_avg) / 10}), limited and rounded up to a table frequency
 * (freqlist_up). A suspended (rail-gated) GPU drops to the minimum and forgets its average. Integer arithmetic
 * as in the kernel (MHz inside scaling_state_check). No history buffer
 * (CONFIG_DEVFREQ_GOV_POD_SCALING_HISTORY_BUFFER_SIZE_MAX unset).
 */
final class NvhostPodgov extends Governor {

    private final SimProcessor gpu;
    private final long pollingNs;
    private final long blockWindowUs;
    private final long loadMax;
    private final long loadTarget;
    private final long bias;
    private final long smooth;
    private final long damp;
    private long statsSinceNs;
    private long lastScaleNs;
    private long cyclesAvg;
    private long rtLoad;
    private long freqAvgMhz;
    private boolean suspended;

    NvhostPodgov(SocProfile.GovernorSpec spec, SimProcessor gpu, long nowNs) {
        super(spec.name, gpu);
        this.gpu = gpu;
        this.pollingNs = Math.round(spec.value("polling") * 1e9);
        this.blockWindowUs = Math.round(spec.value("blockWindow") * 1e6);
        this.loadMax = Math.round(spec.value("loadMax") * 1000);
        this.loadTarget = Math.round(spec.value("loadTarget") * 1000);
        this.bias = Math.round(spec.value("bias") * 100);
        this.smooth = Math.round(spec.value("smooth"));
        this.damp = Math.round(spec.value("damp"));
        this.statsSinceNs = nowNs;
        this.lastScaleNs = nowNs;
        // the device opens idle, its GPU rail-gated and the governor suspended
        this.suspended = true;
    }

    @Override
    void onWorkStart(SimProcessor processor, long nowNs) {
        if (suspended) {
            // nvhost_pod_resume: devfreq polling restarts; the clock stays at the minimum until a poll moves it
            suspended = false;
            statsSinceNs = nowNs;
            gpu.busyNs = 0;
            nextNs = nowNs + pollingNs;
        }
    }

    @Override
    void onDeepIdle(SimProcessor processor, long nowNs) {
        // rail-gated: nvhost_pod_suspend, the last estimate asks for the minimum and clears the history
        suspended = true;
        nextNs = Long.MAX_VALUE;
        cyclesAvg = 0;
        freqAvgMhz = 0;
        lastScaleNs = nowNs;
        target(gpu, 0, nowNs);
    }

    @Override
    void run(long nowNs) {
        nextNs = nowNs + pollingNs;
        long totalNs = nowNs - statsSinceNs;
        long busyNs = Math.round(gpu.busyNs);
        statsSinceNs = nowNs;
        gpu.busyNs = 0;
        gpu.utilNs = 0;
        if (gpu.pinned || totalNs <= 0) {
            return;
        }
        long curHz = gpu.runningHz();
        long normLoad = (long) ((double) curHz * busyNs / totalNs);
        cyclesAvg = (cyclesAvg * smooth + normLoad) / (smooth + 1);
        rtLoad = 1000L * busyNs / totalNs;
        long requestHz = scalingStateCheck(nowNs, curHz);
        if (requestHz == BLOCKED) {
            return;
        }
        int next = lowestAtOrAbove(gpu.freqHz, Math.max(gpu.freqHz[0], Math.min(gpu.maxHz(), requestHz)));
        if (gpu.freqHz[next] == curHz) {
            return;
        }
        lastScaleNs = nowNs;
        target(gpu, next, nowNs);
    }

    private static final long BLOCKED = Long.MIN_VALUE;

    /** scaling_state_check: the requested frequency in Hz (before limits), or {@link #BLOCKED} to keep the current one. */
    private long scalingStateCheck(long nowNs, long curHz) {
        long dtUs = (nowNs - lastScaleNs) / 1000;
        long previousMhz = gpu.freqHz[gpu.target] / 1_000_000;
        if (dtUs < blockWindowUs || previousMhz == 0) {
            return BLOCKED;
        }
        long maxBoost = (gpu.maxHz() / 3) / 1_000_000;
        long busyness = 1000L * cyclesAvg / curHz;
        long dampNow = damp;
        long boost;
        if (rtLoad > loadMax) {
            boost = maxBoost;
            dampNow = 10;
        } else {
            boost = busyness - loadTarget;
            boost *= bias * previousMhz;
            boost /= 100 * loadTarget;
            boost = Math.min(boost, maxBoost);
        }
        long res = previousMhz + boost;
        freqAvgMhz = (freqAvgMhz * smooth + res) / (smooth + 1);
        res = (dampNow * res + (10 - dampNow) * freqAvgMhz) / 10;
        return res * 1_000_000;
    }

    boolean suspended() {
        return suspended;
    }
}
