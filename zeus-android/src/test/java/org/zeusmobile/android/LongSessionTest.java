package org.zeusmobile.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.robolectric.Shadows.shadowOf;

import android.content.Context;
import android.content.Intent;
import android.os.BatteryManager;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.annotation.Config;
import org.zeusmobile.android.shadows.ShadowHintManager;
import org.zeusmobile.android.shadows.ShadowHintSession;
import org.zeusmobile.android.shadows.ShadowPowerMonitors;
import org.zeusmobile.android.shadows.ShadowThermalHeadroom;
import org.zeusmobile.android.shadows.TestShadows;
import org.zeusmobile.core.ManualClock;
import org.zeusmobile.core.measure.Monitor;

/**
 * An app that keeps the facade running for days on a phone whose fuel gauge glitches: every few dozen
 * inferences the energy counter reads garbage (unsupported, a jump beyond physics, a value above the start).
 * The monitor's record of those problems must stay bounded, however many windows pass.
 */
@RunWith(RobolectricTestRunner.class)
@Config(sdk = 35, shadows = {ShadowPowerMonitors.class, ShadowThermalHeadroom.class, ShadowHintManager.class,
        ShadowHintSession.class})
public class LongSessionTest {

    private static final int WINDOWS = 2_000;

    private final ManualClock clock = new ManualClock(5_000_000_000L);
    private FakeModel model;
    private BatteryManager batteryManager;

    @Before
    public void phone() {
        TestShadows.reset();
        model = new FakeModel(clock);
        Context context = RuntimeEnvironment.getApplication();
        batteryManager = (BatteryManager) context.getSystemService(Context.BATTERY_SERVICE);
        context.sendStickyBroadcast(new Intent(Intent.ACTION_BATTERY_CHANGED).putExtra(BatteryManager.EXTRA_VOLTAGE, 3900)
                .putExtra(BatteryManager.EXTRA_PLUGGED, 0).putExtra(BatteryManager.EXTRA_TEMPERATURE, 310));
    }

    /** One of three kinds of garbage, in turn: what the glitching gauge reads instead of the counter. */
    private static long glitch(long n) {
        switch ((int) (n % 3)) {
            case 0:
                return 0; // "unsupported": the meter cannot be read
            case 1:
                return 1_000; // almost empty at once: 144 kJ in a second, beyond any phone
            default:
                return FakeModel.START_NWH * 3; // more than the battery held at the start
        }
    }

    @Test
    public void aGlitchingFuelGaugeOverThousandsOfWindowsKeepsTheMonitorsProblemsBounded() throws Exception {
        AndroidDevice device = AndroidDevice.builder(RuntimeEnvironment.getApplication()).threads(1, 2, 4)
                .batchSizes(1, 2, 4, 8).clock(clock).maxPowerW(5.0).build();
        EnergyOptimizer optimizer = EnergyOptimizer.builder(device).sloMs(60).eta(0.5).windowNs(2_000_000_000L)
                .executor(Runnable::run).strategy((space, objective) -> new SweepStrategy(space.knobs(), objective)).build();
        long calls = 0;
        long glitches = 0;
        int mostEntries = 0;
        while (optimizer.statistics().windows() + optimizer.statistics().invalidWindows() < WINDOWS) {
            final boolean garbage = ++calls % 37 == 0;
            final long reading = glitch(glitches);
            optimizer.run(settings -> {
                float[] out = model.run(settings.threads(), settings.batch());
                if (garbage) { // read by the window that this call may close
                    shadowOf(batteryManager).setLongProperty(BatteryManager.BATTERY_PROPERTY_ENERGY_COUNTER, reading);
                }
                return out;
            });
            glitches += garbage ? 1 : 0;
            for (int entries : optimizer.monitorProblemEntries().values()) {
                mostEntries = Math.max(mostEntries, entries);
            }
        }
        OptimizerStatistics stats = optimizer.statistics();
        optimizer.close();

        assertThat(glitches).as("garbage readings fed to the gauge").isGreaterThan(WINDOWS / 4);
        assertThat(stats.invalidWindows()).as("windows the glitches spoiled, reported as such").isPositive();
        assertThat(stats.windows()).as("windows measured between glitches").isGreaterThan(WINDOWS / 4);
        assertThat(mostEntries).as("problem entries the monitor ever held for the gauge")
                .isLessThanOrEqualTo(Monitor.MAX_PROBLEMS);
        assertThat(clock.nanoTime() / 3.6e12).as("hours of simulated session").isGreaterThan(1.0);
    }
}
