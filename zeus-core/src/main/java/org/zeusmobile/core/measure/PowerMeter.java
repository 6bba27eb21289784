package org.zeusmobile.core.measure;

/**
 * An instantaneous power reading for one domain (an INA3221 rail, hwmon, or a fuel gauge's
 * current times voltage). The {@link Monitor} integrates it into energy.
 */
public interface PowerMeter {

    /** What the meter is: name, domain, resolution, update period, estimated or measured. */
    MeterDescription description();

    default String name() {
        return description().name();
    }

    /** What it measures: {@code total}, {@code cpu}, {@code gpu}, {@code mem}, {@code soc} or a rail name. */
    default String domain() {
        return description().domain();
    }

    /** The smallest step the reading can show, in W. */
    default double resolutionW() {
        return description().resolutionW();
    }

    /** How often the reading changes, in ns. */
    default long updatePeriodNs() {
        return description().updatePeriodNs();
    }

    /** True when the value is modelled rather than measured. */
    default boolean estimated() {
        return description().estimated();
    }

    /**
     * The power now, in W. A broken sensor may return NaN or a negative value, which the
     * {@link Monitor} flags. Throws {@link org.zeusmobile.core.device.DeviceException} when it
     * cannot be read at all.
     */
    double readW();
}
