package org.zeusmobile.core.device;

/** A temperature reading, such as a thermal zone found by its type or the GPU's own sensor. */
public interface ThermalSensor {

    /** The sensor's name, e.g. the thermal zone's type ({@code gpuss-0}). */
    String name();

    /** The temperature now in degrees Celsius; throws {@link DeviceException} when it cannot be read. */
    double readCelsius();
}
