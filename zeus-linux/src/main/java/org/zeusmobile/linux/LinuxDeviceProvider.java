package org.zeusmobile.linux;

import java.nio.file.Paths;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.device.DeviceProvider;
import org.zeusmobile.core.measure.Plausible;

/**
 * {@code linux}: this machine's sysfs. {@code linux:root=DIR} reads a tree under DIR instead (a copy or a
 * fixture). More options, comma-separated: {@code journalDir=DIR} (inside the root: the journal's own directory, mode
 * 0700; default {@code zeus-mobile} under {@code /run}, else {@code /tmp}, else the root), {@code maxPowerW=W}.
 */
public final class LinuxDeviceProvider implements DeviceProvider {

    @Override
    public String scheme() {
        return "linux";
    }

    @Override
    public List<String> usage() {
        return Arrays.asList("linux (this machine's sysfs; writes need root)",
                "linux:root=DIR (a sysfs tree under DIR, e.g. a fixture; options: ,journalDir=DIR ,maxPowerW=W)");
    }

    @Override
    public Device open(String spec) {
        Map<String, String> options = options(spec, "linux", Arrays.asList("root", "journalDir", "maxPowerW"));
        LocalSysFs fs = new LocalSysFs(Paths.get(options.containsKey("root") ? options.get("root") : "/"));
        SysfsDevice.Options open = new SysfsDevice.Options().spec(spec);
        if (options.containsKey("journalDir")) {
            open.journalDir(options.get("journalDir"));
        }
        if (options.containsKey("maxPowerW")) {
            open.maxPowerW(maxPowerW(options.get("maxPowerW"), spec));
        }
        return SysfsDevice.open(fs, open);
    }

    /** {@code key=text} of {@code spec} as a number in [min, max] (in {@code unit}); anything else says the bounds. */
    static double number(String text, String key, String spec, double min, double max, String unit) {
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "device spec '%s': %s=%s must be a number from "
                    + "%s to %s %s", spec, key, text, plain(min), plain(max), unit));
        }
        return value;
    }

    /** P_max: above 0 and at most the power any one device draws ({@link Plausible#MAX_POWER_W}). */
    static double maxPowerW(String text, String spec) {
        return number(text, "maxPowerW", spec, 0.1, Plausible.MAX_POWER_W, "W");
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /**
     * Parses {@code scheme[:a=1,b=2]}; a leading part without '=' is returned under the key "" (the adb serial).
     */
    static Map<String, String> options(String spec, String scheme, List<String> known) {
        Map<String, String> options = new LinkedHashMap<>();
        if (spec.equals(scheme)) {
            return options;
        }
        if (!spec.startsWith(scheme + ":")) {
            throw new IllegalArgumentException("device spec '" + spec + "' does not start with '" + scheme + ":'");
        }
        String rest = spec.substring(scheme.length() + 1);
        String[] parts = rest.split(",");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].trim();
            int eq = part.indexOf('=');
            if (eq < 0 && i == 0 && known.contains("")) {
                options.put("", part);
                continue;
            }
            if (eq <= 0) {
                throw new IllegalArgumentException("device spec '" + spec + "': '" + part + "' is not KEY=VALUE; known keys: "
                        + String.join(", ", known).replaceFirst("^, ", ""));
            }
            String key = part.substring(0, eq);
            if (!known.contains(key)) {
                throw new IllegalArgumentException("device spec '" + spec + "': unknown option '" + key + "'; known: "
                        + String.join(", ", known).replaceFirst("^, ", ""));
            }
            options.put(key, part.substring(eq + 1));
        }
        return options;
    }
}
