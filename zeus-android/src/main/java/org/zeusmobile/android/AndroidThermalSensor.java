package org.zeusmobile.android;

import android.content.Context;
import android.os.Build;
import android.os.PowerManager;
import java.util.Map;
import org.codehaus.mojo.animal_sniffer.IgnoreJRERequirement;
import org.zeusmobile.core.Clock;
import org.zeusmobile.core.device.DeviceException;
import org.zeusmobile.core.device.ThermalSensor;

/**
 * What Android tells an unprivileged app about heat: the battery temperature (the only temperature in
 * °C the public API gives, from the sticky battery broadcast), {@link PowerManager#getCurrentThermalStatus()}
 * (API 29) and {@link PowerManager#getThermalHeadroom(int)} (API 30).
 *
 * <p>The headroom is the early warning: 1.0 means the device is (or, for a forecast, will be) throttled at
 * {@code THERMAL_STATUS_SEVERE}; a strategy can back off as it approaches 1 before throttling starts.
 * Android answers NaN when the headroom is asked for more often than about once a second, so readings
 * are reused for {@link #HEADROOM_REUSE_NS}.
 */
public final class AndroidThermalSensor implements ThermalSensor {

    /**
     * Degrees per unit of headroom: AOSP's ThermalManagerService (TemperatureWatcher) pins 1.0 at the
     * SEVERE threshold's temperature and 0.0 at 30 °C below it, linear in between.
     */
    static final double DEGREES_PER_HEADROOM = 30.0;

    /** Android rate-limits getThermalHeadroom (PowerManager docs: at most about once per second). */
    static final long HEADROOM_REUSE_NS = 1_000_000_000L;
    /** The thermal status when the API is missing (below API 29); PowerManager.THERMAL_STATUS_NONE is 0. */
    public static final int STATUS_UNKNOWN = -1;

    private final BatteryState battery;
    private final PowerManager powerManager;
    private final Clock clock;
    private float lastHeadroom = Float.NaN;
    private int lastForecastS = -1;
    private long lastHeadroomNs;
    private float firstThrottlingHeadroom = Float.NaN;

    AndroidThermalSensor(Context context, BatteryState battery, Clock clock) {
        this.battery = battery;
        this.powerManager = (PowerManager) context.getSystemService(Context.POWER_SERVICE);
        this.clock = clock;
    }

    @Override
    public String name() {
        return "battery";
    }

    /** The battery temperature in °C; throws when the battery broadcast carries none. */
    @Override
    public double readCelsius() {
        double celsius = BatteryState.temperatureC(battery.sticky());
        if (Double.isNaN(celsius)) {
            throw new DeviceException("the ACTION_BATTERY_CHANGED broadcast carries no EXTRA_TEMPERATURE; "
                    + "use thermalStatus() and headroom() instead");
        }
        return celsius;
    }

    /** {@code PowerManager.THERMAL_STATUS_*} now (0 none ... 6 shutdown), or {@link #STATUS_UNKNOWN} below API 29. */
    @IgnoreJRERequirement
    public int thermalStatus() {
        if (Build.VERSION.SDK_INT < 29 || powerManager == null) {
            return STATUS_UNKNOWN;
        }
        return powerManager.getCurrentThermalStatus();
    }

    /**
     * The thermal headroom forecast {@code forecastSeconds} ahead (0 = now): 1.0 is the
     * {@code THERMAL_STATUS_SEVERE} throttling point. NaN where unknown (below API 30, or unsupported).
     */
    @IgnoreJRERequirement
    public synchronized float headroom(int forecastSeconds) {
        if (forecastSeconds < 0 || forecastSeconds > 60) {
            throw new IllegalArgumentException("headroom forecast must be 0 to 60 s (Android's range), got "
                    + forecastSeconds + " s");
        }
        if (Build.VERSION.SDK_INT < 30 || powerManager == null) {
            return Float.NaN;
        }
        long now = clock.nanoTime();
        if (forecastSeconds == lastForecastS && lastHeadroomNs != 0 && now - lastHeadroomNs < HEADROOM_REUSE_NS) {
            return lastHeadroom;
        }
        float headroom = powerManager.getThermalHeadroom(forecastSeconds);
        // A NaN from the rate limit should not wipe a good recent value.
        if (!Float.isNaN(headroom) || lastForecastS != forecastSeconds) {
            lastHeadroom = headroom;
        }
        lastForecastS = forecastSeconds;
        lastHeadroomNs = now == 0 ? 1 : now;
        return lastHeadroom;
    }

    /**
     * °C left before Android starts throttling, from the headroom forecast {@code forecastSeconds} ahead: to
     * the LIGHT status where Android 15 reports its thresholds (else MODERATE, else SEVERE at 1.0), at
     * {@link #DEGREES_PER_HEADROOM} °C per unit. Negative when past it; NaN where the headroom is unknown.
     * What the hybrid's thermal guard watches ({@code Observation#thermalHeadroomC}).
     */
    public synchronized double headroomC(int forecastSeconds) {
        float headroom = headroom(forecastSeconds);
        if (Float.isNaN(headroom)) {
            return Double.NaN;
        }
        return (firstThrottlingHeadroom() - headroom) * DEGREES_PER_HEADROOM;
    }

    /** The headroom at which the first throttling status starts (read once). */
    @IgnoreJRERequirement
    private float firstThrottlingHeadroom() {
        if (Float.isNaN(firstThrottlingHeadroom)) {
            firstThrottlingHeadroom = 1.0f;
            if (Build.VERSION.SDK_INT >= 35 && powerManager != null) {
                try {
                    Map<Integer, Float> thresholds = powerManager.getThermalHeadroomThresholds();
                    for (int status : new int[] {PowerManager.THERMAL_STATUS_MODERATE, PowerManager.THERMAL_STATUS_LIGHT}) {
                        Float threshold = thresholds == null ? null : thresholds.get(status);
                        if (threshold != null && threshold > 0 && threshold <= 1) {
                            firstThrottlingHeadroom = threshold;
                        }
                    }
                } catch (RuntimeException e) {
                    // A framework without the thresholds service: SEVERE is the documented fixed point.
                }
            }
        }
        return firstThrottlingHeadroom;
    }
}
