package org.zeusmobile.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.zeusmobile.core.strategy.Strategies;

/**
 * The bounds of every number the command line takes and the checks on its outputs, in one place, applied
 * before any work: compare, optimize, profile and measure agree, and each message names the option, the
 * value and the bound. Bad input is an {@link IllegalArgumentException} (exit 2).
 */
final class Limits {

    /** Below 0.1 ms no inference finishes on a phone or board (a kernel launch alone takes microseconds). */
    static final double MIN_SLO_MS = 0.1;
    /** Above an hour a latency target means nothing for on-device inference. */
    static final double MAX_SLO_MS = 3_600_000;
    /** One second: the shortest run that holds a measurement window of the fastest meters. */
    static final long MIN_DURATION_NS = 1_000_000_000L;
    /** A week of device time: longer experiments are many runs, and a run keeps every request's latency. */
    static final long MAX_DURATION_NS = 7L * 24 * 3_600 * 1_000_000_000L;
    /** Seeds per strategy: 1000 already takes hours; the progress counter and result tables stay meaningful. */
    static final int MAX_SEEDS = 1_000;
    /** Idle measured before a command: an hour is far beyond what a baseline needs (a fuel gauge settles in seconds). */
    static final double MAX_IDLE_S = 3_600;

    private Limits() {
    }

    static double sloMs(double ms) {
        if (!(ms >= MIN_SLO_MS && ms <= MAX_SLO_MS)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--slo-ms must be from %s to %s ms (a p95 "
                    + "latency target for one inference), got %s", plain(MIN_SLO_MS), plain(MAX_SLO_MS), plain(ms)));
        }
        return ms;
    }

    static double eta(double eta) {
        if (!(eta >= 0 && eta <= 1)) {
            throw new IllegalArgumentException("--eta must be in [0, 1] (the weight of energy against time), got " + eta);
        }
        return eta;
    }

    static int seeds(int seeds) {
        if (seeds < 1 || seeds > MAX_SEEDS) {
            throw new IllegalArgumentException("--seeds must be from 1 to " + MAX_SEEDS + ", got " + seeds);
        }
        return seeds;
    }

    static double idleS(double seconds) {
        if (!(seconds >= 0 && seconds <= MAX_IDLE_S)) {
            throw new IllegalArgumentException("--idle-s must be from 0 to " + plain(MAX_IDLE_S) + " seconds, got "
                    + plain(seconds));
        }
        return seconds;
    }

    /** {@code 90s}, {@code 10m}, {@code 1.5h}, {@code 250ms}, within [1 s, 7 days]. */
    static long durationNs(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        double scale;
        String number;
        if (t.endsWith("ms")) {
            scale = 1e6;
            number = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            scale = 1e9;
            number = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            scale = 60e9;
            number = t.substring(0, t.length() - 1);
        } else if (t.endsWith("h")) {
            scale = 3600e9;
            number = t.substring(0, t.length() - 1);
        } else {
            throw new IllegalArgumentException("--duration '" + text + "' needs a unit: e.g. 90s, 10m or 1h");
        }
        double value;
        try {
            value = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--duration '" + text + "' is not a number with a unit (e.g. 10m)");
        }
        double ns = value * scale;
        if (!(ns >= MIN_DURATION_NS && ns <= MAX_DURATION_NS)) {
            throw new IllegalArgumentException("--duration must be from 1s to 168h (a week), got '" + text + "'");
        }
        return (long) ns;
    }

    /** Known names, each once, at least one. */
    static List<String> strategies(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("--strategies names no strategy; known: " + Strategies.NAMES);
        }
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!Strategies.NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown strategy '" + name + "'; known: " + Strategies.NAMES);
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("--strategies names '" + name + "' twice; name each strategy once");
            }
        }
        return new ArrayList<>(names);
    }

    /**
     * A directory the command will write into, checked before the run so that hours of work are not lost to a
     * path that cannot be written: it is made now if missing, and a file is created and removed in it.
     */
    static void writableDirectory(Path dir, String option) {
        if (Files.isRegularFile(dir)) {
            throw new IllegalArgumentException(option + " " + dir + " is a file, not a directory; name a directory");
        }
        try {
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, ".zeus-mobile-", ".check"));
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + dir + " cannot be written: " + reason(e)
                    + "; choose another place or fix its permissions");
        }
    }

    /** A file the command will write: not a directory, and its directory writable ({@link #writableDirectory}). */
    static void writableFile(Path file, String option) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + " " + file + " is a directory; name a file");
        }
        Path parent = file.toAbsolutePath().getParent();
        writableDirectory(parent, option + " " + file + ": its directory");
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new IllegalArgumentException(option + " " + file + " cannot be written: permission denied");
        }
    }

    /** The operating system's reason, without Java's exception names. */
    static String reason(IOException e) {
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason().toLowerCase(Locale.ROOT);
        }
        if (e instanceof FileAlreadyExistsException) {
            return ((FileSystemException) e).getFile() + " is in the way (a file, not a directory)";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? "input/output error" : e.getMessage();
    }

    static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
