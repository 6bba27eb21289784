package org.zeusmobile.sim;

import org.zeusmobile.core.measure.EnergyMeter;
import org.zeusmobile.core.measure.MeterDescription;

/**
 * A cumulative counter (fuel gauge, ODPM rail) over some power components: it updates every period with
 * relative noise, is quantised to its resolution, never runs backwards and wraps at its range.
 */
final class SimEnergyMeter implements EnergyMeter {

    private final SimulatedDevice device;
    private final PowerLedger ledger;
    private final SocProfile.Sensor sensor;
    private final boolean[] mask;
    private final int index;
    private final long periodNs;
    private final MeterDescription description;
    private long lastUpdate;
    private double lastTrueJ;
    private double counterJ;
    private double shownJ;

    SimEnergyMeter(SimulatedDevice device, PowerLedger ledger, SocProfile.Sensor sensor, boolean[] mask, int index,
            long nowNs) {
        this.device = device;
        this.ledger = ledger;
        this.sensor = sensor;
        this.mask = mask;
        this.index = index;
        this.periodNs = Math.max(1, Math.round(sensor.updatePeriodS * 1e9));
        this.description = MeterDescription.energy(sensor.name, sensor.domain, sensor.resolution, periodNs)
                .wrapsAtJ(sensor.wrapJ);
        this.lastUpdate = Math.floorDiv(nowNs, periodNs);
        this.lastTrueJ = ledger.energyAt(mask, nowNs);
    }

    /** Processes every update due by {@code tNs}; updates within one segment share one noisy increment. */
    void catchUp(long tNs) {
        long update = Math.floorDiv(tNs, periodNs);
        if (update <= lastUpdate) {
            return;
        }
        double trueJ = ledger.energyAt(mask, update * periodNs);
        double increment = trueJ - lastTrueJ;
        long updates = update - lastUpdate;
        double factor = device.sensorNoise()
                ? 1 + sensor.noise * SensorNoise.gaussian(device.seed(), index, update) / Math.sqrt(updates) : 1;
        counterJ += Math.max(0, increment * factor);
        lastTrueJ = trueJ;
        lastUpdate = update;
        double quantised = Math.floor(counterJ / sensor.resolution) * sensor.resolution;
        shownJ = Double.isInfinite(sensor.wrapJ) ? quantised : quantised % sensor.wrapJ;
    }

    @Override
    public MeterDescription description() {
        return description;
    }

    @Override
    public double readJ() {
        synchronized (device) {
            catchUp(device.syncForSensorRead(sensor.name));
            return shownJ;
        }
    }
}
