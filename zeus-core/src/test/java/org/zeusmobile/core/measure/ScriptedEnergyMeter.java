package org.zeusmobile.core.measure;

import java.util.ArrayDeque;
import java.util.Deque;
import org.zeusmobile.core.device.DeviceException;

/**
 * A test meter that replays a script of raw counter readings, one per read: plain values,
 * wraps, NaN, negative values, stale repeats and read failures. When the script runs out it
 * keeps returning the last value (a stale sensor).
 */
final class ScriptedEnergyMeter implements EnergyMeter {

    /** A scripted reading that throws, as a sensor that has vanished does. */
    static final double UNREADABLE = -12345.678;

    private final Deque<Double> script = new ArrayDeque<>();
    private double last;
    int reads;
    private final MeterDescription description;

    ScriptedEnergyMeter(String domain, double wrapRangeJ, long updatePeriodNs, double... readings) {
        for (double reading : readings) {
            script.add(reading);
        }
        this.description = MeterDescription.energy("scripted-" + domain, domain, 1e-6, updatePeriodNs).wrapsAtJ(wrapRangeJ);
    }

    synchronized ScriptedEnergyMeter then(double... readings) {
        for (double reading : readings) {
            script.add(reading);
        }
        return this;
    }

    @Override
    public MeterDescription description() {
        return description;
    }

    @Override
    public synchronized double readJ() {
        reads++;
        if (!script.isEmpty()) {
            last = script.poll();
        }
        if (last == UNREADABLE) {
            throw new DeviceException("sensor vanished");
        }
        return last;
    }
}
