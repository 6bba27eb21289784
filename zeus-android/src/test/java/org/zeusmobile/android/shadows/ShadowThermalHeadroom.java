package org.zeusmobile.android.shadows;

import android.os.PowerManager;
import java.util.HashMap;
import java.util.Map;
import org.robolectric.annotation.Implementation;
import org.robolectric.annotation.Implements;
import org.robolectric.annotation.Resetter;
import org.robolectric.shadows.ShadowPowerManager;

/** Robolectric's PowerManager shadow plus {@code getThermalHeadroom} (API 30), which it lacks. */
@Implements(PowerManager.class)
public class ShadowThermalHeadroom extends ShadowPowerManager {

    private static float headroom = Float.NaN;
    private static int calls;
    private static Map<Integer, Float> thresholds = new HashMap<>();

    /** What getThermalHeadroomThresholds (API 35) answers: thermal status to headroom. */
    public static synchronized void setThresholds(Map<Integer, Float> values) {
        thresholds = new HashMap<>(values);
    }

    public static synchronized void setHeadroom(float value) {
        headroom = value;
    }

    public static synchronized int calls() {
        return calls;
    }

    @Resetter
    public static synchronized void resetHeadroom() {
        headroom = Float.NaN;
        calls = 0;
        thresholds = new HashMap<>();
    }

    @Implementation(minSdk = 35)
    protected Map<Integer, Float> getThermalHeadroomThresholds() {
        synchronized (ShadowThermalHeadroom.class) {
            return new HashMap<>(thresholds);
        }
    }

    @Implementation(minSdk = 30)
    protected float getThermalHeadroom(int forecastSeconds) {
        synchronized (ShadowThermalHeadroom.class) {
            calls++;
            return headroom;
        }
    }
}
