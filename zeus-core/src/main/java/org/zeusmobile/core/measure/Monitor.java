package org.zeusmobile.core.measure;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.zeusmobile.core.Clock;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.device.DeviceException;

/**
 * Measures the energy and time of named windows, like ZeusMonitor, on whatever meters a device has.
 *
 * <p>Windows may overlap and nest. Energy counters are differenced with wrap-around handled;
 * power meters are integrated with the trapezoid rule by a sampler that runs on the clock's time
 * base. Counters that can wrap are polled by the same sampler so that several wraps within one
 * window are all counted. Doubtful numbers are flagged in the result, never silently returned:
 * a window shorter than a meter's update period, a garbage reading, a counter that went backwards.
 * Safe to use from several threads at once.
 */
public final class Monitor implements AutoCloseable {

    /** How the monitor samples and what it does with short windows. */
    public static final class Options {
        long samplePeriodFloorNs = 1_000_000L;
        boolean approximateShortWindows;
        final Map<String, Double> baselinePowerW = new HashMap<>();

        /** The shortest sampling period allowed, whatever the meters' update periods (default 1 ms). */
        public Options samplePeriodFloorNs(long floorNs) {
            if (floorNs <= 0) {
                throw new IllegalArgumentException("sample period floor must be positive, got " + floorNs + " ns");
            }
            this.samplePeriodFloorNs = floorNs;
            return this;
        }

        /** Estimate windows shorter than a meter's update period as instant power times time (flagged). */
        public Options approximateShortWindows(boolean approximate) {
            this.approximateShortWindows = approximate;
            return this;
        }

        /** A known idle power for a domain, subtracted to report dynamic energy. */
        public Options baselinePowerW(String domain, double watts) {
            requireBaseline(domain, watts);
            baselinePowerW.put(domain, watts);
            return this;
        }
    }

    private final Clock clock;
    private final List<Channel> channels = new ArrayList<>();
    private final boolean approximateShortWindows;
    private final Map<String, Double> baselinePowerW = new ConcurrentHashMap<>();
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Clock.Ticker sampler;

    public Monitor(Clock clock, List<? extends EnergyMeter> energyMeters, List<? extends PowerMeter> powerMeters,
            Options options) {
        this.clock = clock;
        this.approximateShortWindows = options.approximateShortWindows;
        this.baselinePowerW.putAll(options.baselinePowerW);
        Map<String, String> meterByDomain = new HashMap<>();
        long now = clock.nanoTime();
        long periodNs = Long.MAX_VALUE;
        for (EnergyMeter meter : energyMeters) {
            claimDomain(meterByDomain, meter.domain(), meter.name());
            channels.add(new EnergyChannel(meter, now));
            if (!Double.isInfinite(meter.wrapRangeJ())) {
                periodNs = Math.min(periodNs, meter.updatePeriodNs());
            }
        }
        for (PowerMeter meter : powerMeters) {
            claimDomain(meterByDomain, meter.domain(), meter.name());
            channels.add(new PowerChannel(meter, now));
            periodNs = Math.min(periodNs, meter.updatePeriodNs());
        }
        this.sampler = periodNs == Long.MAX_VALUE ? null
                : clock.every(Math.max(options.samplePeriodFloorNs, periodNs), this::pollAll);
    }

    /** A monitor over all of a device's meters, on the device's clock. */
    public static Monitor forDevice(Device device, Options options) {
        return new Monitor(device.clock(), device.energyMeters(), device.powerMeters(), options);
    }

    private static void claimDomain(Map<String, String> meterByDomain, String domain, String meter) {
        String previous = meterByDomain.put(domain, meter);
        if (previous != null) {
            throw new IllegalArgumentException("meters '" + previous + "' and '" + meter + "' both measure domain '"
                    + domain + "'; give each meter its own domain");
        }
    }

    private static void requireBaseline(String domain, double watts) {
        if (!(watts >= 0) || Double.isInfinite(watts)) {
            throw new IllegalArgumentException("baseline power of domain " + domain + " must be a finite number >= 0 W, got "
                    + watts);
        }
    }

