package org.zeusmobile.sim;

import org.zeusmobile.core.measure.MeterDescription;
import org.zeusmobile.core.measure.PowerMeter;

/** A power reading (INA3221 rail) over some power components: sampled at each update instant with relative noise, quantised. */
final class SimPowerMeter implements PowerMeter {

    private final SimulatedDevice device;
    private final PowerLedger ledger;
    private final SocProfile.Sensor sensor;
    private final boolean[] mask;
    private final int index;
    private final long periodNs;
    private final MeterDescription description;
    private long lastUpdate = Long.MIN_VALUE;
    private double shownW;

    SimPowerMeter(SimulatedDevice device, PowerLedger ledger, SocProfile.Sensor sensor, boolean[] mask, int index) {
        this.device = device;
        this.ledger = ledger;
        this.sensor = sensor;
        this.mask = mask;
        this.index = index;
        this.periodNs = Math.max(1, Math.round(sensor.updatePeriodS * 1e9));
        this.description = MeterDescription.power(sensor.name, sensor.domain, sensor.resolution, periodNs);
    }

    /** Samples the power of the segment open at {@code tNs} if an update fell due. */
    void catchUp(long tNs) {
        long update = Math.floorDiv(tNs, periodNs);
        if (update <= lastUpdate) {
            return;
        }
        lastUpdate = update;
        double factor = device.sensorNoise() ? 1 + sensor.noise * SensorNoise.gaussian(device.seed(), index, update) : 1;
        double watts = Math.max(0, ledger.powerW(mask) * factor);
        shownW = Math.round(watts / sensor.resolution) * sensor.resolution;
    }

    @Override
    public MeterDescription description() {
        return description;
    }

    @Override
    public double readW() {
        synchronized (device) {
            catchUp(device.syncForSensorRead(sensor.name));
            return shownW;
        }
    }
}
