package org.zeusmobile.core.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * When requests arrive: back-to-back (closed loop), periodically (camera frames), as a Poisson process,
 * in bursts (Poisson while a user is active, nothing in between), or at times replayed from a CSV file. Arrival
 * times are offsets in ns from the start of a run.
 */
public abstract class RequestTrace {

    /** Returned by {@link Arrivals#next()} when the trace has no more requests. */
    public static final long END = Long.MAX_VALUE;

    /**
     * Requests per second at most: 0.1 ms per request, faster than any on-device model serves one; beyond it a
     * run only grows its queue (and the simulator its event list) without end.
     */
    public static final double MAX_RATE_PER_S = 10_000;
    /** Arrivals a trace file may hold: 80 MB of times in memory, a week at 16 requests per second. */
    public static final int MAX_ARRIVALS = 10_000_000;
    /** The latest arrival a trace file may hold, in s: a week, the longest run. */
    public static final double MAX_ARRIVAL_S = 7 * 24 * 3600;
    /** First-column names a trace file's header line may use; anything else on line 1 must be a time. */
    private static final List<String> TIME_COLUMNS = java.util.Arrays.asList("time", "time_s", "t", "t_s", "arrival",
            "arrival_s", "arrival_time", "arrival_time_s", "timestamp", "timestamp_s", "seconds");

    /** The arrival times of one run, in order. */
    public interface Arrivals {
        /** The next arrival's offset from the start in ns, or {@link #END}. */
        long next();
    }

    private RequestTrace() {
    }

    /** True for closed loop: a new request is ready whenever the engine can take one, so there is no queueing. */
    public boolean isClosedLoop() {
        return false;
    }

    /** True for Poisson arrivals: requests queue behind each other even below full load. */
    public boolean isPoisson() {
        return false;
    }

    /**
     * The share of the time requests may arrive: 1, except for bursts ({@link #bursty}), where the queue sees the
     * burst's rate, mean rate / this share, while it lasts.
     */
    public double activeShare() {
        return 1;
    }

    /** Starts a fresh sequence of arrivals; randomised traces draw from {@code random}. */
    public abstract Arrivals start(Random random);

    /** The trace as the CLI spells it: {@code closed}, {@code periodic:30}, {@code poisson:20}, {@code file=PATH}. */
    public abstract String describe();

    @Override
    public String toString() {
        return describe();
    }

    /** Back-to-back requests: the next one arrives as soon as the engine is free. */
    public static RequestTrace closedLoop() {
        return new RequestTrace() {
            @Override
            public boolean isClosedLoop() {
                return true;
            }

            @Override
            public Arrivals start(Random random) {
                return new Arrivals() {
                    @Override
                    public long next() {
                        throw new IllegalStateException("a closed-loop trace has no arrival times; ask isClosedLoop() first");
                    }
                };
            }

            @Override
            public String describe() {
                return "closed";
            }
        };
    }

    /** One request every {@code 1 / fps} seconds, starting at 0. */
    public static RequestTrace periodic(final double fps) {
        requireRate(fps, "frame rate");
        return new RequestTrace() {
            @Override
            public Arrivals start(Random random) {
                return new Arrivals() {
                    long index;

                    @Override
                    public long next() {
                        return Math.round(index++ * 1e9 / fps);
                    }
                };
            }

            @Override
            public String describe() {
                return "periodic:" + format(fps);
            }
        };
    }

    /** Requests at exponentially distributed gaps with mean {@code 1 / ratePerS}. */
    public static RequestTrace poisson(final double ratePerS) {
        requireRate(ratePerS, "Poisson rate");
        return new RequestTrace() {
            @Override
            public boolean isPoisson() {
                return true;
            }

            @Override
            public Arrivals start(final Random random) {
                return new Arrivals() {
                    double nowS;

                    @Override
                    public long next() {
                        nowS += exponentialGapS(random, ratePerS);
                        return Math.round(nowS * 1e9);
                    }
                };
            }

            @Override
            public String describe() {
                return "poisson:" + format(ratePerS);
            }
        };
    }

    /**
     * Bursts: Poisson arrivals at {@code ratePerS} for {@code onS} seconds, then none for {@code offS} seconds, and
     * so on from the start (a user typing or talking, then reading).
     */
    public static RequestTrace bursty(final double ratePerS, final double onS, final double offS) {
        requireRate(ratePerS, "burst rate");
        if (!(onS > 0) || Double.isInfinite(onS) || !(offS >= 0) || Double.isInfinite(offS)) {
            throw new IllegalArgumentException("a burst lasts a positive number of seconds and the pause a number >= 0, "
                    + "got on " + onS + " s, off " + offS + " s");
        }
        return new RequestTrace() {
            @Override
            public boolean isPoisson() {
                return true;
            }

            @Override
            public double activeShare() {
                return onS / (onS + offS);
            }

            @Override
            public Arrivals start(final Random random) {
                return new Arrivals() {
                    double nowS;

                    @Override
                    public long next() {
                        nowS += exponentialGapS(random, ratePerS);
                        // A gap that runs past a burst's end continues in the next burst, after the pause.
                        while (nowS % (onS + offS) >= onS) {
                            nowS += offS;
                        }
                        return Math.round(nowS * 1e9);
                    }
                };
            }

            @Override
            public String describe() {
                return "bursty:" + format(ratePerS) + "," + format(onS) + "," + format(offS);
            }
        };
    }