    /** The domains this monitor measures, in meter order. */
    public List<String> domains() {
        List<String> domains = new ArrayList<>();
        for (Channel channel : channels) {
            domains.add(channel.domain);
        }
        return domains;
    }

    /** Sets the idle power of {@code domain}, subtracted from its energy to report dynamic energy. */
    public void setBaselinePowerW(String domain, double watts) {
        requireBaseline(domain, watts);
        baselinePowerW.put(domain, watts);
    }

    /** Takes each valid domain's average power over an idle window as its baseline. */
    public void setBaseline(Measurement idle) {
        for (DomainEnergy energy : idle.domains().values()) {
            if (!energy.valid()) {
                throw new IllegalArgumentException("idle window '" + idle.name() + "' has no valid energy for domain "
                        + energy.domain() + ": " + energy.issues());
            }
            setBaselinePowerW(energy.domain(), Math.max(0, energy.averagePowerW()));
        }
    }

    /** Opens the window {@code name}; a window of that name must not be open already. */
    public void begin(String name) {
        if (name == null) {
            throw new IllegalArgumentException("window name must not be null");
        }
        long now = clock.nanoTime();
        Window window = new Window(now);
        // Registered before its snapshots, each stored under its channel's lock: pruning never drops what it needs.
        if (windows.putIfAbsent(name, window) != null) {
            throw new IllegalStateException("window '" + name + "' is already open; end or cancel it first");
        }
        for (Channel channel : channels) {
            channel.snapshotInto(window.start, now);
        }
        window.ready = true;
    }

    /** Closes the window {@code name} and returns its time and energy per domain. */
    public Measurement end(String name) {
        long now = clock.nanoTime();
        Window window = windows.get(name);
        if (window == null || !window.ready || !window.ending.compareAndSet(false, true)) {
            throw new IllegalStateException("no open window named '" + name + "'; open windows: " + openWindows());
        }
        long elapsedNs = now - window.beginNs;
        Map<String, DomainEnergy> result = new LinkedHashMap<>();
        try {
            for (Channel channel : channels) {
                result.put(channel.domain, channel.energyBetween(window.start.get(channel), channel.snapshot(now), elapsedNs));
            }
        } finally {
            windows.remove(name);
            for (Channel channel : channels) {
                channel.prune();
            }
        }
        return new Measurement(name, window.beginNs, now, result);
    }

    /** Discards the open window {@code name} without measuring it. */
    public void cancel(String name) {
        Window window = windows.get(name);
        if (window == null || !window.ready || !window.ending.compareAndSet(false, true) || windows.remove(name) == null) {
            throw new IllegalStateException("no open window named '" + name + "' to cancel; open windows: "
                    + openWindows());
        }
        for (Channel channel : channels) {
            channel.prune();
        }
    }

    /** The names of the windows open now, sorted. */
    public Set<String> openWindows() {
        return Collections.unmodifiableSet(new TreeSet<>(windows.keySet()));
    }

    /** Stops the background sampler. Open windows are discarded. */
    @Override
    public void close() {
        if (sampler != null) {
            sampler.close();
        }
        windows.clear();
    }

    /** Problem entries kept per meter at most; older ones are merged (their counts add up). */
    public static final int MAX_PROBLEMS = 16;

    /**
     * The smallest problem sequence number of {@code channel} an open window began at: older entries are no longer
     * needed. A window whose snapshot of the channel is not taken yet will begin at the current number or later.
     */
    private long oldestOpenSeq(Channel channel) {
        long oldest = channel.problemSeq;
        for (Window window : windows.values()) {
            Snapshot start = window.start.get(channel);
            if (start != null) {
                oldest = Math.min(oldest, start.problemSeqBefore);
            }
        }
        return oldest;
    }

    /** The problem entries each meter holds now, by domain: bounded by {@link #MAX_PROBLEMS} however long the monitor runs. */
    public Map<String, Integer> problemEntries() {
        Map<String, Integer> entries = new LinkedHashMap<>();
        for (Channel channel : channels) {
            entries.put(channel.domain, channel.problemEntries());
        }
        return entries;
    }

