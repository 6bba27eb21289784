package org.zeusmobile.android.shadows;

import android.os.OutcomeReceiver;
import android.os.PowerMonitor;
import android.os.PowerMonitorReadings;
import android.os.health.SystemHealthManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.robolectric.annotation.Implementation;
import org.robolectric.annotation.Implements;
import org.robolectric.annotation.Resetter;
import org.robolectric.shadows.ShadowSystemHealthManager;

/**
 * Android 15's SystemHealthManager power monitors, which Robolectric 4.14 does not shadow: tests add
 * monitors and set their cumulative energy (µW·s); the callbacks answer on the given executor.
 */
@Implements(SystemHealthManager.class)
public class ShadowPowerMonitors extends ShadowSystemHealthManager {

    private static final Map<String, PowerMonitor> MONITORS = new LinkedHashMap<>();
    private static final Map<String, Long> ENERGY_UWS = new LinkedHashMap<>();
    private static int fetches;

    /** Adds a monitor of {@code type} (PowerMonitor.POWER_MONITOR_TYPE_*) with 0 µW·s. */
    public static synchronized void addMonitor(String name, int type) {
        MONITORS.put(name, new PowerMonitor(MONITORS.size(), type, name));
        ENERGY_UWS.put(name, 0L);
    }

    public static synchronized void setEnergyUws(String name, long uws) {
        if (!MONITORS.containsKey(name)) {
            throw new IllegalArgumentException("no monitor " + name + "; add it first");
        }
        ENERGY_UWS.put(name, uws);
    }

    /** How many times getPowerMonitorReadings was called. */
    public static synchronized int fetches() {
        return fetches;
    }

    @Resetter
    public static synchronized void resetMonitors() {
        MONITORS.clear();
        ENERGY_UWS.clear();
        fetches = 0;
    }

    @Implementation(minSdk = 35)
    protected void getSupportedPowerMonitors(Executor executor, Consumer<List<PowerMonitor>> onResult) {
        final List<PowerMonitor> list;
        synchronized (ShadowPowerMonitors.class) {
            list = new ArrayList<>(MONITORS.values());
        }
        executor.execute(() -> onResult.accept(list));
    }

    @Implementation(minSdk = 35)
    protected void getPowerMonitorReadings(List<PowerMonitor> monitors, Executor executor,
            OutcomeReceiver<PowerMonitorReadings, RuntimeException> onResult) {
        PowerMonitor[] array = monitors.toArray(new PowerMonitor[0]);
        long[] energy = new long[array.length];
        long[] timestamps = new long[array.length];
        synchronized (ShadowPowerMonitors.class) {
            fetches++;
            for (int i = 0; i < array.length; i++) {
                energy[i] = ENERGY_UWS.get(array[i].getName());
            }
        }
        PowerMonitorReadings readings = new PowerMonitorReadings(array, energy, timestamps);
        executor.execute(() -> onResult.onResult(readings));
    }
}
