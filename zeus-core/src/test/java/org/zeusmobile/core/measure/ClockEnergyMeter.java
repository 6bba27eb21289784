package org.zeusmobile.core.measure;

import org.zeusmobile.core.Clock;

/**
 * A test energy counter at constant power that, like real counters, only changes once per update
 * period and optionally wraps.
 */
final class ClockEnergyMeter implements EnergyMeter {

    private final Clock clock;
    private final double powerW;
    private final long updatePeriodNs;
    private final double wrapRangeJ;
    private final MeterDescription description;

    ClockEnergyMeter(String domain, Clock clock, double powerW, long updatePeriodNs, double wrapRangeJ) {
        this.clock = clock;
        this.powerW = powerW;
        this.updatePeriodNs = updatePeriodNs;
        this.wrapRangeJ = wrapRangeJ;
        this.description = MeterDescription.energy("clock-" + domain, domain, 1e-6, updatePeriodNs).wrapsAtJ(wrapRangeJ);
    }

    @Override
    public MeterDescription description() {
        return description;
    }

    @Override
    public double readJ() {
        long updatedAtNs = clock.nanoTime() / updatePeriodNs * updatePeriodNs;
        double energyJ = powerW * updatedAtNs / 1e9;
        return Double.isInfinite(wrapRangeJ) ? energyJ : energyJ % wrapRangeJ;
    }
}
