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

    private final String domain;
    private final double wrapRangeJ;
    private final long updatePeriodNs;
    private final Deque<Double> script = new ArrayDeque<>();
    private double last;
    int reads;

    ScriptedEnergyMeter(String domain, double wrapRangeJ, long updatePeriodNs, double... readings) {
        this.domain = domain;
        this.wrapRangeJ = wrapRangeJ;
        this.updatePeriodNs = updatePeriodNs;
        for (double reading : readings) {
            script.add(reading);
        }
    }

    synchronized ScriptedEnergyMeter then(double... readings) {
        for (double reading : readings) {
            script.add(reading);
        }
        return this;
    }

    @Override
    public String name() {
        return "scripted-" + domain;
    }

    @Override
    public String domain() {
        return domain;
    }

    @Override
    public double resolutionJ() {
        return 1e-6;
    }

    @Override
    public long updatePeriodNs() {
        return updatePeriodNs;
    }

    @Override
    public double wrapRangeJ() {
        return wrapRangeJ;
    }

    @Override
    public boolean estimated() {
        return false;
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
