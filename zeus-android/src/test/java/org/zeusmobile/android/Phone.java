package org.zeusmobile.android;

import static org.robolectric.Shadows.shadowOf;

import android.content.Context;
import android.content.Intent;
import android.os.BatteryManager;
import org.robolectric.RuntimeEnvironment;

/** The simulated phone of a Robolectric test: its battery gauge and battery broadcast. */
final class Phone {

    final Context context = RuntimeEnvironment.getApplication();
    private final BatteryManager batteryManager = (BatteryManager) context.getSystemService(Context.BATTERY_SERVICE);

    Phone energyCounterNwh(long nwh) {
        shadowOf(batteryManager).setLongProperty(BatteryManager.BATTERY_PROPERTY_ENERGY_COUNTER, nwh);
        return this;
    }

    Phone currentNowUa(int ua) {
        shadowOf(batteryManager).setIntProperty(BatteryManager.BATTERY_PROPERTY_CURRENT_NOW, ua);
        return this;
    }

    /** Sends the sticky ACTION_BATTERY_CHANGED broadcast; plugged 0 means on battery. */
    Phone battery(int voltageMv, int plugged, int temperatureTenthsC) {
        context.sendStickyBroadcast(new Intent(Intent.ACTION_BATTERY_CHANGED)
                .putExtra(BatteryManager.EXTRA_VOLTAGE, voltageMv)
                .putExtra(BatteryManager.EXTRA_PLUGGED, plugged)
                .putExtra(BatteryManager.EXTRA_TEMPERATURE, temperatureTenthsC));
        return this;
    }
}
