package org.zeusmobile.core.measure;

/**
 * A cumulative energy counter for one domain, such as RAPL's {@code energy_uj}, an ODPM rail or
 * a fuel gauge's energy counter. Adapters convert to joules at their boundary.
 */
public interface EnergyMeter {

    /** What the meter is: name, domain, resolution, update period, wrap range, estimated or measured. */
    MeterDescription description();

    /** The meter's name, e.g. {@code intel-rapl:0} or {@code battery}. */
    default String name() {
        return description().name();
    }

    /** What it measures: {@code total}, {@code cpu}, {@code gpu}, {@code mem}, {@code soc} or a rail name. */
    default String domain() {
        return description().domain();
    }

    /** The smallest step the counter can show, in J. */
    default double resolutionJ() {
        return description().resolutionJ();
    }

    /** How often the counter's value changes, in ns. */
    default long updatePeriodNs() {
        return description().updatePeriodNs();
    }

    /** The value at which the counter wraps back to zero, in J; {@link Double#POSITIVE_INFINITY} when it never wraps. */
    default double wrapRangeJ() {
        return description().wrapRangeJ();
    }

    /** True when the value is modelled rather than measured (e.g. CPU power from CPU time). */
    default boolean estimated() {
        return description().estimated();
    }

    /**
     * The raw counter now, in J. May wrap; a broken sensor may return NaN or a negative value,
     * which the {@link Monitor} flags. Throws {@link org.zeusmobile.core.device.DeviceException}
     * when the sensor cannot be read at all.
     */
    double readJ();
}
