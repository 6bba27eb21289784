package org.zeusmobile.core.device;

import java.util.Collections;
import java.util.List;
import org.zeusmobile.core.Clock;
import org.zeusmobile.core.measure.EnergyMeter;
import org.zeusmobile.core.measure.PowerMeter;

/**
 * What the optimizer sees of a machine: its knobs, meters and thermal sensors.
 * Implemented by the simulator, the sysfs backends, Android and the host.
 *
 * <p>Every implementation passes the device test kit ({@code DeviceTck} in zeus-device-tck).
 */
public interface Device extends AutoCloseable {

    DeviceInfo info();

    /** The knobs, in a stable order. */
    List<Knob> knobs();

    /** The knob called {@code name}; an unknown name is an error that lists the known ones. */
    default Knob knob(String name) {
        StringBuilder known = new StringBuilder();
        for (Knob knob : knobs()) {
            if (knob.name().equals(name)) {
                return knob;
            }
            known.append(known.length() == 0 ? "" : ", ").append(knob.name());
        }
        throw new IllegalArgumentException("device " + info().name() + " has no knob '" + name
                + "'; its knobs: " + known);
    }

    /** The value the knob has now, read back from the device (Hz for frequencies). */
    long current(String knob);

    /** The governor that drives the knob now ({@code userspace} once pinned), or null where the knob has none. */
    String governor(String knob);

    /**
     * Pins every knob {@code configuration} names to its value and returns every other knob to
     * its original state. An unknown knob or illegal value throws {@link IllegalArgumentException}
     * before anything is touched. Implementations remember the original state before the first write.
     */
    void apply(Configuration configuration);

    /** Returns every knob changed since this device was opened to its original value and governor. */
    void restore();

    /**
     * Restores like {@link #restore()} and returns the names of the knobs it put back: empty when nothing had
     * changed, or when the device does not keep track (the simulator, whose state ends with the process).
     */
    default List<String> restoreAndList() {
        restore();
        return Collections.emptyList();
    }

    /**
     * What the device found and could not use, and why: a knob whose files hold garbage, a sensor that cannot
     * be read, energy counters that need root. Empty when everything found works.
     */
    default List<String> problems() {
        return Collections.emptyList();
    }

    List<EnergyMeter> energyMeters();

    List<PowerMeter> powerMeters();

    List<ThermalSensor> thermalSensors();

    /** The device's time base: wall time on hardware, simulated time in the simulator. */
    Clock clock();

    /** The device's maximum power draw in W: the P_max that puts time and energy in one cost unit. */
    double maxPowerW();

    /** Restores every changed knob and releases the device. */
    @Override
    void close();
}
