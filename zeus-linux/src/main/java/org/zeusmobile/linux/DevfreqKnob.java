package org.zeusmobile.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.device.UnusableDeviceException;

/**
 * A devfreq device (GPU, memory bus, LLCC). Files are in Hz. Pinned with the userspace governor and
 * {@code userspace/set_freq} where offered, otherwise min_freq = max_freq.
 *
 * <p>Bandwidth-voting devices ({@code bw_hwmon}, {@code *-bw}) list MB/s, not Hz: their values are all
 * below 1 MHz, and they become a {@code mem.NAME.bw} knob counted in MB/s instead of a frequency.
 */
final class DevfreqKnob extends KnobDriver {

    static final String DEVFREQ = "/sys/class/devfreq";
    private static final String[] GPU_WORDS = {"kgsl", "ga10b", "gv11b", "gp10b", "mali", "panfrost", "gpu"};
    private static final String[] MEM_WORDS = {"ddr", "llcc", "bw", "emc", "memlat", "bus", "mem"};

    private final boolean userspace;

    private DevfreqKnob(Knob knob, String dir, boolean userspace) {
        super(knob, dir);
        this.userspace = userspace;
    }

    static boolean isGpu(String name) {
        return matches(name, GPU_WORDS) && !matches(name, MEM_WORDS);
    }

    static boolean isMemory(String name) {
        return matches(name, MEM_WORDS);
    }

    private static boolean matches(String name, String[] words) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String word : words) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** The devfreq GPU, or null; a candidate whose files cannot be used goes to {@code problems}. */
    static KnobDriver discoverGpu(SysFs fs, List<String> problems) {
        for (String name : fs.list(DEVFREQ)) {
            if (isGpu(name)) {
                KnobDriver driver = create(fs, name, Knob.GPU_FREQ, problems);
                if (driver != null) {
                    return driver;
                }
            }
        }
        return null;
    }

    static List<KnobDriver> discoverMemory(SysFs fs, List<String> problems) {
        List<KnobDriver> drivers = new ArrayList<>();
        for (String name : fs.list(DEVFREQ)) {
            if (isMemory(name)) {
                KnobDriver driver = create(fs, name, "mem." + shortName(name), problems);
                if (driver != null) {
                    drivers.add(driver);
                }
            }
        }
        return drivers;
    }

    /** {@code soc:qcom,cpu-llcc-ddr-bw} becomes {@code cpu-llcc-ddr-bw}: a knob-name-safe short name. */
    static String shortName(String devfreqName) {
        String name = devfreqName.toLowerCase(Locale.ROOT).replaceFirst("^soc:", "").replaceFirst("^qcom,", "");
        name = name.replaceAll("[^a-z0-9_]+", "-").replaceAll("^-+|-+$", "");
        return name.isEmpty() ? "devfreq" : name;
    }

    private static KnobDriver create(SysFs fs, String name, String knobPrefix, List<String> problems) {
        try {
            return create(fs, name, knobPrefix);
        } catch (RuntimeException e) {
            problems.add("devfreq " + name + " not used: " + e.getMessage());
            return null;
        }
    }

    private static KnobDriver create(SysFs fs, String name, String knobPrefix) {
        String dir = SysFs.join(DEVFREQ, name);
        String availablePath = SysFs.join(dir, "available_frequencies");
        String available = fs.readOrNull(availablePath);
        if (available == null || !fs.isFile(SysFs.join(dir, "cur_freq"))) {
            return null; // not a device with frequencies to pin
        }
        TreeSet<Long> values = new TreeSet<>(parseList(available, availablePath));
        values.remove(0L);
        if (values.isEmpty()) {
            throw new UnusableDeviceException(availablePath + " lists no frequencies");
        }
        boolean userspace = listContains(fs.readOrNull(SysFs.join(dir, "available_governors")), "userspace");
        boolean frequencies = values.first() >= 1_000_000L;
        String knobName = knobPrefix.equals(Knob.GPU_FREQ) ? knobPrefix : knobPrefix + (frequencies ? ".freq" : ".bw");
        Knob knob = Knob.of(knobName, frequencies ? Knob.Unit.HZ : Knob.Unit.COUNT, new ArrayList<>(values));
        if (knobName.equals(Knob.GPU_FREQ) && !frequencies) {
            return null;
        }
        return new DevfreqKnob(knob, dir, userspace);
    }

    @Override
    List<String> writableFiles() {
        List<String> files = new ArrayList<>();
        files.add(file("governor"));
        files.add(file("min_freq"));
        files.add(file("max_freq"));
        if (userspace) {
            files.add(file("userspace/set_freq"));
        }
        return files;
    }

    @Override
    List<String> stateFiles(SysFs fs) {
        List<String> files = new ArrayList<>();
        files.add(file("min_freq"));
        files.add(file("max_freq"));
        files.add(file("governor"));
        if (userspace && fs.isFile(file("userspace/set_freq"))) {
            files.add(file("userspace/set_freq")); // pinning writes it: its original goes back too
        }
        return files;
    }

    @Override
    String checkOriginal(String path, String value) {
        if (path.endsWith("/governor")) {
            return isNumber(value) || value.equals(Journal.UNSUPPORTED) ? "not a governor name" : null;
        }
        if (path.endsWith("/userspace/set_freq")) {
            // "undefined" until a frequency is set (kernel devfreq/governor_userspace.c, set_freq_show)
            return value.equals("undefined") ? null : wholeNumber(value, 1, "a frequency or 'undefined'");
        }
        return wholeNumber(value, 1, "a frequency in Hz");
    }

    @Override
    long currentHz(SysFs fs) {
        return readLong(fs, file("cur_freq"));
    }

    @Override
    String governor(SysFs fs) {
        return fs.read(file("governor"));
    }

    @Override
    void pin(SysFs fs, Writer writer, long value) {
        if (userspace) {
            if (!"userspace".equals(governor(fs))) {
                writer.write(file("governor"), "userspace");
            }
            if (!fs.isFile(file("userspace/set_freq"))) {
                throw new UnusableDeviceException(file("userspace/set_freq") + " does not exist after switching the governor "
                        + "of " + dir + " to userspace on " + fs.describe() + ": a live kernel creates it when the governor "
                        + "switches, so this looks like a static copy of a sysfs tree, where " + knob.name()
                        + " cannot be pinned; leave " + knob.name() + " out, or run on the live device");
            }
            writer.write(file("userspace/set_freq"), Long.toString(value));
        } else {
            writeRange(writer, file("min_freq"), file("max_freq"), Long.toString(value), Long.toString(value), value,
                    readLong(fs, file("max_freq")));
        }
    }

    @Override
    void restore(SysFs fs, Writer writer, Map<String, String> originals) {
        String min = originals.get(file("min_freq"));
        String max = originals.get(file("max_freq"));
        writeRange(writer, file("min_freq"), file("max_freq"), min, max, parseLong(min, file("min_freq")),
                readLong(fs, file("max_freq")));
        String governor = originals.get(file("governor"));
        if (!governor.equals(governor(fs))) {
            writer.write(file("governor"), governor);
        }
        String setFreq = originals.get(file("userspace/set_freq"));
        // A live kernel removes userspace/ when the governor leaves it; where it stays, its original goes back.
        if (setFreq != null && fs.isFile(file("userspace/set_freq"))) {
            writer.write(file("userspace/set_freq"), setFreq);
        }
    }

    @Override
    String method() {
        return userspace ? "devfreq userspace governor + set_freq" : "devfreq min_freq = max_freq";
    }
}
