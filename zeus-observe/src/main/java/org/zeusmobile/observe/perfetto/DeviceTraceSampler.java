package org.zeusmobile.observe.perfetto;

import java.util.HashMap;
import java.util.Map;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.device.DeviceException;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.device.ThermalSensor;
import org.zeusmobile.core.measure.EnergyMeter;
import org.zeusmobile.core.measure.PowerMeter;
import org.zeusmobile.observe.Readings;

/**
 * Samples a device into a {@link PerfettoTrace} while something runs outside the controller (the
 * {@code measure} command): each energy meter's energy since the start (J, counter wraps added back), each power
 * meter (W), each thermal sensor (°C) and each knob as the device reports it, every sampling period, under a
 * group track with one slice for the whole span. A reading that fails is skipped; a trace that cannot be written
 * stops the sampling and is kept as {@link #failure()}, never thrown into the measured run.
 */
public final class DeviceTraceSampler implements AutoCloseable {

    /** Sampling period bounds: as often as the fastest meter updates, within these. */
    static final long MIN_PERIOD_NS = 10_000_000L;
    static final long MAX_PERIOD_NS = 1_000_000_000L;

    private final PerfettoTrace trace;
    private final Device device;
    private final long startNs;
    private final long periodNs;
    private final long group;
    private final long spans;
    private final Map<String, Long> tracks = new HashMap<>();
    private final Map<EnergyMeter, double[]> energy = new HashMap<>(); // first reading, last reading, wraps in J
    private final Thread thread;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    private DeviceTraceSampler(PerfettoTrace trace, Device device, String name) {
        this.trace = trace;
        this.device = device;
        this.startNs = device.clock().nanoTime();
        this.periodNs = periodNs(device);
        this.group = trace.group(0, name + " on " + device.info().name());
        this.spans = trace.eventTrack(group, "span");
        trace.begin(spans, 0, name, null);
        sample();
        thread = new Thread(this::loop, "zeus-perfetto-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts sampling {@code device} now, under a group track called {@code name}. */
    public static DeviceTraceSampler start(PerfettoTrace trace, Device device, String name) {
        return new DeviceTraceSampler(trace, device, name);
    }

    /** As often as the fastest meter updates, between 10 ms and 1 s. */
    static long periodNs(Device device) {
        long fastest = MAX_PERIOD_NS;
        for (EnergyMeter meter : device.energyMeters()) {
            fastest = Math.min(fastest, meter.updatePeriodNs());
        }
        for (PowerMeter meter : device.powerMeters()) {
            fastest = Math.min(fastest, meter.updatePeriodNs());
        }
        return Math.max(MIN_PERIOD_NS, fastest);
    }

    /** The first failure to write the trace, or null. */
    public RuntimeException failure() {
        return failure;
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(periodNs / 1_000_000L);
            } catch (InterruptedException e) {
                return;
            }
            if (running) {
                sample();
            }
        }
    }

    private synchronized void sample() {
        if (failure != null) {
            return;
        }
        try {
            long at = device.clock().nanoTime() - startNs;
            for (EnergyMeter meter : device.energyMeters()) {
                Double joules = energySinceStartJ(meter);
                if (joules != null) {
                    trace.counter(track("energy " + meter.domain(), "J"), at, joules);
                }
            }
            for (PowerMeter meter : device.powerMeters()) {
                double watts = read(meter);
                if (!Double.isNaN(watts)) {
                    trace.counter(track("power " + meter.domain(), "W"), at, watts);
                }
            }
            for (ThermalSensor sensor : device.thermalSensors()) {
                double celsius = read(sensor);
                if (!Double.isNaN(celsius)) {
                    trace.counter(track("temperature " + sensor.name(), "°C"), at, celsius);
                }
            }
            for (Map.Entry<Knob, Long> knob : Readings.knobs(device).entrySet()) {
                trace.counter(track(knob.getKey().name(), knob.getKey().unit() == Knob.Unit.HZ ? "Hz" : ""), at,
                        knob.getValue());
            }
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    /** J since the first reading, a wrap (the counter fell) adding the meter's range back; null when unread. */
    private Double energySinceStartJ(EnergyMeter meter) {
        double reading;
        try {
            reading = meter.readJ();
        } catch (DeviceException e) {
            return null;
        }
        if (Double.isNaN(reading)) {
            return null;
        }
        double[] state = energy.get(meter);
        if (state == null) {
            energy.put(meter, new double[] {reading, reading, 0});
            return 0.0;
        }
        if (reading < state[1] && !Double.isInfinite(meter.wrapRangeJ())) {
            state[2] += meter.wrapRangeJ();
        }
        state[1] = reading;
        return reading - state[0] + state[2];
    }

    private static double read(PowerMeter meter) {
        try {
            return meter.readW();
        } catch (DeviceException e) {
            return Double.NaN;
        }
    }

    private static double read(ThermalSensor sensor) {
        try {
            return sensor.readCelsius();
        } catch (DeviceException e) {
            return Double.NaN;
        }
    }

    private long track(String name, String unit) {
        Long uuid = tracks.get(name);
        if (uuid == null) {
            uuid = trace.counterTrack(group, name, unit);
            tracks.put(name, uuid);
        }
        return uuid;
    }

    /** Takes a last sample and ends the span; the trace stays open for its owner to close. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
        synchronized (this) {
            if (failure == null) {
                try {
                    trace.end(spans, device.clock().nanoTime() - startNs);
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
        }
    }
}