    private void pollAll() {
        long now = clock.nanoTime();
        for (Channel channel : channels) {
            channel.poll(now);
        }
    }

    private static final class Window {
        final long beginNs;
        final Map<Channel, Snapshot> start = new ConcurrentHashMap<>();
        final AtomicBoolean ending = new AtomicBoolean();
        volatile boolean ready;

        Window(long beginNs) {
            this.beginNs = beginNs;
        }
    }

    /** A channel's accumulated energy at one moment. */
    private static final class Snapshot {
        final double totalJ;
        final boolean readValid;
        /** Problem sequence numbers before and after this snapshot's own reading. */
        final long problemSeqBefore;
        final long problemSeqAfter;
        final double instantPowerW;

        Snapshot(double totalJ, boolean readValid, long problemSeqBefore, long problemSeqAfter, double instantPowerW) {
            this.totalJ = totalJ;
            this.readValid = readValid;
            this.problemSeqBefore = problemSeqBefore;
            this.problemSeqAfter = problemSeqAfter;
            this.instantPowerW = instantPowerW;
        }
    }

    /**
     * Problems of one kind that occurred at sequence numbers firstSeq..lastSeq of their channel, one after
     * another: a count and the latest example, never every bad value (a glitching sensor in an app that runs
     * for days must not grow the log).
     */
    private static final class Problem {
        final String message;
        final boolean invalidates;
        final long firstSeq;
        long lastSeq;
        long count = 1;
        String lastExample;

        Problem(String message, String example, boolean invalidates, long seq) {
            this.message = message;
            this.lastExample = example;
            this.invalidates = invalidates;
            this.firstSeq = seq;
            this.lastSeq = seq;
        }

        Problem(Problem older, Problem newer) {
            // Kinds per meter are few, so the union of their messages stays short.
            this.message = older.message.contains(newer.message) ? older.message : older.message + "; " + newer.message;
            this.invalidates = older.invalidates || newer.invalidates;
            this.firstSeq = older.firstSeq;
            this.lastSeq = newer.lastSeq;
            this.count = older.count + newer.count;
            this.lastExample = newer.lastExample;
        }

        String describe() {
            return message + (count == 1 ? " (" + lastExample + ")"
                    : " (" + count + " such readings; the last: " + lastExample + ")");
        }
    }

    /** One meter's running total since the monitor started, kept under the channel's lock. */
    private abstract class Channel {
        final String domain;
        final String meterName;
        final long updatePeriodNs;
        final boolean estimated;
        final ArrayDeque<Problem> problems = new ArrayDeque<>();
        long problemSeq;
        long snapshotSeq = Long.MAX_VALUE;
        double totalJ;
        boolean lastReadValid;

        Channel(String domain, String meterName, long updatePeriodNs, boolean estimated) {
            this.domain = domain;
            this.meterName = meterName;
            this.updatePeriodNs = updatePeriodNs;
            this.estimated = estimated;
        }

        /** Reads the meter and updates the total; sets {@link #lastReadValid}. */
        abstract void poll(long nowNs);

        /** Power now in W as best this channel can tell, or NaN. */
        abstract double instantPowerW();

        synchronized Snapshot snapshot(long nowNs) {
            long problemSeqBefore = problemSeq;
            snapshotSeq = problemSeqBefore; // the snapshot's own reading may be a problem its window needs
            try {
                poll(nowNs);
            } finally {
                snapshotSeq = Long.MAX_VALUE;
            }
            return new Snapshot(totalJ, lastReadValid, problemSeqBefore, problemSeq, instantPowerW());
        }

        synchronized void snapshotInto(Map<Channel, Snapshot> start, long nowNs) {
            start.put(this, snapshot(nowNs));
        }

        /** Drops the problems no open window can ask for any more. */
        synchronized void prune() {
            long oldestNeeded = Math.min(snapshotSeq, oldestOpenSeq(this));
            while (!problems.isEmpty() && problems.peekFirst().lastSeq < oldestNeeded) {
                problems.pollFirst();
            }
        }

