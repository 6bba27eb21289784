package org.zeusmobile.core.measure;

import java.util.Collections;
import java.util.List;

/** The energy one domain used during a measurement window, with everything that makes the number doubtful. */
public final class DomainEnergy {

    private final String domain;
    private final String meter;
    private final double energyJ;
    private final double baselinePowerW;
    private final double elapsedS;
    private final boolean estimated;
    private final boolean approximated;
    private final List<String> issues;
    private final boolean valid;

    DomainEnergy(String domain, String meter, double energyJ, double baselinePowerW, double elapsedS,
            boolean estimated, boolean approximated, List<String> issues, boolean valid) {
        this.domain = domain;
        this.meter = meter;
        this.energyJ = valid ? energyJ : Double.NaN;
        this.baselinePowerW = baselinePowerW;
        this.elapsedS = elapsedS;
        this.estimated = estimated;
        this.approximated = approximated;
        this.issues = Collections.unmodifiableList(issues);
        this.valid = valid;
    }

    public String domain() {
        return domain;
    }

    /** The name of the meter that measured this domain. */
    public String meter() {
        return meter;
    }

    /** Energy in J; NaN when {@link #valid()} is false. */
    public double energyJ() {
        return energyJ;
    }

    /**
     * Energy above the domain's baseline (idle) power, in J: {@code energy - baseline * time}.
     * NaN when no baseline is known for the domain.
     */
    public double dynamicEnergyJ() {
        return energyJ - baselinePowerW * elapsedS;
    }

    /** The baseline power subtracted for {@link #dynamicEnergyJ()}, in W; NaN when none is known. */
    public double baselinePowerW() {
        return baselinePowerW;
    }

    /** Mean power over the window in W. */
    public double averagePowerW() {
        return elapsedS > 0 ? energyJ / elapsedS : Double.NaN;
    }

    /** True when the meter models its value rather than measuring it. */
    public boolean estimated() {
        return estimated;
    }

    /** True when the window was shorter than the meter's update period and the energy is instant power times time. */
    public boolean approximated() {
        return approximated;
    }

    /** Why the number may be wrong or is missing; empty for a clean measurement. */
    public List<String> issues() {
        return issues;
    }

    /** False when no trustworthy number could be measured; the reason is in {@link #issues()}. */
    public boolean valid() {
        return valid;
    }

    @Override
    public String toString() {
        return domain + "=" + (valid ? String.format(java.util.Locale.ROOT, "%.6f J", energyJ) : "invalid")
                + (issues.isEmpty() ? "" : " " + issues);
    }
}
