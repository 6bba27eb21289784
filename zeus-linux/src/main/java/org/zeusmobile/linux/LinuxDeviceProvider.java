package org.zeusmobile.linux;

import java.nio.file.Paths;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.device.DeviceProvider;

/**
 * {@code linux}: this machine's sysfs. {@code linux:root=DIR} reads a tree under DIR instead (a copy or a
 * fixture). More options, comma-separated: {@code journal=PATH} (inside the root), {@code maxPowerW=W}.
 */
public final class LinuxDeviceProvider implements DeviceProvider {

    @Override
    public String scheme() {
        return "linux";
    }

    @Override
    public List<String> usage() {
        return Arrays.asList("linux (this machine's sysfs; writes need root)",
                "linux:root=DIR (a sysfs tree under DIR, e.g. a fixture; options: ,journal=PATH ,maxPowerW=W)");
    }

    @Override
    public Device open(String spec) {
        Map<String, String> options = options(spec, "linux", Arrays.asList("root", "journal", "maxPowerW"));
        LocalSysFs fs = new LocalSysFs(Paths.get(options.containsKey("root") ? options.get("root") : "/"));
        SysfsDevice.Options open = new SysfsDevice.Options().spec(spec);
        if (options.containsKey("journal")) {
            open.journalPath(options.get("journal"));
        }
        if (options.containsKey("maxPowerW")) {
            open.maxPowerW(number(options.get("maxPowerW"), "maxPowerW", spec));
        }
        return SysfsDevice.open(fs, open);
    }

    static double number(String text, String key, String spec) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("device spec '" + spec + "': " + key + "=" + text + " is not a number");
        }
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