        /**
         * Records a problem of a kind ({@code message}, with no values in it) and the reading that showed it
         * ({@code example}). The log keeps only what an open window can still ask for, and at most
         * {@link #MAX_PROBLEMS} entries: older ones are merged.
         */
        void problem(String message, String example, boolean invalidates) {
            Problem last = problems.peekLast();
            if (last != null && last.message.equals(message) && last.invalidates == invalidates) {
                last.lastSeq = problemSeq;
                last.count++;
                last.lastExample = example;
            } else {
                problems.addLast(new Problem(message, example, invalidates, problemSeq));
            }
            problemSeq++;
            prune();
            while (problems.size() > MAX_PROBLEMS) {
                Problem older = problems.pollFirst();
                problems.addFirst(new Problem(older, problems.pollFirst()));
            }
        }

        /** How many problem entries this channel holds now (for tests and soak checks). */
        synchronized int problemEntries() {
            return problems.size();
        }

        synchronized DomainEnergy energyBetween(Snapshot begin, Snapshot end, long elapsedNs) {
            boolean valid = true;
            Map<String, Problem> byKind = new LinkedHashMap<>();
            for (Problem problem : problems) {
                if (problem.lastSeq < begin.problemSeqBefore || problem.firstSeq >= end.problemSeqAfter) {
                    continue;
                }
                Problem same = byKind.get(problem.message);
                byKind.put(problem.message, same == null ? problem : new Problem(same, problem));
                valid &= !problem.invalidates;
            }
            List<String> issues = new ArrayList<>();
            for (Problem problem : byKind.values()) {
                issues.add(problem.describe());
            }
            if (!begin.readValid || !end.readValid) {
                valid = false;
                issues.add("meter " + meterName + " gave no valid reading at the window's "
                        + (begin.readValid ? "end" : "beginning"));
            }
            double energyJ = end.totalJ - begin.totalJ;
            boolean approximated = false;
            if (elapsedNs < updatePeriodNs) {
                issues.add(String.format(Locale.ROOT,
                        "window of %.3f ms is shorter than meter %s's update period of %.3f ms", elapsedNs / 1e6,
                        meterName, updatePeriodNs / 1e6));
                if (approximateShortWindows) {
                    approximated = true;
                    energyJ = end.instantPowerW * elapsedNs / 1e9;
                    if (Double.isNaN(energyJ)) {
                        valid = false;
                        issues.add("no power estimate yet from meter " + meterName + " to approximate the window");
                    }
                }
            } else if (energyJ == 0 && elapsedNs >= 3 * updatePeriodNs && this instanceof EnergyChannel) {
                issues.add(String.format(Locale.ROOT,
                        "meter %s did not change in %.3f s although it updates every %.3f ms: stuck sensor or idle domain",
                        meterName, elapsedNs / 1e9, updatePeriodNs / 1e6));
            }
            Double baseline = baselinePowerW.get(domain);
            return new DomainEnergy(domain, meterName, energyJ, baseline == null ? Double.NaN : baseline,
                    elapsedNs / 1e9, estimated, approximated, issues, valid);
        }
    }

    private final class EnergyChannel extends Channel {
        final EnergyMeter meter;
        final double wrapRangeJ;
        double lastRawJ = Double.NaN;
        long lastRawNs;
        long lastChangeNs = Long.MIN_VALUE;
        double lastChangeTotalJ;
        double powerSinceLastChangeW = Double.NaN;

        EnergyChannel(EnergyMeter meter, long nowNs) {
            super(meter.domain(), meter.name(), meter.updatePeriodNs(), meter.estimated());
            this.meter = meter;
            this.wrapRangeJ = meter.wrapRangeJ();
            poll(nowNs);
        }

