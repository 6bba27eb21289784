package org.zeusmobile.sim;

/** A simulated CPU cluster or GPU: its frequency domain, its load, and its per-core power at the running point. */
final class SimProcessor extends FreqDomain {
    final SocProfile.Processor spec;
    /** Index of this processor's thermal node. */
    final int node;
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

    SimProcessor(SocProfile.Processor spec, int node) {
        super(spec.knobName(), spec.freqHz, spec.actuationDelayS, 0);
        this.spec = spec;
        this.node = node;
    }

    boolean isGpu() {
        return spec.kind == SocProfile.Kind.GPU;
    }

    /** Recomputes the per-core costs at the running point and temperature {@code temperatureC}. */
    void refreshCosts(double temperatureC) {
        dynamicCoreW = PowerModel.dynamicCoreW(spec, running);
        leakageCoreW = spec.leakageW(spec.voltageV[running], temperatureC);
    }
}
