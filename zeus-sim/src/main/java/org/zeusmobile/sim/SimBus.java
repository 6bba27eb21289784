package org.zeusmobile.sim;

/** A simulated memory bus: its frequency domain and the traffic its governor samples. */
final class SimBus extends FreqDomain {
    final SocProfile.Bus spec;
    /** Bytes moved since the bus governor last sampled. */
    double bytesSinceSample;
    /** Consecutive samples that asked for less than the current vote. */
    int lowerDemandSamples;

    SimBus(SocProfile.Bus spec) {
        super(spec.knobName(), spec.freqHz, spec.actuationDelayS, 0);
        this.spec = spec;
    }
}