        @Override
        synchronized void poll(long nowNs) {
            double rawJ;
            try {
                rawJ = meter.readJ();
            } catch (DeviceException e) {
                lastReadValid = false;
                problem("meter " + meter.name() + " could not be read; the reading was skipped", e.getMessage(), false);
                return;
            }
            if (Double.isNaN(rawJ) || Double.isInfinite(rawJ) || rawJ < 0 || rawJ > wrapRangeJ) {
                lastReadValid = false;
                problem("meter " + meter.name() + " returned a reading that is not a counter value (NaN, negative or "
                        + "above its wrap range); the reading was skipped", rawJ + " J", false);
                return;
            }
            lastReadValid = true;
            if (Double.isNaN(lastRawJ)) {
                lastRawJ = rawJ;
                lastRawNs = nowNs;
                return;
            }
            double deltaJ = rawJ - lastRawJ;
            boolean wrapped = false;
            if (deltaJ < 0) {
                if (!Double.isInfinite(wrapRangeJ)) {
                    deltaJ += wrapRangeJ;
                    wrapped = true;
                } else {
                    problem("counter " + meter.name() + " went backwards and declares no wrap range; energy across "
                            + "this point is unknown", String.format(Locale.ROOT, "from %.6f J to %.6f J", lastRawJ, rawJ),
                            true);
                    deltaJ = 0;
                }
            }
            if (deltaJ > 0 && !Plausible.energyRise(deltaJ, (nowNs - lastRawNs) / 1e9, meter.updatePeriodNs() / 1e9)) {
                problem("counter " + meter.name() + " jumped by more energy than any device draws ("
                        + String.format(Locale.ROOT, "%.0f W", Plausible.MAX_POWER_W) + "); energy across this point is "
                        + "unknown", String.format(Locale.ROOT, "%s%.6g J in %.3f s", wrapped ? "after a wrap, " : "", deltaJ,
                        (nowNs - lastRawNs) / 1e9), true);
                deltaJ = 0;
            }
            lastRawJ = rawJ;
            lastRawNs = nowNs;
            if (deltaJ > 0) {
                if (lastChangeNs != Long.MIN_VALUE && nowNs > lastChangeNs) {
                    powerSinceLastChangeW = deltaJ / ((nowNs - lastChangeNs) / 1e9);
                }
                totalJ += deltaJ;
                lastChangeNs = nowNs;
                lastChangeTotalJ = totalJ;
            } else if (lastChangeNs == Long.MIN_VALUE) {
                lastChangeNs = nowNs;
            }
        }

        @Override
        double instantPowerW() {
            return powerSinceLastChangeW;
        }
    }

    private final class PowerChannel extends Channel {
        final PowerMeter meter;
        long lastSampleNs = Long.MIN_VALUE;
        double lastPowerW = Double.NaN;

        PowerChannel(PowerMeter meter, long nowNs) {
            super(meter.domain(), meter.name(), meter.updatePeriodNs(), meter.estimated());
            this.meter = meter;
            poll(nowNs);
        }

        @Override
        synchronized void poll(long nowNs) {
            double powerW;
            try {
                powerW = meter.readW();
            } catch (DeviceException e) {
                lastReadValid = false;
                problem("meter " + meter.name() + " could not be read; integrated across the gap", e.getMessage(), false);
                return;
            }
            String implausible = Plausible.powerProblem(powerW);
            if (implausible != null || powerW < 0) {
                lastReadValid = false;
                problem("meter " + meter.name() + " returned a reading that is not a power drawn (NaN, negative or beyond "
                        + String.format(Locale.ROOT, "%.0f W", Plausible.MAX_POWER_W) + "); integrated across the gap",
                        powerW + " W", false);
                return;
            }
            lastReadValid = true;
            if (lastSampleNs != Long.MIN_VALUE && nowNs > lastSampleNs) {
                totalJ += (lastPowerW + powerW) / 2 * ((nowNs - lastSampleNs) / 1e9);
            }
            if (lastSampleNs == Long.MIN_VALUE || nowNs >= lastSampleNs) {
                lastSampleNs = nowNs;
                lastPowerW = powerW;
            }
        }

        @Override
        double instantPowerW() {
            return lastPowerW;
        }
    }
}
