package org.zeusmobile.sim;

/**
 * A simulated CPU cluster or GPU: its frequency domain, its governor, its idle state, its load, and its per-core
 * power at the running point.
 */
final class SimProcessor extends FreqDomain {
    final SocProfile.Processor spec;
    /** Index of this processor's thermal node. */
    final int node;
    final long idleEntryNs;
    final long idleExitNs;
    Governor governor;
    /** Share of this processor's time another app takes (interference), in [0, 1). */
    double backgroundShare;
    /** C V^2 f of one fully active core at the running point, W. */
    double dynamicCoreW;
    /** Leakage of one powered core at the running point and the node's temperature, W. */
    double leakageCoreW;
    /** Busy time since the governor last sampled (ours plus the background's), ns. */
    double busyNs;
    /** Busy time scaled by running / maximum frequency (frequency-invariant utilisation), ns. */
    double utilNs;
    /** In its deep idle state (power collapse, SLUMBER, rail gate); the device opens with every processor there. */
    boolean deep = true;
    /** When our work last left it (valid while it is idle and not deep). */
    long idleSinceNs;
    /** Cores our work left clock-gated (powered, leaking) until the deep state. */
    int gatedCores;

    SimProcessor(SocProfile.Processor spec, int node) {
        super(spec.knobName(), spec.freqHz, spec.actuationDelayS, 0);
        this.spec = spec;
        this.node = node;
        this.idleEntryNs = Math.round(spec.idleEntryDelayS * 1e9);
        this.idleExitNs = Math.round(spec.idleExitLatencyS * 1e9);
    }

    boolean isGpu() {
        return spec.kind == SocProfile.Kind.GPU;
    }

    /** Recomputes the per-core costs at the running point and temperature {@code temperatureC}. */
    void refreshCosts(double temperatureC) {
        dynamicCoreW = PowerModel.dynamicCoreW(spec, running);
        leakageCoreW = PowerModel.leakageCoreW(spec, running, temperatureC);
    }

    /** When this idle processor enters its deep state; {@code Long.MAX_VALUE} if it is there or busy. */
    long deepAtNs(boolean busy) {
        return busy || deep ? Long.MAX_VALUE : idleSinceNs + idleEntryNs;
    }
}
