package org.zeusmobile.sim;

/**
 * A GPU governor that moves one power level per window on the busy fraction: up above the profile's up
 * threshold (never above the thermal power level, KGSL thermal_pwrlevel), down below its down threshold.
 */
final class BusyThresholdGovernor extends Governor {

    private final SocProfile.GpuGovernor params;
    private final SimProcessor gpu;

    BusyThresholdGovernor(SocProfile.GpuGovernor params, SimProcessor gpu, long nowNs) {
        super(params.name, params.periodS, nowNs);
        if (gpu != null) {
            gpu.governorName = name;
        }
        this.params = params;
        this.gpu = gpu;
    }

    @Override
    void decide(long nowNs, long windowNs) {
        if (gpu == null || windowNs <= 0) {
            return;
        }
        double busy = gpu.busyNs / windowNs;
        gpu.busyNs = 0;
        gpu.utilNs = 0;
        if (gpu.pinned) {
            return;
        }
        int next = gpu.target;
        if (busy >= params.upThreshold) {
            next = Math.min(gpu.cap, gpu.target + 1);
        } else if (busy <= params.downThreshold) {
            next = Math.max(0, gpu.target - 1);
        }
        if (next != gpu.target) {
            gpu.target = next;
            gpu.schedule(nowNs);
        }
    }
}
