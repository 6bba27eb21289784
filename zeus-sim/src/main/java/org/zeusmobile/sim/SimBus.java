package org.zeusmobile.sim;

/** A simulated memory bus: its frequency domain. */
final class SimBus extends FreqDomain {
    final SocProfile.Bus spec;

    SimBus(SocProfile.Bus spec) {
        super(spec.knobName(), spec.freqHz, spec.actuationDelayS, 0);
        this.spec = spec;
    }
}
