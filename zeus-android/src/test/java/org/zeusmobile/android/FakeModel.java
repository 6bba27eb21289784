package org.zeusmobile.android;

import static org.robolectric.Shadows.shadowOf;

import android.content.Context;
import android.os.BatteryManager;
import org.robolectric.RuntimeEnvironment;
import org.zeusmobile.core.ManualClock;

/**
 * A fake inference for the optimizer tests: a batch of b inputs on t threads takes
 * {@code 5 ms + b x 40 ms / t} and draws {@code 1.0 W + 0.8 W x t}; it advances the manual clock by that
 * latency and drains that energy from the simulated battery's energy counter, so the optimizer measures
 * it through the real BatteryEnergyMeter. (Made-up coefficients: the shape, more threads faster but
 * hungrier and batching amortising a fixed cost, is what matters.)
 */
final class FakeModel {

    static final long START_NWH = 40_000_000_000L;

    private final ManualClock clock;
    private final BatteryManager batteryManager;
    private double drainedJ;
    private int calls;

    FakeModel(ManualClock clock) {
        this.clock = clock;
        Context context = RuntimeEnvironment.getApplication();
        this.batteryManager = (BatteryManager) context.getSystemService(Context.BATTERY_SERVICE);
        shadowOf(batteryManager).setLongProperty(BatteryManager.BATTERY_PROPERTY_ENERGY_COUNTER, START_NWH);
    }

    static double latencyS(int threads, int batch) {
        return 0.005 + batch * 0.040 / threads;
    }

    static double powerW(int threads) {
        return 1.0 + 0.8 * threads;
    }

    static double energyPerInferenceJ(int threads, int batch) {
        return powerW(threads) * latencyS(threads, batch) / batch;
    }

    synchronized int calls() {
        return calls;
    }

    synchronized double drainedJ() {
        return drainedJ;
    }

    /** Runs one batch: returns the batch's outputs (one per input). */
    synchronized float[] run(int threads, int batch) {
        calls++;
        double latencyS = latencyS(threads, batch);
        clock.advance(Math.round(latencyS * 1e9));
        drainedJ += powerW(threads) * latencyS;
        shadowOf(batteryManager).setLongProperty(BatteryManager.BATTERY_PROPERTY_ENERGY_COUNTER,
                START_NWH - Math.round(drainedJ / 3.6e-6));
        return new float[batch];
    }
}
