package org.zeusmobile.sim;

/**
 * A bus governor that votes measured bandwidth / io_percent: the bus takes the lowest point that carries
 * the vote, goes up at once and comes down one point only after several lower samples (hysteresis).
 */
final class BandwidthVoteGovernor extends Governor {

    private final SocProfile.BusGovernor params;
    private final SimBus[] buses;

    BandwidthVoteGovernor(SocProfile.BusGovernor params, SimBus[] buses, long nowNs) {
        super(params.name, params.periodS, nowNs);
        for (SimBus bus : buses) {
            bus.governorName = name;
        }
        this.params = params;
        this.buses = buses;
    }

    @Override
    void decide(long nowNs, long windowNs) {
        for (SimBus bus : buses) {
            double measuredBps = windowNs > 0 ? bus.bytesSinceSample / (windowNs * 1e-9) : 0;
            bus.bytesSinceSample = 0;
            if (bus.pinned) {
                continue;
            }
            double vote = measuredBps / params.ioFraction;
            int next = 0;
            while (next < bus.freqHz.length - 1 && bus.spec.bandwidthBps[next] < vote) {
                next++;
            }
            if (next > bus.target) {
                bus.target = next;
                bus.lowerDemandSamples = 0;
                bus.schedule(nowNs);
            } else if (next < bus.target) {
                if (++bus.lowerDemandSamples >= params.downHysteresisSamples) {
                    bus.target = Math.max(next, bus.target - 1);
                    bus.lowerDemandSamples = 0;
                    bus.schedule(nowNs);
                }
            } else {
                bus.lowerDemandSamples = 0;
            }
        }
    }
}
