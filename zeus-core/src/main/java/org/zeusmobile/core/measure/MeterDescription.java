package org.zeusmobile.core.measure;

/**
 * What a meter is, apart from its readings: its name, the domain it measures, the smallest step it shows, how often
 * it updates, where an energy counter wraps, and whether it is modelled rather than measured. Immutable; checked
 * when made, so that a meter built on it cannot declare a step or period the {@link Monitor} cannot use.
 *
 * <pre>
 * MeterDescription.energy("intel-rapl:0", "package", 1e-6, 1_000_000L).wrapsAtJ(262_143.3)
 * MeterDescription.power("VDD_IN", "total", 0.001, 10_000_000L)
 * MeterDescription.energy("cpu-load-estimate", "cpu", 0.0085, 10_000_000L).asEstimate()
 * </pre>
 */
public final class MeterDescription {

    private final String name;
    private final String domain;
    private final boolean energy;
    private final double resolution;
    private final long updatePeriodNs;
    private final double wrapRangeJ;
    private final boolean estimated;

    private MeterDescription(String name, String domain, boolean energy, double resolution, long updatePeriodNs,
            double wrapRangeJ, boolean estimated) {
        this.name = requireText(name, "name", name);
        this.domain = requireText(domain, "domain", name);
        if (!(resolution > 0) || Double.isInfinite(resolution)) {
            throw new IllegalArgumentException("meter " + name + ": the resolution must be a positive number of "
                    + (energy ? "J" : "W") + ", got " + resolution);
        }
        if (updatePeriodNs <= 0) {
            throw new IllegalArgumentException("meter " + name + ": the update period must be positive, got "
                    + updatePeriodNs + " ns");
        }
        if (!(wrapRangeJ > 0)) {
            throw new IllegalArgumentException("meter " + name + ": the wrap range must be positive (infinite when the "
                    + "counter never wraps), got " + wrapRangeJ + " J");
        }
        this.energy = energy;
        this.resolution = resolution;
        this.updatePeriodNs = updatePeriodNs;
        this.wrapRangeJ = wrapRangeJ;
        this.estimated = estimated;
    }

    private static String requireText(String value, String what, String meter) {
        if (value == null || value.trim().isEmpty()) {
            throw new IllegalArgumentException("a meter's " + what + " must not be empty (meter " + meter + ")");
        }
        return value;
    }

    /** A cumulative energy counter that never wraps, measured (not modelled). */
    public static MeterDescription energy(String name, String domain, double resolutionJ, long updatePeriodNs) {
        return new MeterDescription(name, domain, true, resolutionJ, updatePeriodNs, Double.POSITIVE_INFINITY, false);
    }

    /** An instantaneous power reading, measured (not modelled). */
    public static MeterDescription power(String name, String domain, double resolutionW, long updatePeriodNs) {
        return new MeterDescription(name, domain, false, resolutionW, updatePeriodNs, Double.POSITIVE_INFINITY, false);
    }

    /** The same energy counter, wrapping back to zero at {@code wrapRangeJ}. */
    public MeterDescription wrapsAtJ(double wrapRangeJ) {
        if (!energy) {
            throw new IllegalStateException("meter " + name + " reads power: only energy counters wrap");
        }
        return new MeterDescription(name, domain, true, resolution, updatePeriodNs, wrapRangeJ, estimated);
    }

    /** The same meter, marked as modelled rather than measured (e.g. CPU power from CPU time). */
    public MeterDescription asEstimate() {
        return new MeterDescription(name, domain, energy, resolution, updatePeriodNs, wrapRangeJ, true);
    }

    public String name() {
        return name;
    }

    public String domain() {
        return domain;
    }

    /** True for an energy counter, false for a power reading. */
    public boolean energy() {
        return energy;
    }

    /** The smallest step an energy counter can show, J. */
    public double resolutionJ() {
        if (!energy) {
            throw new IllegalStateException("meter " + name + " reads power: its resolution is resolutionW()");
        }
        return resolution;
    }

    /** The smallest step a power reading can show, W. */
    public double resolutionW() {
        if (energy) {
            throw new IllegalStateException("meter " + name + " counts energy: its resolution is resolutionJ()");
        }
        return resolution;
    }

    public long updatePeriodNs() {
        return updatePeriodNs;
    }

    /** Where an energy counter wraps back to zero, J; infinite when it never does (and for power readings). */
    public double wrapRangeJ() {
        return wrapRangeJ;
    }

    public boolean estimated() {
        return estimated;
    }

    @Override
    public String toString() {
        return name + " (" + domain + ", " + (energy ? "energy" : "power") + (estimated ? ", estimated" : "") + ")";
    }
}
