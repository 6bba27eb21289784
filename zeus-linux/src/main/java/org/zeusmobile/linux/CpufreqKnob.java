package org.zeusmobile.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.zeusmobile.core.device.Knob;

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

    static List<KnobDriver> discover(SysFs fs) {
        List<KnobDriver> drivers = new ArrayList<>();
        List<String> policies = new ArrayList<>();
        for (String name : fs.list(CPUFREQ)) {
            if (name.matches("policy\\d+")) {
                policies.add(name);
            }
        }
        policies.sort((a, b) -> Integer.compare(Integer.parseInt(a.substring(6)), Integer.parseInt(b.substring(6))));
        for (String policy : policies) {
            String dir = SysFs.join(CPUFREQ, policy);
            TreeSet<Long> khz = new TreeSet<>(parseList(fs.readOrNull(SysFs.join(dir, "scaling_available_frequencies")),
                    SysFs.join(dir, "scaling_available_frequencies")));
            boolean stepped = khz.isEmpty();
            if (stepped) {
                String minPath = SysFs.join(dir, "cpuinfo_min_freq");
                String maxPath = SysFs.join(dir, "cpuinfo_max_freq");
                if (!fs.isFile(minPath) || !fs.isFile(maxPath)) {
                    continue;
                }
                long min = readLong(fs, minPath);
                long max = readLong(fs, maxPath);
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
            drivers.add(new CpufreqKnob(Knob.of("cpu." + policy + ".freq", Knob.Unit.HZ, hz), dir, userspace, stepped));
        }
        return drivers;
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
        // scaling_setspeed reads "<unsupported>" unless the userspace governor is already active.
        if (userspace && "userspace".equals(fs.read(file("scaling_governor")))) {
            files.add(file("scaling_setspeed"));
        }
        return files;
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
            writer.write(file("scaling_setspeed"), setspeed);
        }
    }

    @Override
    String method() {
        return userspace ? "userspace governor + scaling_setspeed" : "scaling_min_freq = scaling_max_freq";
    }
}
