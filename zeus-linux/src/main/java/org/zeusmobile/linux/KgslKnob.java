package org.zeusmobile.linux;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.device.UnusableDeviceException;

/**
 * The Adreno GPU through KGSL ({@code /sys/class/kgsl/kgsl-3d0}), {@code gpu.freq}. Power level 0 is the
 * fastest; {@code gpu_available_frequencies} lists Hz from fastest to slowest. Pinned by setting
 * {@code min_pwrlevel} and {@code max_pwrlevel} to the same level, which leaves the devfreq governor
 * in place and respects {@code thermal_pwrlevel} (so a thermal cap shows up as a lower read-back).
 * {@code max_gpuclk} is never written: writing it moves {@code thermal_pwrlevel}.
 */
final class KgslKnob extends KnobDriver {

    static final String KGSL = "/sys/class/kgsl/kgsl-3d0";

    /** Frequencies by power level: index 0 is the fastest. */
    private final long[] levelHz;

    private KgslKnob(Knob knob, long[] levelHz) {
        super(knob, KGSL);
        this.levelHz = levelHz;
    }

    /** The KGSL GPU, or null; one whose files cannot be used goes to {@code problems}. */
    static KnobDriver discover(SysFs fs, List<String> problems) {
        try {
            return discover(fs);
        } catch (RuntimeException e) {
            problems.add("KGSL gpu.freq not used: " + e.getMessage());
            return null;
        }
    }

    private static KnobDriver discover(SysFs fs) {
        String path = SysFs.join(KGSL, "gpu_available_frequencies");
        if (!fs.isFile(path) || !fs.isFile(SysFs.join(KGSL, "min_pwrlevel")) || !fs.isFile(SysFs.join(KGSL, "max_pwrlevel"))) {
            return null;
        }
        List<Long> listed = parseList(fs.read(path), path);
        if (listed.isEmpty()) {
            throw new UnusableDeviceException(path + " lists no frequencies");
        }
        String levels = fs.readOrNull(SysFs.join(KGSL, "num_pwrlevels"));
        int count = levels == null ? listed.size() : (int) Math.min(listed.size(), parseLong(levels, SysFs.join(KGSL, "num_pwrlevels")));
        if (count < 1) {
            throw new UnusableDeviceException(SysFs.join(KGSL, "num_pwrlevels") + " holds " + count + ": no power levels");
        }
        long[] levelHz = new long[count];
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            levelHz[i] = listed.get(i);
            if (levelHz[i] > 0 && !values.contains(levelHz[i])) {
                values.add(levelHz[i]);
            }
        }
        if (values.isEmpty()) {
            throw new UnusableDeviceException(path + " lists no frequencies");
        }
        return new KgslKnob(Knob.of(Knob.GPU_FREQ, Knob.Unit.HZ, values), levelHz);
    }

    int level(long hz) {
        for (int i = 0; i < levelHz.length; i++) {
            if (levelHz[i] == hz) {
                return i;
            }
        }
        throw new IllegalArgumentException("no KGSL power level runs at " + hz + " Hz; levels: " + Arrays.toString(levelHz));
    }

    private long levelFrequency(String value, String path) {
        long level = parseLong(value, path);
        if (level < 0 || level >= levelHz.length) {
            throw new UnusableDeviceException(path + " holds power level " + level + ", outside 0.." + (levelHz.length - 1));
        }
        return levelHz[(int) level];
    }

    @Override
    List<String> writableFiles() {
        return files("min_pwrlevel", "max_pwrlevel");
    }

    @Override
    String checkOriginal(String path, String value) {
        String problem = wholeNumber(value, 0, "a power level");
        if (problem == null && Long.parseLong(value) >= levelHz.length) {
            problem = "not a power level of this GPU (0.." + (levelHz.length - 1) + ")";
        }
        return problem;
    }

    @Override
    long currentHz(SysFs fs) {
        return readLong(fs, file("gpuclk"));
    }

    @Override
    String governor(SysFs fs) {
        String governor = fs.readOrNull(file("devfreq/governor"));
        return governor == null ? null : governor.trim();
    }

    @Override
    void pin(SysFs fs, Writer writer, long valueHz) {
        String level = Integer.toString(level(valueHz));
        long currentHighHz = levelFrequency(fs.read(file("max_pwrlevel")), file("max_pwrlevel"));
        // min_pwrlevel bounds the frequency from below, max_pwrlevel from above.
        writeRange(writer, file("min_pwrlevel"), file("max_pwrlevel"), level, level, valueHz, currentHighHz);
    }

    @Override
    void restore(SysFs fs, Writer writer, Map<String, String> originals) {
        String min = originals.get(file("min_pwrlevel"));
        String max = originals.get(file("max_pwrlevel"));
        long currentHighHz = levelFrequency(fs.read(file("max_pwrlevel")), file("max_pwrlevel"));
        writeRange(writer, file("min_pwrlevel"), file("max_pwrlevel"), min, max, levelFrequency(min, file("min_pwrlevel")),
                currentHighHz);
    }

    @Override
    String method() {
        return "KGSL min_pwrlevel = max_pwrlevel";
    }
}
