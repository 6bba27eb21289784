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
 * or at times replayed from a CSV file. Arrival times are offsets in ns from the start of a run.
 */
public abstract class RequestTrace {

    /** Returned by {@link Arrivals#next()} when the trace has no more requests. */
    public static final long END = Long.MAX_VALUE;

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
                        nowS += -Math.log(1 - random.nextDouble()) / ratePerS;
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

    /** Replays the given arrival times (seconds from the start, non-decreasing). */
    public static RequestTrace replay(final List<Double> arrivalsS, final String name) {
        if (arrivalsS.isEmpty()) {
            throw new IllegalArgumentException("trace " + name + " holds no arrival times");
        }
        final long[] times = new long[arrivalsS.size()];
        for (int i = 0; i < times.length; i++) {
            double t = arrivalsS.get(i);
            if (!(t >= 0) || Double.isInfinite(t)) {
                throw new IllegalArgumentException("trace " + name + ": arrival " + (i + 1) + " is " + t
                        + " s; times must be finite and >= 0");
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
     * Reads arrival times in seconds from CSV: the first column of each line; blank lines, lines starting with
     * {@code #} and a non-numeric header line are skipped.
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
                if (times.isEmpty() && number == 1) {
                    continue; // a header
                }
                throw new IllegalArgumentException("trace " + name + " line " + number + ": '" + first
                        + "' is not an arrival time in seconds");
            }
        }
        return replay(times, name);
    }

    /** Parses {@code closed}, {@code periodic:FPS}, {@code poisson:RATE} or {@code file=PATH} (a CSV of arrival times). */
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
        if (text.startsWith("file=")) {
            String file = text.substring("file=".length());
            Path path = java.nio.file.Paths.get(file);
            try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                return fromCsv(reader, file);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read trace file " + file + ": " + e.getMessage()
                        + "; give a CSV with one arrival time in seconds per line", e);
            }
        }
        throw new IllegalArgumentException("unknown trace '" + spec
                + "'; use closed, periodic:FPS (e.g. periodic:30), poisson:RATE (e.g. poisson:20) or file=PATH");
    }

    private static double parseRate(String text, int from) {
        try {
            return Double.parseDouble(text.substring(from));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' needs a number after the colon, e.g. periodic:30");
        }
    }

    private static void requireRate(double rate, String what) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException(what + " must be a positive number per second, got " + rate);
        }
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%s", value);
    }
}
