package org.zeusmobile.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.device.UnusableDeviceException;

/**
 * A cpufreq policy, {@code cpu.policyN.freq}. Files are in kHz. Pinned with the userspace governor
 * and {@code scaling_setspeed} where the kernel offers them, otherwise with scaling_min_freq = scaling_max_freq.
 */
final class CpufreqKnob extends KnobDriver {

    static final String CPUFREQ = "/sys/devices/system/cpu/cpufreq";
    /** intel_pstate P-states are multiples of the 100 MHz bus clock (Intel SDM vol. 3, 14.1: ratio x 100 MHz). */
    static final long PSTATE_STEP_KHZ = 100_000;

    private final boolean userspace;
    /** No frequency list (intel_pstate, amd-pstate): scaling_cur_freq is a measured average, not a state. */
    private final boolean stepped;

    private CpufreqKnob(Knob knob, String dir, boolean userspace, boolean stepped) {
        super(knob, dir);
        this.userspace = userspace;
        this.stepped = stepped;
    }

    /** The policies that can be pinned; a policy whose files cannot be used goes to {@code problems} instead. */
    static List<KnobDriver> discover(SysFs fs, List<String> problems) {
        List<KnobDriver> drivers = new ArrayList<>();
        List<String> policies = new ArrayList<>();
        for (String name : fs.list(CPUFREQ)) {
            if (name.matches("policy\\d{1,9}")) {
                policies.add(name);
            }
        }
        policies.sort((a, b) -> Integer.compare(Integer.parseInt(a.substring(6)), Integer.parseInt(b.substring(6))));
        for (String policy : policies) {
            try {
                KnobDriver driver = create(fs, policy);
                if (driver != null) {
                    drivers.add(driver);
                }
            } catch (RuntimeException e) {
                problems.add("cpu." + policy + ".freq not used: " + e.getMessage());
            }
        }
        return drivers;
    }

    private static KnobDriver create(SysFs fs, String policy) {
        String dir = SysFs.join(CPUFREQ, policy);
        String availablePath = SysFs.join(dir, "scaling_available_frequencies");
        String available = fs.readOrNull(availablePath);
        TreeSet<Long> khz = new TreeSet<>(parseList(available, availablePath));
        boolean stepped = available == null;
        if (khz.isEmpty() && !stepped) {
            throw new UnusableDeviceException(availablePath + " lists no frequencies");
        }
        if (stepped) {
            // intel_pstate and amd-pstate offer no list: their P-states are steps of the bus clock
            String minPath = SysFs.join(dir, "cpuinfo_min_freq");
            String maxPath = SysFs.join(dir, "cpuinfo_max_freq");
            if (!fs.isFile(minPath) || !fs.isFile(maxPath)) {
                return null;
            }
            long min = readLong(fs, minPath);
            long max = readLong(fs, maxPath);
            if (min <= 0 || max < min) {
                throw new UnusableDeviceException(minPath + " and " + maxPath + " hold " + min + " and " + max
                        + " kHz, not a frequency range");
            }
            khz.add(min);
            for (long step = (min / PSTATE_STEP_KHZ + 1) * PSTATE_STEP_KHZ; step < max; step += PSTATE_STEP_KHZ) {
                khz.add(step);
            }
            khz.add(max);
        }
        List<Long> hz = new ArrayList<>();
        for (long value : khz) {
            hz.add(value * 1000);
        }
        boolean userspace = listContains(fs.readOrNull(SysFs.join(dir, "scaling_available_governors")), "userspace")
                && fs.isFile(SysFs.join(dir, "scaling_setspeed"));
        return new CpufreqKnob(Knob.of("cpu." + policy + ".freq", Knob.Unit.HZ, hz), dir, userspace, stepped);
    }

    @Override
    List<String> writableFiles() {
        List<String> files = new ArrayList<>();
        files.add(file("scaling_governor"));
        files.add(file("scaling_min_freq"));
        files.add(file("scaling_max_freq"));
        if (userspace) {
            files.add(file("scaling_setspeed"));
        }
        return files;
    }

    @Override
    List<String> stateFiles(SysFs fs) {
        List<String> files = new ArrayList<>();
        files.add(file("scaling_min_freq"));
        files.add(file("scaling_max_freq"));
        files.add(file("scaling_governor"));
        if (userspace) {
            files.add(file("scaling_setspeed")); // pinning writes it: its original goes back too
        }
        return files;
    }

    @Override
    String checkOriginal(String path, String value) {
        if (path.endsWith("/scaling_governor")) {
            return isNumber(value) || value.equals(Journal.UNSUPPORTED) ? "not a governor name" : null;
        }
        if (path.endsWith("/scaling_setspeed")) {
            // "<unsupported>" while another governor runs (kernel cpufreq.c, show_scaling_setspeed)
            return value.equals(Journal.UNSUPPORTED) ? null : wholeNumber(value, 1, "a frequency in kHz or <unsupported>");
        }
        return wholeNumber(value, 1, "a frequency in kHz");
    }

    @Override
    long currentHz(SysFs fs) {
        String cur = fs.readOrNull(file("scaling_cur_freq"));
        String path = cur != null ? file("scaling_cur_freq") : file("cpuinfo_cur_freq");
        long hz = readLong(fs, path) * 1000;
        // A measured 1299.9 MHz under a 1300 MHz pin is that P-state, not a clamp; 1100 MHz would be one.
        return stepped ? knob.nearest(hz) : hz;
    }

    @Override
    String governor(SysFs fs) {
        return fs.read(file("scaling_governor"));
    }

    @Override
    void pin(SysFs fs, Writer writer, long valueHz) {
        String khz = Long.toString(valueHz / 1000);
        if (userspace) {
            if (!"userspace".equals(governor(fs))) {
                writer.write(file("scaling_governor"), "userspace");
            }
            writer.write(file("scaling_setspeed"), khz);
        } else {
            long currentMaxHz = readLong(fs, file("scaling_max_freq")) * 1000;
            writeRange(writer, file("scaling_min_freq"), file("scaling_max_freq"), khz, khz, valueHz, currentMaxHz);
        }
    }

    @Override
    void restore(SysFs fs, Writer writer, Map<String, String> originals) {
        String min = originals.get(file("scaling_min_freq"));
        String max = originals.get(file("scaling_max_freq"));
        long currentMaxHz = readLong(fs, file("scaling_max_freq")) * 1000;
        writeRange(writer, file("scaling_min_freq"), file("scaling_max_freq"), min, max,
                parseLong(min, file("scaling_min_freq")) * 1000, currentMaxHz);
        String governor = originals.get(file("scaling_governor"));
        if (!governor.equals(governor(fs))) {
            writer.write(file("scaling_governor"), governor);
        }
        String setspeed = originals.get(file("scaling_setspeed"));
        if (setspeed != null) {
            // A live kernel shows <unsupported> again by itself once the governor left userspace (the writer
            // skips files that already hold their original); a static copy of a sysfs tree keeps the last pin.
            writer.write(file("scaling_setspeed"), setspeed);
        }
    }

    @Override
    String method() {
        return userspace ? "userspace governor + scaling_setspeed" : "scaling_min_freq = scaling_max_freq";
    }
}
