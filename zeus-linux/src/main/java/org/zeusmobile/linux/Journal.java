package org.zeusmobile.linux;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The on-disk record of every changed knob's original file contents, written before the first write
 * of a run so that a later run (or {@code zeus-mobile restore}) can put them back after a hard kill.
 *
 * <pre>
 * zeus-mobile journal 1
 * owner 4242:123456
 * knob cpu.policy0.freq
 * /sys/devices/system/cpu/cpufreq/policy0/scaling_min_freq 300000
 * /sys/devices/system/cpu/cpufreq/policy0/scaling_governor schedutil
 * </pre>
 */
final class Journal {

    static final String MAGIC = "zeus-mobile journal 1";
    /** Values are numbers or governor names: nothing a shell or a parser could misread. */
    static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_.\\-]+");

    final String owner;
    /** Knob name to (file to original content), in the order the knobs were first touched. */
    final Map<String, Map<String, String>> knobs;

    Journal(String owner, Map<String, Map<String, String>> knobs) {
        this.owner = owner;
        this.knobs = knobs;
    }

    String format() {
        StringBuilder text = new StringBuilder(MAGIC).append('\n');
        text.append("owner ").append(owner).append('\n');
        for (Map.Entry<String, Map<String, String>> knob : knobs.entrySet()) {
            text.append("knob ").append(knob.getKey()).append('\n');
            for (Map.Entry<String, String> file : knob.getValue().entrySet()) {
                text.append(file.getKey()).append(' ').append(requireValue(file.getValue(), file.getKey())).append('\n');
            }
        }
        return text.toString();
    }

    static String requireValue(String value, String path) {
        if (value == null || !VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("value '" + value + "' for " + path
                    + " is neither a number nor a governor name; refusing to journal or write it");
        }
        return value;
    }

    static Journal parse(String text, String where) {
        String[] lines = text.split("\n");
        if (lines.length < 2 || !lines[0].trim().equals(MAGIC) || !lines[1].startsWith("owner ")) {
            throw new IllegalArgumentException("journal " + where + " is not a zeus-mobile journal (bad header); "
                    + "inspect it, then delete it if nothing needs restoring");
        }
        String owner = lines[1].substring(6).trim();
        Map<String, Map<String, String>> knobs = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (int i = 2; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("knob ")) {
                current = new LinkedHashMap<>();
                knobs.put(line.substring(5).trim(), current);
                continue;
            }
            int space = line.indexOf(' ');
            if (current == null || space < 0) {
                throw new IllegalArgumentException("journal " + where + " line " + (i + 1) + " '" + line
                        + "' is not 'PATH VALUE' under a 'knob NAME' line");
            }
            String path = SysFs.requireSafePath(line.substring(0, space));
            current.put(path, requireValue(line.substring(space + 1).trim(), path));
        }
        return new Journal(owner, knobs);
    }

    Map<String, Map<String, String>> knobs() {
        return Collections.unmodifiableMap(knobs);
    }
}
