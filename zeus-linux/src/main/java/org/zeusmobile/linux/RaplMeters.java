package org.zeusmobile.linux;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.zeusmobile.core.measure.EnergyMeter;
import org.zeusmobile.core.measure.MeterDescription;

/**
 * Intel/AMD RAPL energy counters through powercap ({@code /sys/class/powercap/intel-rapl:N[:M]}), one
 * {@link EnergyMeter} per zone: {@code energy_uj} in µJ, wrapping at {@code max_energy_range_uj}.
 * Domains: psys = total, package-0 = soc, core = cpu, uncore = gpu (the integrated GPU on client
 * parts), dram = mem; more packages get numbered domains. Reusable by any device (e.g. the host).
 */
public final class RaplMeters {

    static final String POWERCAP = "/sys/class/powercap";
    /** RAPL counters update about every millisecond (Intel SDM vol. 3B, 15.10.1). */
    static final long UPDATE_PERIOD_NS = 1_000_000L;

    private RaplMeters() {
    }

    /**
     * The readable RAPL zones under {@code fs}, each in its own domain. Zones whose {@code energy_uj}
     * cannot be read (root-only since Linux 5.10) are left out, and why goes to {@code problems}; an empty
     * list means none is readable.
     */
    public static List<EnergyMeter> discover(SysFs fs, List<String> problems) {
        return discover(Sampler.direct(fs), new Domains(), problems);
    }

    static List<EnergyMeter> discover(Sampler sampler, Domains domains, List<String> problems) {
        SysFs fs = sampler.fs();
        List<String> zones = new ArrayList<>();
        for (String name : fs.list(POWERCAP)) {
            if (name.matches("intel-rapl:\\d+(:\\d+)?")) {
                zones.add(name);
            }
        }
        Collections.sort(zones);
        List<EnergyMeter> meters = new ArrayList<>();
        for (String zone : zones) {
            String dir = SysFs.join(POWERCAP, zone);
            final String energyPath = SysFs.join(dir, "energy_uj");
            String name = fs.readOrNull(SysFs.join(dir, "name"));
            String range = fs.readOrNull(SysFs.join(dir, "max_energy_range_uj"));
            String energy = fs.readOrNull(energyPath);
            if (name == null || range == null || energy == null) {
                problems.add("RAPL zone " + zone + (name == null ? "" : " (" + name.trim() + ")") + " not used: "
                        + unreadable(fs, energyPath, name == null ? SysFs.join(dir, "name")
                                : range == null ? SysFs.join(dir, "max_energy_range_uj") : energyPath));
                continue;
            }
            name = name.trim();
            double wrapJ = KnobDriver.isNumber(range.trim()) ? Long.parseLong(range.trim()) / 1e6 : Double.NaN;
            if (!(wrapJ > 0)) {
                problems.add("RAPL zone " + zone + " (" + name + ") not used: max_energy_range_uj holds '" + range.trim()
                        + "', not a positive range");
                continue;
            }
            meters.add(new FileMeters.Energy(MeterDescription.energy(zone + " " + name,
                    domains.claim(domainOf(name), Domains.word(name) + "." + zone), 1e-6, UPDATE_PERIOD_NS).wrapsAtJ(wrapJ),
                    Collections.singletonList(energyPath),
                    files -> FileMeters.number(files, energyPath) / 1e6, sampler));
        }
        return meters;
    }

    private static String unreadable(SysFs fs, String energyPath, String path) {
        if (path.equals(energyPath) && fs.isFile(energyPath)) {
            return energyPath + " exists but cannot be read: since Linux 5.10 only root reads RAPL counters "
                    + "(CVE-2020-8694); run as root for measured CPU energy";
        }
        return path + " is missing or cannot be read";
    }

    static String domainOf(String raplName) {
        if (raplName.equals("psys")) {
            return "total";
        }
        if (raplName.equals("package-0")) {
            return "soc";
        }
        if (raplName.equals("core")) {
            return "cpu";
        }
        if (raplName.equals("uncore")) {
            return "gpu";
        }
        if (raplName.equals("dram")) {
            return "mem";
        }
        return Domains.word(raplName);
    }
}
