package org.zeusmobile.linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.zeusmobile.core.device.DeviceException;

/**
 * TEST DOUBLE for the kernel side of sysfs. A fixture tree is static files: writing
 * {@code scaling_setspeed} would not change {@code scaling_cur_freq}. This decorator passes every
 * read and write to the real {@link SysFs} under test and then does what the kernel would do, so that
 * read-back means something:
 * <ul>
 *   <li>cpufreq: the current frequency is the userspace setspeed, or else the frequency the governor
 *       chose (the fixture's value at the first write), clamped to [min, max] and to an optional thermal cap;
 *       switching to userspace shows the current frequency in scaling_setspeed, leaving it shows
 *       {@code <unsupported>};</li>
 *   <li>devfreq: likewise with userspace/set_freq, which exists only while the userspace governor runs;</li>
 *   <li>KGSL: gpuclk is the governor's frequency clamped to [min_pwrlevel, max(max_pwrlevel, thermal_pwrlevel)];</li>
 *   <li>Jetson EMC: rate follows writes while mrq_rate_locked is 1, else the governor's rate.</li>
 * </ul>
 * Like the kernel it rejects a write that would put min above max, so write ordering is tested too.
 */
class KernelEmulator extends ForwardingSysFs {

    private final Path root;
    private final Map<String, Long> governed = new HashMap<>();
    private final Map<String, Long> capKhz = new HashMap<>();
    private final Path stateFile;

    KernelEmulator(SysFs fs, Path root) {
        super(fs);
        this.root = root;
        this.stateFile = root.resolveSibling(root.getFileName() + ".kernel-state");
        loadState();
    }

    /**
     * The governors' own frequencies live beside the tree, not in this object, because a kernel outlives
     * the processes that write to it: a second JVM restoring after a crash must see the same kernel.
     */
    private void loadState() {
        if (!Files.exists(stateFile)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(stateFile, StandardCharsets.UTF_8)) {
                int space = line.lastIndexOf(' ');
                governed.put(line.substring(0, space), Long.parseLong(line.substring(space + 1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void saveState() {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Long> entry : governed.entrySet()) {
            text.append(entry.getKey()).append(' ').append(entry.getValue()).append('\n');
        }
        try {
            Files.write(stateFile, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A thermal cap on a cpufreq policy directory, in kHz. */
    KernelEmulator capCpu(String policyDir, long khz) {
        capKhz.put(policyDir, khz);
        return this;
    }

    @Override
    public void write(String path, String value) {
        String dir = parent(path);
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (path.startsWith(CpufreqKnob.CPUFREQ)) {
            remember(dir, "scaling_cur_freq");
            requireOrdered(dir, name, value, "scaling_min_freq", "scaling_max_freq");
            String before = raw(dir + "/scaling_governor");
            fs.write(path, value);
            cpufreq(dir, before);
        } else if (path.startsWith(DevfreqKnob.DEVFREQ)) {
            String devfreqDir = name.equals("set_freq") ? parent(dir) : dir;
            remember(devfreqDir, "cur_freq");
            requireOrdered(devfreqDir, name, value, "min_freq", "max_freq");
            fs.write(path, value);
            devfreq(devfreqDir);
        } else if (path.startsWith(KgslKnob.KGSL)) {
            remember(dir, "gpuclk");
            if (name.equals("min_pwrlevel") && Long.parseLong(value) < number(dir + "/max_pwrlevel")
                    || name.equals("max_pwrlevel") && Long.parseLong(value) > number(dir + "/min_pwrlevel")) {
                throw new DeviceException("emulated KGSL rejects " + name + "=" + value + ": min_pwrlevel must stay >= max_pwrlevel");
            }
            fs.write(path, value);
            kgsl(dir);
        } else if (path.startsWith(EmcKnob.EMC)) {
            remember(dir, "rate");
            fs.write(path, value);
            if (!"1".equals(raw(dir + "/mrq_rate_locked"))) {
                put(dir + "/rate", governed.get(dir));
            }
        } else {
            fs.write(path, value);
        }
    }

    private void requireOrdered(String dir, String name, String value, String minName, String maxName) {
        if (name.equals(minName) && Long.parseLong(value) > number(dir + "/" + maxName)
                || name.equals(maxName) && Long.parseLong(value) < number(dir + "/" + minName)) {
            throw new DeviceException("emulated kernel rejects " + dir + "/" + name + "=" + value + ": min would exceed max");
        }
    }

    private void remember(String dir, String curName) {
        if (!governed.containsKey(dir)) {
            governed.put(dir, number(dir + "/" + curName));
            saveState();
        }
    }

    private void cpufreq(String dir, String governorBefore) {
        String governor = raw(dir + "/scaling_governor");
        long min = number(dir + "/scaling_min_freq");
        long max = number(dir + "/scaling_max_freq");
        long cur;
        if (governor.equals("userspace")) {
            if (!governorBefore.equals("userspace")) {
                put(dir + "/scaling_setspeed", number(dir + "/scaling_cur_freq"));
            }
            cur = number(dir + "/scaling_setspeed");
        } else {
            if (governorBefore.equals("userspace") && Files.exists(local(dir + "/scaling_setspeed"))) {
                putText(dir + "/scaling_setspeed", "<unsupported>");
            }
            cur = governed.get(dir);
        }
        long effective = Math.max(min, Math.min(max, cur));
        if (capKhz.containsKey(dir)) {
            effective = Math.min(effective, capKhz.get(dir)); // like a thermal QoS limit, the cap wins over min
        }
        put(dir + "/scaling_cur_freq", effective);
    }

    private void devfreq(String dir) {
        String governor = raw(dir + "/governor");
        Path setFreq = local(dir + "/userspace/set_freq");
        long cur = governed.get(dir);
        try {
            if (governor.equals("userspace")) {
                if (!Files.exists(setFreq)) {
                    Files.createDirectories(setFreq.getParent());
                    put(dir + "/userspace/set_freq", number(dir + "/cur_freq"));
                }
                cur = number(dir + "/userspace/set_freq");
            } else if (Files.exists(setFreq)) {
                Files.delete(setFreq);
                Files.delete(setFreq.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        put(dir + "/cur_freq", Math.max(number(dir + "/min_freq"), Math.min(number(dir + "/max_freq"), cur)));
    }

    private void kgsl(String dir) {
        String[] levels = raw(dir + "/gpu_available_frequencies").split("\\s+");
        int fastest = (int) Math.max(number(dir + "/max_pwrlevel"), number(dir + "/thermal_pwrlevel"));
        int slowest = (int) number(dir + "/min_pwrlevel");
        long high = Long.parseLong(levels[fastest]);
        long low = Long.parseLong(levels[slowest]);
        put(dir + "/gpuclk", Math.min(high, Math.max(low, governed.get(dir)))); // thermal_pwrlevel wins
    }

    private static String parent(String path) {
        return path.substring(0, path.lastIndexOf('/'));
    }

    private Path local(String devicePath) {
        return root.resolve(devicePath.substring(1));
    }

    private String raw(String devicePath) {
        try {
            return new String(Files.readAllBytes(local(devicePath)), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long number(String devicePath) {
        return Long.parseLong(raw(devicePath));
    }

    private void put(String devicePath, long value) {
        putText(devicePath, Long.toString(value));
    }

    private void putText(String devicePath, String text) {
        try {
            Files.write(local(devicePath), (text + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String describe() {
        return fs.describe() + " (kernel emulated for tests)";
    }
}
