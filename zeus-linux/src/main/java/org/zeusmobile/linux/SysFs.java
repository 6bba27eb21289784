package org.zeusmobile.linux;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A filesystem seen from a root directory: sysfs, procfs and debugfs paths are written as absolute
 * device paths ({@code /sys/class/devfreq}) and resolved inside the root. Nothing outside the root
 * is ever read or written: a path or symlink that escapes it is a {@link org.zeusmobile.core.device.DeviceException}.
 *
 * <p>{@link LocalSysFs} reads this machine (or a fixture tree); {@link AdbSysFs} reads a phone over adb.
 */
public interface SysFs {

    /** The characters a path may hold: enough for sysfs names ({@code soc:qcom,kgsl-3d0}, {@code iio:device0}), and no quote or shell metacharacter. */
    Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9_.,:@+=\\-/]*");

    /** The file's content, or null when it does not exist or cannot be read. */
    String readOrNull(String path);

    /**
     * Reads many files at once: one round-trip over adb. The map holds every path asked for, with
     * null for files that do not exist or cannot be read.
     */
    Map<String, String> readAll(List<String> paths);

    /** The names in a directory, sorted; empty when it is not a directory. */
    List<String> list(String dir);

    boolean isDirectory(String path);

    boolean isFile(String path);

    /** Writes {@code value} plus a newline to an existing file, as {@code echo value > path} does. */
    void write(String path, String value);

    /**
     * Makes {@code dir} a directory only this user can enter (mode 0700) when it is missing; its parent must
     * exist. Returns whether it created it. A {@code dir} that exists must already be such a directory: a
     * symlink, another user's directory or one open to others is refused with an
     * {@link org.zeusmobile.core.device.UnusableDeviceException}, since whoever can write into it could swap
     * the files kept there.
     */
    boolean makePrivateDirectory(String dir);

    /**
     * Replaces {@code path}, in a private directory ({@link #makePrivateDirectory}), with {@code content}: a
     * new temporary file beside it (created new, never through a symlink, readable by this user only), synced,
     * then renamed over {@code path}. Nothing outside the directory is ever opened for writing.
     */
    void writeAtomic(String path, String content);

    /**
     * The content of {@code path} in a private directory, never read through a symlink; null when the file or
     * its directory does not exist. A directory that is not private, or a path that is a symlink or not a
     * regular file, is refused with an {@link org.zeusmobile.core.device.UnusableDeviceException}.
     */
    String readPrivate(String path);

    /**
     * Deletes {@code path} (a symlink itself, never what it points to) when it exists, and any temporary file
     * {@link #writeAtomic} left beside it when a process was killed mid-write.
     */
    void delete(String path);

    /** Removes {@code dir} when it is an empty directory; returns whether it did. */
    boolean removeEmptyDirectory(String dir);

    /** Who writes: the user name, for permission errors. */
    String user();

    /** Where this filesystem is, for messages ({@code local root /}, {@code adb device R58M...}). */
    String describe();

    /** The file's content, trimmed; a missing file is a {@link org.zeusmobile.core.device.DeviceException}. */
    default String read(String path) {
        String text = readOrNull(path);
        if (text == null) {
            throw new org.zeusmobile.core.device.DeviceException("cannot read " + path + " on " + describe()
                    + ": it does not exist or is not readable");
        }
        return text.trim();
    }

    /** Checks that {@code path} is an absolute device path without {@code ..} or unsafe characters. */
    static String requireSafePath(String path) {
        if (path == null || !SAFE_PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("unsafe path '" + path
                    + "': paths must be absolute and use only letters, digits and _.,:@+=-/");
        }
        for (String part : path.split("/")) {
            if (part.equals("..")) {
                throw new IllegalArgumentException("path '" + path + "' escapes its root with '..'");
            }
        }
        return path;
    }

    /** Joins a directory and a name with one slash. */
    static String join(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }
}
