package org.zeusmobile.android;

import android.content.Intent;
import org.zeusmobile.core.device.DeviceException;
import org.zeusmobile.core.measure.MeterDescription;
import org.zeusmobile.core.measure.PowerMeter;

/**
 * Battery power from {@code BATTERY_PROPERTY_CURRENT_NOW} (µA) times the voltage of the sticky
 * {@code ACTION_BATTERY_CHANGED} broadcast (mV).
 *
 * <p>The sign of {@code CURRENT_NOW} differs by vendor: Android documents negative for discharge,
 * some gauges report discharge as positive. The meter learns the convention from readings taken
 * while no charger is plugged in (every such reading is a discharge) and reports drawn power as
 * positive. Until it has seen a discharge it assumes Android's documented convention.
 */
public final class BatteryPowerMeter implements PowerMeter {

    /** How many consistent discharge readings saturate the vote, so that a stray reading cannot flip it. */
    private static final int VOTE_LIMIT = 16;
    /** 1 µA at about 4 V: the finest step the product can show (the gauge itself is usually coarser). */
    private static final MeterDescription DESCRIPTION = MeterDescription.power("battery-current-voltage", "battery",
            4e-6, BatteryEnergyMeter.UPDATE_PERIOD_NS);

    private final BatteryState battery;
    private int dischargeVote;

    BatteryPowerMeter(BatteryState battery) {
        this.battery = battery;
    }

    @Override
    public MeterDescription description() {
        return DESCRIPTION;
    }

    @Override
    public double readW() {
        int currentUa = battery.currentNowUa();
        if (currentUa == Integer.MIN_VALUE) {
            throw new DeviceException("BatteryManager.BATTERY_PROPERTY_CURRENT_NOW is unsupported on this device; "
                    + "no battery power can be read");
        }
        Intent sticky = battery.sticky();
        int voltageMv = BatteryState.voltageMv(sticky);
        if (voltageMv <= 0) {
            throw new DeviceException("the ACTION_BATTERY_CHANGED broadcast carries no battery voltage; "
                    + "battery power needs EXTRA_VOLTAGE");
        }
        int sign;
        synchronized (this) {
            if (BatteryState.unplugged(sticky) && currentUa != 0) {
                int step = currentUa > 0 ? 1 : -1;
                dischargeVote = Math.max(-VOTE_LIMIT, Math.min(VOTE_LIMIT, dischargeVote + step));
            }
            sign = drawSign();
        }
        return sign * (double) currentUa * 1e-6 * voltageMv * 1e-3;
    }

    /** +1 when this device reports discharge as positive current, -1 for Android's documented convention. */
    public synchronized int drawSign() {
        return dischargeVote > 0 ? 1 : -1;
    }

    /** Whether a discharge has been observed, so that the sign is learned rather than assumed. */
    public synchronized boolean signLearned() {
        return dischargeVote != 0;
    }
}
