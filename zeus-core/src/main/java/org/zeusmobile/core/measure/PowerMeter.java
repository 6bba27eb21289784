package org.zeusmobile.core.measure;

/**
 * An instantaneous power reading for one domain (an INA3221 rail, hwmon, or a fuel gauge's
 * current times voltage). The {@link Monitor} integrates it into energy.
 */
public interface PowerMeter {

    String name();

    /** What it measures: {@code total}, {@code cpu}, {@code gpu}, {@code mem}, {@code soc} or a rail name. */
    String domain();

    /** The smallest step the reading can show, in W. */
    double resolutionW();

    /** How often the reading changes, in ns. */
    long updatePeriodNs();

    /** True when the value is modelled rather than measured. */
    boolean estimated();

    /**
     * The power now, in W. A broken sensor may return NaN or a negative value, which the
     * {@link Monitor} flags. Throws {@link org.zeusmobile.core.device.DeviceException} when it
     * cannot be read at all.
     */
    double readW();
}
