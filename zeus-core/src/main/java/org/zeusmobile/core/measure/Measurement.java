package org.zeusmobile.core.measure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The result of one {@link Monitor} window: its wall time and the energy of each domain. */
public final class Measurement {

    private final String name;
    private final long beginNs;
    private final long endNs;
    private final Map<String, DomainEnergy> domains;

    Measurement(String name, long beginNs, long endNs, Map<String, DomainEnergy> domains) {
        this.name = name;
        this.beginNs = beginNs;
        this.endNs = endNs;
        this.domains = Collections.unmodifiableMap(new LinkedHashMap<>(domains));
    }

    public String name() {
        return name;
    }

    public long beginNs() {
        return beginNs;
    }

    public long endNs() {
        return endNs;
    }

    public long elapsedNs() {
        return endNs - beginNs;
    }

    public double elapsedS() {
        return (endNs - beginNs) / 1e9;
    }

    /** Energy per domain, in the order of the monitor's meters. */
    public Map<String, DomainEnergy> domains() {
        return domains;
    }

    /** The energy of {@code domain}; an unknown domain is an error that names the known ones. */
    public DomainEnergy domain(String domain) {
        DomainEnergy energy = domains.get(domain);
        if (energy == null) {
            throw new IllegalArgumentException("window '" + name + "' measured no domain '" + domain
                    + "'; it measured " + domains.keySet());
        }
        return energy;
    }

    /** Energy in J of {@code domain} (NaN when it could not be measured). */
    public double energyJ(String domain) {
        return domain(domain).energyJ();
    }

    /** True when every domain has a trustworthy number. */
    public boolean valid() {
        for (DomainEnergy energy : domains.values()) {
            if (!energy.valid()) {
                return false;
            }
        }
        return true;
    }

    /** Every issue of every domain, prefixed with its domain. */
    public List<String> issues() {
        List<String> all = new ArrayList<>();
        for (DomainEnergy energy : domains.values()) {
            for (String issue : energy.issues()) {
                all.add(energy.domain() + ": " + issue);
            }
        }
        return all;
    }

    @Override
    public String toString() {
        return "Measurement{" + name + ", " + elapsedS() + " s, " + domains.values() + "}";
    }
}
