package org.zeusmobile.linux;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.device.UnusableDeviceException;

/**
 * How one sysfs knob is read, pinned and restored. Each driver names the files it may write
 * (the device's allow-list) and the files whose original content the journal keeps.
 */
abstract class KnobDriver {

    /** Writes through the device's allow-list and value check. */
    interface Writer {
        void write(String path, String value);
    }

    final Knob knob;
    final String dir;

    KnobDriver(Knob knob, String dir) {
        this.knob = knob;
        this.dir = dir;
    }

    String file(String name) {
        return SysFs.join(dir, name);
    }

    /** The files called {@code names} in the knob's directory, in that order. */
    List<String> files(String... names) {
        List<String> files = new ArrayList<>();
        for (String name : names) {
            files.add(file(name));
        }
        return files;
    }

    /** Every file this driver may ever write. */
    abstract List<String> writableFiles();

    /** The files whose original content must be journaled before the first write: by default, those it writes. */
    List<String> stateFiles(SysFs fs) {
        return writableFiles();
    }

    /** The frequency now, in Hz, read back from the device. */
    abstract long currentHz(SysFs fs);

    /** The governor driving the knob now, or null where it has none. */
    abstract String governor(SysFs fs);

    /** Pins the knob to {@code valueHz} (already checked legal) by the safest means the kernel offers. */
    abstract void pin(SysFs fs, Writer writer, long valueHz);

    /** Puts back the original content of the state files: by default each one, in {@link #stateFiles} order. */
    void restore(SysFs fs, Writer writer, Map<String, String> originals) {
        for (String path : stateFiles(fs)) {
            writer.write(path, originals.get(path));
        }
    }

    /** How the knob is pinned, for the device description. */
    abstract String method();

    /**
     * Null when {@code value}, read from state file {@code path}, is something restore can write back to it;
     * else what it should be ("not a frequency in kHz").
     */
    abstract String checkOriginal(String path, String value);

    /**
     * The original content of the state files, trimmed, each one a value restore can write back. A file
     * that cannot be read or holds anything else refuses the knob before anything is written: a journal
     * of garbage would make every later restore fail.
     */
    Map<String, String> snapshot(SysFs fs) {
        List<String> files = stateFiles(fs);
        Map<String, String> read = fs.readAll(files);
        Map<String, String> snapshot = new LinkedHashMap<>();
        for (String path : files) {
            String value = read.get(path);
            if (value == null) {
                throw new UnusableDeviceException("cannot read " + path + " on " + fs.describe() + ", so knob "
                        + knob.name() + " could not be restored after a change: it is left alone");
            }
            checkOriginal(snapshot, path, value.trim(), fs.describe());
        }
        return snapshot;
    }

    /** Checks one original (from the device or a journal) and adds it to {@code originals}. */
    void checkOriginal(Map<String, String> originals, String path, String value, String where) {
        String problem = Journal.isWritableValue(value) ? checkOriginal(path, value) : "not a value zeus-mobile writes";
        if (problem != null) {
            throw new UnusableDeviceException(path + " on " + where + " holds '" + value + "', " + problem
                    + ": restore could not write that back, so knob " + knob.name() + " is left alone (fix or reset "
                    + "the file, e.g. by rebooting, and try again)");
        }
        originals.put(path, value);
    }

    /** Null for a whole number at least {@code min}, else what it should be. */
    static String wholeNumber(String value, long min, String what) {
        try {
            return Long.parseLong(value) >= min ? null : "not " + what;
        } catch (NumberFormatException e) {
            return "not " + what;
        }
    }

    static boolean isNumber(String value) {
        return wholeNumber(value, Long.MIN_VALUE, "") == null;
    }

    /**
     * Sets a [low, high] pair of limit files in an order that never makes low exceed high on the way
     * (kernels reject or clamp such writes): when the new low lies above the current high, the high goes
     * first. {@code low} and {@code high} are written in the files' own units (kHz, Hz, power levels);
     * the comparison uses frequencies in Hz.
     */
    static void writeRange(Writer writer, String lowFile, String highFile, String low, String high,
            long newLowHz, long currentHighHz) {
        if (newLowHz > currentHighHz) {
            writer.write(highFile, high);
            writer.write(lowFile, low);
        } else {
            writer.write(lowFile, low);
            writer.write(highFile, high);
        }
    }

    static long parseLong(String text, String path) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new UnusableDeviceException(path + " holds '" + (text == null ? "" : text.trim()) + "', not a number");
        }
    }

    static long readLong(SysFs fs, String path) {
        return parseLong(fs.read(path), path);
    }

    /** Whitespace-separated numbers, e.g. an available-frequencies file. */
    static List<Long> parseList(String text, String path) {
        List<Long> values = new ArrayList<>();
        if (text == null) {
            return values;
        }
        for (String token : text.trim().split("\\s+")) {
            if (!token.isEmpty()) {
                values.add(parseLong(token, path));
            }
        }
        return values;
    }

    static boolean listContains(String text, String word) {
        if (text == null) {
            return false;
        }
        for (String token : text.trim().split("\\s+")) {
            if (token.equals(word)) {
                return true;
            }
        }
        return false;
    }
}
