package org.zeusmobile.linux;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The on-disk record of every changed knob's original file contents, written before the first write
 * of a run so that a later run (or {@code zeus-mobile restore}) can put them back after a hard kill.
 * It holds only values that can be written back: numbers, governor names and the kernel's
 * {@code <unsupported>} placeholder (see {@link #isWritableValue}).
 *
 * <pre>
 * zeus-mobile journal 2
 * owner 4242:123456
 * made-directory /run/zeus-mobile
 * knob cpu.policy0.freq
 * /sys/devices/system/cpu/cpufreq/policy0/scaling_min_freq 300000
 * /sys/devices/system/cpu/cpufreq/policy0/scaling_governor schedutil
 * </pre>
 *
 * {@code made-directory} names the journal's directory when a run created it: whoever removes the journal
 * removes that directory too.
 */
final class Journal {

    static final String MAGIC = "zeus-mobile journal 2";
    /** Version 1 had no made-directory line; it still reads. */
    private static final String MAGIC_1 = "zeus-mobile journal 1";
    /**
     * What cpufreq's scaling_setspeed shows while the userspace governor is not running (kernel
     * drivers/cpufreq/cpufreq.c, show_scaling_setspeed). A live kernel shows it again by itself when the
     * governor is restored; a static copy of a sysfs tree gets it written back.
     */
    static final String UNSUPPORTED = "<unsupported>";
    /** Values are numbers or governor names: nothing a shell or a parser could misread. */
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_.\\-]+");

    final String owner;
    /** The journal's directory when a run made it, else null. */
    final String madeDirectory;
    /** Knob name to (file to original content), in the order the knobs were first touched. */
    final Map<String, Map<String, String>> knobs;

    Journal(String owner, String madeDirectory, Map<String, Map<String, String>> knobs) {
        this.owner = owner;
        this.madeDirectory = madeDirectory;
        this.knobs = knobs;
    }

    String format() {
        StringBuilder text = new StringBuilder(MAGIC).append('\n');
        text.append("owner ").append(owner).append('\n');
        if (madeDirectory != null) {
            text.append("made-directory ").append(madeDirectory).append('\n');
        }
        for (Map.Entry<String, Map<String, String>> knob : knobs.entrySet()) {
            text.append("knob ").append(knob.getKey()).append('\n');
            for (Map.Entry<String, String> file : knob.getValue().entrySet()) {
                text.append(file.getKey()).append(' ').append(requireValue(file.getValue(), file.getKey())).append('\n');
            }
        }
        return text.toString();
    }

    /** Whether {@code value} may be written to a kernel file (and journaled): a number, a governor name or {@link #UNSUPPORTED}. */
    static boolean isWritableValue(String value) {
        return value != null && (VALUE.matcher(value).matches() || value.equals(UNSUPPORTED));
    }

    static String requireValue(String value, String path) {
        if (!isWritableValue(value)) {
            throw new IllegalArgumentException("value '" + value + "' for " + path
                    + " is neither a number nor a governor name; refusing to journal or write it");
        }
        return value;
    }

    static Journal parse(String text, String where) {
        String[] lines = text.split("\n");
        boolean known = lines.length >= 2 && (lines[0].trim().equals(MAGIC) || lines[0].trim().equals(MAGIC_1));
        if (!known || !lines[1].startsWith("owner ")) {
            throw new IllegalArgumentException("journal " + where + " is not a zeus-mobile journal (bad header); "
                    + "inspect it, then delete it if nothing needs restoring");
        }
        String owner = lines[1].substring(6).trim();
        String madeDirectory = null;
        Map<String, Map<String, String>> knobs = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (int i = 2; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("made-directory ") && current == null) {
                madeDirectory = SysFs.requireSafePath(line.substring("made-directory ".length()).trim());
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
        return new Journal(owner, madeDirectory, knobs);
    }

    Map<String, Map<String, String>> knobs() {
        return Collections.unmodifiableMap(knobs);
    }
}
