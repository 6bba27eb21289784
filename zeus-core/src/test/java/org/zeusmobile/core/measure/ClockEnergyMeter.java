package org.zeusmobile.core.measure;

import org.zeusmobile.core.Clock;

/**
 * A test energy counter at constant power that, like real counters, only changes once per update
 * period and optionally wraps.
 */
final class ClockEnergyMeter implements EnergyMeter {

    private final String domain;
    private final Clock clock;
    private final double powerW;
    private final long updatePeriodNs;
    private final double wrapRangeJ;

    ClockEnergyMeter(String domain, Clock clock, double powerW, long updatePeriodNs, double wrapRangeJ) {
        this.domain = domain;
        this.clock = clock;
        this.powerW = powerW;
        this.updatePeriodNs = updatePeriodNs;
        this.wrapRangeJ = wrapRangeJ;
    }

    @Override
    public String name() {
        return "clock-" + domain;
    }

    @Override
    public String domain() {
        return domain;
    }

    @Override
    public double resolutionJ() {
        return 1e-6;
    }

    @Override
    public long updatePeriodNs() {
        return updatePeriodNs;
    }

    @Override
    public double wrapRangeJ() {
        return wrapRangeJ;
    }

    @Override
    public boolean estimated() {
        return false;
    }

    @Override
    public double readJ() {
        long updatedAtNs = clock.nanoTime() / updatePeriodNs * updatePeriodNs;
        double energyJ = powerW * updatedAtNs / 1e9;
        return Double.isInfinite(wrapRangeJ) ? energyJ : energyJ % wrapRangeJ;
    }
}
