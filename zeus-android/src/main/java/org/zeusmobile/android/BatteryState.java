package org.zeusmobile.android;

import android.content.Context;
import android.content.Intent;
import android.content.IntentFilter;
import android.os.BatteryManager;
import org.zeusmobile.core.device.DeviceException;

/**
 * The battery facts an unprivileged app can read: the {@link BatteryManager} properties and the
 * sticky {@link Intent#ACTION_BATTERY_CHANGED} broadcast (voltage, temperature, plug state).
 * BatteryManager reports an unsupported property as {@link Integer#MIN_VALUE} or {@link Long#MIN_VALUE}.
 */
final class BatteryState {

    /** Above this, {@code EXTRA_VOLTAGE} is in µV rather than the documented mV (some vendors do that). */
    private static final int MICROVOLT_THRESHOLD = 100_000;

    private final Context context;
    private final BatteryManager batteryManager;

    BatteryState(Context context) {
        this.context = context;
        this.batteryManager = (BatteryManager) context.getSystemService(Context.BATTERY_SERVICE);
        if (batteryManager == null) {
            throw new DeviceException("this Android device has no BatteryManager service; no battery meter can be used");
        }
    }

    /** The battery's remaining energy in nWh, or {@link Long#MIN_VALUE} when the device does not report it. */
    long energyCounterNwh() {
        return batteryManager.getLongProperty(BatteryManager.BATTERY_PROPERTY_ENERGY_COUNTER);
    }

    /** The instantaneous battery current in µA (sign by vendor), or {@link Integer#MIN_VALUE} when unsupported. */
    int currentNowUa() {
        return batteryManager.getIntProperty(BatteryManager.BATTERY_PROPERTY_CURRENT_NOW);
    }

    /** The last {@code ACTION_BATTERY_CHANGED} broadcast, or null when none was sent yet. */
    Intent sticky() {
        return context.registerReceiver(null, new IntentFilter(Intent.ACTION_BATTERY_CHANGED));
    }

    /** Battery voltage in mV from the sticky broadcast; 0 or less when unknown. */
    static int voltageMv(Intent sticky) {
        if (sticky == null) {
            return -1;
        }
        int voltage = sticky.getIntExtra(BatteryManager.EXTRA_VOLTAGE, -1);
        return voltage > MICROVOLT_THRESHOLD ? voltage / 1000 : voltage;
    }

    /** True when no charger is plugged in, so every reading is a discharge. */
    static boolean unplugged(Intent sticky) {
        return sticky != null && sticky.getIntExtra(BatteryManager.EXTRA_PLUGGED, -1) == 0;
    }

    /** Battery temperature in °C ({@code EXTRA_TEMPERATURE} is in tenths of a degree), NaN when unknown. */
    static double temperatureC(Intent sticky) {
        if (sticky == null || !sticky.hasExtra(BatteryManager.EXTRA_TEMPERATURE)) {
            return Double.NaN;
        }
        return sticky.getIntExtra(BatteryManager.EXTRA_TEMPERATURE, 0) / 10.0;
    }
}