    /** Replays the given arrival times (seconds from the start, non-decreasing). */
    public static RequestTrace replay(final List<Double> arrivalsS, final String name) {
        if (arrivalsS.isEmpty()) {
            throw new IllegalArgumentException("trace " + name + " holds no arrival times");
        }
        final long[] times = new long[arrivalsS.size()];
        if (arrivalsS.size() > MAX_ARRIVALS) {
            throw new IllegalArgumentException("trace " + name + " holds " + arrivalsS.size() + " arrivals; at most "
                    + MAX_ARRIVALS + " are read: split it into shorter runs");
        }
        for (int i = 0; i < times.length; i++) {
            double t = arrivalsS.get(i);
            if (!(t >= 0 && t <= MAX_ARRIVAL_S)) {
                throw new IllegalArgumentException("trace " + name + ": arrival " + (i + 1) + " is " + t
                        + " s; times must be from 0 to " + (long) MAX_ARRIVAL_S + " s (a week)");
            }
            times[i] = Math.round(t * 1e9);
            if (i > 0 && times[i] < times[i - 1]) {
                throw new IllegalArgumentException("trace " + name + ": arrival " + (i + 1) + " (" + t
                        + " s) comes before the one above it; sort the arrival times");
            }
        }
        return new RequestTrace() {
            @Override
            public Arrivals start(Random random) {
                return new Arrivals() {
                    int index;

                    @Override
                    public long next() {
                        return index < times.length ? times[index++] : END;
                    }
                };
            }

            @Override
            public String describe() {
                return "file=" + name;
            }
        };
    }

    /**
     * Reads arrival times in seconds from CSV: the first column of each line; blank lines and lines starting with
     * {@code #} are skipped, and so is a header line whose first column names time ({@code time_s},
     * {@code arrival_s}, {@code timestamp}...). Anything else that is not a number is an error: a file of
     * something else must not pass as a trace with its first line taken for a header.
     */
    public static RequestTrace fromCsv(Reader reader, String name) throws IOException {
        List<Double> times = new ArrayList<>();
        BufferedReader lines = new BufferedReader(reader);
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String first = trimmed.split(",")[0].trim();
            try {
                times.add(Double.parseDouble(first));
            } catch (NumberFormatException e) {
                if (times.isEmpty() && TIME_COLUMNS.contains(first.toLowerCase(Locale.ROOT).replace("\"", ""))) {
                    continue; // a header
                }
                throw new IllegalArgumentException("trace " + name + " line " + number + ": '" + first
                        + "' is not an arrival time in seconds" + (times.isEmpty() ? " (a header line names the first "
                        + "column time_s, arrival_s or timestamp)" : ""));
            }
            if (times.size() > MAX_ARRIVALS) {
                throw new IllegalArgumentException("trace " + name + " holds more than " + MAX_ARRIVALS
                        + " arrivals; split it into shorter runs");
            }
        }
        return replay(times, name);
    }

    /**
     * Parses {@code closed}, {@code periodic:FPS}, {@code poisson:RATE}, {@code bursty:RATE,ON_S,OFF_S} or
     * {@code file=PATH} (a CSV of arrival times).
     */
    public static RequestTrace parse(String spec) {
        String text = spec == null ? "" : spec.trim();
        if (text.equals("closed")) {
            return closedLoop();
        }
        if (text.startsWith("periodic:")) {
            return periodic(parseRate(text, "periodic:".length()));
        }
        if (text.startsWith("poisson:")) {
            return poisson(parseRate(text, "poisson:".length()));
        }
        if (text.startsWith("bursty:")) {
            String[] parts = text.substring("bursty:".length()).split(",");
            if (parts.length != 3) {
                throw new IllegalArgumentException("'" + text + "' needs a rate, a burst length and a pause, e.g. "
                        + "bursty:40,5,15 (40 requests/s for 5 s, then 15 s without)");
            }
            return bursty(parseNumber(parts[0], text), parseNumber(parts[1], text), parseNumber(parts[2], text));
        }
        if (text.startsWith("file=")) {
            String file = text.substring("file=".length());
            Path path = java.nio.file.Paths.get(file);
            try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                return fromCsv(reader, file);
            } catch (IOException e) {
                String reason = e instanceof java.nio.file.NoSuchFileException ? "it does not exist"
                        : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                        : e instanceof java.nio.file.FileSystemException
                        && ((java.nio.file.FileSystemException) e).getReason() != null
                        ? ((java.nio.file.FileSystemException) e).getReason() : String.valueOf(e.getMessage());
                throw new IllegalArgumentException("cannot read trace file " + file + ": " + reason
                        + "; give a CSV with one arrival time in seconds per line", e);
            }
        }
        throw new IllegalArgumentException("unknown trace '" + spec
                + "'; use closed, periodic:FPS (e.g. periodic:30), poisson:RATE (e.g. poisson:20), bursty:RATE,ON_S,OFF_S "
                + "(e.g. bursty:40,5,15) or file=PATH");
    }

    private static double parseRate(String text, int from) {
        try {
            return Double.parseDouble(text.substring(from));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' needs a number after the colon, e.g. periodic:30");
        }
    }

    private static double parseNumber(String number, String text) {
        try {
            return Double.parseDouble(number.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + number + "' in '" + text + "' is not a number; e.g. bursty:40,5,15");
        }
    }

    /** A gap between Poisson arrivals at {@code ratePerS}: exponentially distributed, by inversion, in s. */
    private static double exponentialGapS(Random random, double ratePerS) {
        return -Math.log(1 - random.nextDouble()) / ratePerS;
    }

    private static void requireRate(double rate, String what) {
        if (!(rate > 0 && rate <= MAX_RATE_PER_S)) {
            throw new IllegalArgumentException(what + " must be above 0 and at most " + (long) MAX_RATE_PER_S
                    + " per second, got " + format(rate));
        }
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%s", value);
    }
}
