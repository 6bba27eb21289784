package org.zeusmobile.android;

import org.zeusmobile.core.device.DeviceException;
import org.zeusmobile.core.measure.EnergyMeter;
import org.zeusmobile.core.measure.MeterDescription;

/**
 * The fuel gauge's {@code BATTERY_PROPERTY_ENERGY_COUNTER} (remaining energy, nWh) turned into a
 * cumulative energy-drawn counter in J: the counter falls as the battery discharges, so the energy
 * drawn since the meter was opened is the start value minus the value now.
 * On a charger the counter rises and the reading goes backwards, which the Monitor flags.
 */
public final class BatteryEnergyMeter implements EnergyMeter {

    /** 1 nWh = 1e-9 Wh * 3600 s/h = 3.6e-6 J. */
    static final double JOULES_PER_NWH = 3.6e-6;
    /** Fuel gauges refresh their counters about once a second (DESIGN.md section 5, battery row). */
    static final long UPDATE_PERIOD_NS = 1_000_000_000L;
    private static final MeterDescription DESCRIPTION = MeterDescription.energy("battery-energy-counter", "battery",
            JOULES_PER_NWH, UPDATE_PERIOD_NS);

    private final BatteryState battery;
    private final long startNwh;

    BatteryEnergyMeter(BatteryState battery) {
        this.battery = battery;
        this.startNwh = readNwh();
    }

    private long readNwh() {
        long nwh = battery.energyCounterNwh();
        if (nwh == Long.MIN_VALUE || nwh <= 0) {
            throw new DeviceException("BatteryManager.BATTERY_PROPERTY_ENERGY_COUNTER is unsupported on this device (read "
                    + nwh + "); use the CURRENT_NOW power meter instead");
        }
        return nwh;
    }

    @Override
    public MeterDescription description() {
        return DESCRIPTION;
    }

    @Override
    public double readJ() {
        return (startNwh - readNwh()) * JOULES_PER_NWH;
    }
}
