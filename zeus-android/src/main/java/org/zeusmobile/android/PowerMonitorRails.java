package org.zeusmobile.android;

import android.os.OutcomeReceiver;
import android.os.PowerMonitor;
import android.os.PowerMonitorReadings;
import android.os.health.SystemHealthManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.codehaus.mojo.animal_sniffer.IgnoreJRERequirement;
import org.zeusmobile.core.Clock;
import org.zeusmobile.core.device.DeviceException;

/**
 * Android 15's {@link SystemHealthManager} power monitors (ODPM rails and modelled consumers):
 * cumulative energy in µW·s per monitor. The API answers through callbacks; this class waits for
 * them (bounded), so call it off the UI thread. One fetch reads every rail and is shared by the
 * rails' meters for {@link #SHARE_WINDOW_NS}, so a Monitor window costs one binder call, not one per rail.
 * Only for API 35 and above.
 */
@IgnoreJRERequirement
final class PowerMonitorRails {

    static final long TIMEOUT_MS = 1_000;
    /** Readings younger than this are reused: the meters of one Monitor snapshot read them together. */
    static final long SHARE_WINDOW_NS = 2_000_000L;

    private final SystemHealthManager manager;
    private final List<PowerMonitor> monitors;
    private final Clock clock;
    private PowerMonitorReadings last;
    private long lastNs;

    PowerMonitorRails(SystemHealthManager manager, List<PowerMonitor> monitors, Clock clock) {
        this.manager = manager;
        this.monitors = Collections.unmodifiableList(new ArrayList<>(monitors));
        this.clock = clock;
    }

    List<PowerMonitor> monitors() {
        return monitors;
    }

    /** The monitors the device supports; an empty list when it has none. */
    static List<PowerMonitor> supported(SystemHealthManager manager) {
        final CountDownLatch done = new CountDownLatch(1);
        final AtomicReference<List<PowerMonitor>> result = new AtomicReference<>();
        manager.getSupportedPowerMonitors(Runnable::run, list -> {
            result.set(list);
            done.countDown();
        });
        await(done, "getSupportedPowerMonitors");
        List<PowerMonitor> list = result.get();
        return list == null ? Collections.<PowerMonitor>emptyList() : list;
    }

    /** The cumulative energy of {@code monitor} in µW·s, or {@link PowerMonitorReadings#ENERGY_UNAVAILABLE}. */
    synchronized long energyUws(PowerMonitor monitor) {
        long now = clock.nanoTime();
        if (last == null || now - lastNs > SHARE_WINDOW_NS) {
            last = fetch();
            lastNs = now;
        }
        return last.getConsumedEnergy(monitor);
    }

    private PowerMonitorReadings fetch() {
        final CountDownLatch done = new CountDownLatch(1);
        final AtomicReference<PowerMonitorReadings> readings = new AtomicReference<>();
        final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        manager.getPowerMonitorReadings(monitors, Runnable::run,
                new OutcomeReceiver<PowerMonitorReadings, RuntimeException>() {
                    @Override
                    public void onResult(PowerMonitorReadings result) {
                        readings.set(result);
                        done.countDown();
                    }

                    @Override
                    public void onError(RuntimeException error) {
                        failure.set(error);
                        done.countDown();
                    }
                });
        await(done, "getPowerMonitorReadings");
        if (failure.get() != null) {
            throw new DeviceException("SystemHealthManager.getPowerMonitorReadings failed: " + failure.get().getMessage()
                    + "; the rails cannot be read now", failure.get());
        }
        return readings.get();
    }

    private static void await(CountDownLatch done, String call) {
        try {
            if (!done.await(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                throw new DeviceException("SystemHealthManager." + call + " did not answer within " + TIMEOUT_MS
                        + " ms; do not call it from a thread its callback needs (e.g. the main thread)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceException("interrupted while waiting for SystemHealthManager." + call, e);
        }
    }
}
