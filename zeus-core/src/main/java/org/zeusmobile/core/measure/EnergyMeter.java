package org.zeusmobile.core.measure;

/**
 * A cumulative energy counter for one domain, such as RAPL's {@code energy_uj}, an ODPM rail or
 * a fuel gauge's energy counter. Adapters convert to joules at their boundary.
 */
public interface EnergyMeter {

    /** The meter's name, e.g. {@code intel-rapl:0} or {@code battery}. */
    String name();

    /** What it measures: {@code total}, {@code cpu}, {@code gpu}, {@code mem}, {@code soc} or a rail name. */
    String domain();

    /** The smallest step the counter can show, in J. */
    double resolutionJ();

    /** How often the counter's value changes, in ns. */
    long updatePeriodNs();

    /** The value at which the counter wraps back to zero, in J; {@link Double#POSITIVE_INFINITY} when it never wraps. */
    double wrapRangeJ();

    /** True when the value is modelled rather than measured (e.g. CPU power from CPU time). */
    boolean estimated();

    /**
     * The raw counter now, in J. May wrap; a broken sensor may return NaN or a negative value,
     * which the {@link Monitor} flags. Throws {@link org.zeusmobile.core.device.DeviceException}
     * when the sensor cannot be read at all.
     */
    double readJ();
}
