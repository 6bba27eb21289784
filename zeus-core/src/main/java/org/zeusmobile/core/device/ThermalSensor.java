package org.zeusmobile.core.device;

/** A temperature reading, such as a thermal zone found by its type or the GPU's own sensor. */
public interface ThermalSensor {

    /** The sensor's name, e.g. the thermal zone's type ({@code gpuss-0}). */
    String name();

    /** The temperature now in degrees Celsius; throws {@link DeviceException} when it cannot be read. */
    double readCelsius();

    /**
     * The temperatures in °C at which firmware throttles because of this sensor (its zone's passive trip
     * points), ascending; empty when unknown. Each one is a step of throttling: a strategy keeps clear of
     * the next one above the current temperature by watching the headroom to it.
     */
    default double[] tripPointsC() {
        return new double[0];
    }
}
