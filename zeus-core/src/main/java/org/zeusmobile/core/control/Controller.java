package org.zeusmobile.core.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.device.DeviceException;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.guard.Guard;
import org.zeusmobile.core.measure.DomainEnergy;
import org.zeusmobile.core.measure.EnergyMeter;
import org.zeusmobile.core.measure.Measurement;
import org.zeusmobile.core.measure.Monitor;
import org.zeusmobile.core.measure.PowerMeter;
import org.zeusmobile.core.strategy.Observation;
import org.zeusmobile.core.strategy.Strategy;
import org.zeusmobile.core.strategy.Traffic;
import org.zeusmobile.core.workload.Engine;

/**
 * The online loop, device-agnostic: the strategy picks a configuration, the {@link Guard} applies it, the
 * engine serves the trace's requests in batches at that configuration, the {@link Monitor} measures the
 * window, and the window's {@link Observation} goes back to the strategy. Windows last at least
 * {@link Options#windowNs} and at least {@code 5 x} the slowest meter's update period, so a fuel gauge that
 * updates once a second is read over windows of several seconds, each covering many inferences. A window
 * ends just after the slowest energy counter ticks ({@link #TICK_ALIGNED_PERIOD_NS}), so that every window
 * holds whole update intervals: a window that happened to straddle one tick more than its neighbours would
 * read a whole update (20% of five) too much. A strategy may end a window at once ({@link Strategy#endWindowEarly}):
 * a configuration on trial that turns out to make requests late.
 *
 * <p>A request's latency runs from its arrival to the end of its batch: queueing and batching delay
 * included. The batch size is the configuration's {@code batch} knob (1 when it has none); a batch waits
 * for that many requests at most {@link Options#maxBatchDelayNs}. The device is restored when the run
 * ends, also when it throws.
 */
public final class Controller {

    /** Slowest meter period multiples per window: enough updates that one missing tick costs &lt;= 20%. */
    private static final int METER_PERIODS_PER_WINDOW = 5;

    /** Energy counters that update this slowly or slower get windows that end on their ticks. */
    static final long TICK_ALIGNED_PERIOD_NS = 50_000_000L;
    /** While waiting for a tick, an idle device looks at the counter this often (in update periods). */
    private static final int TICK_POLLS_PER_PERIOD = 50;

    /** How a run is shaped. */
    public static final class Options {
        long windowNs = 2_000_000_000L;
        long durationNs = 600_000_000_000L;
        long maxBatchDelayNs = 50_000_000L;
        DoubleSupplier trueEnergyJ;
        boolean shutdownHook = true;

        /** The shortest measurement window (default 2 s); meters may force longer ones. */
        public Options windowNs(long ns) {
            if (ns <= 0) {
                throw new IllegalArgumentException("measurement window must be positive, got " + ns + " ns");
            }
            this.windowNs = ns;
            return this;
        }

        /** How long the run lasts on the device's clock (default 10 minutes). */
        public Options durationNs(long ns) {
            if (ns <= 0) {
                throw new IllegalArgumentException("run duration must be positive, got " + ns + " ns");
            }
            this.durationNs = ns;
            return this;
        }

        /** How long a partial batch waits for more requests (default 50 ms). */
        public Options maxBatchDelayNs(long ns) {
            if (ns < 0) {
                throw new IllegalArgumentException("batch delay must be >= 0, got " + ns + " ns");
            }
            this.maxBatchDelayNs = ns;
            return this;
        }

        /** A cumulative true-energy counter in J (a simulator's noise-free one) recorded beside the measurement. */
        public Options trueEnergyJ(DoubleSupplier counter) {
            this.trueEnergyJ = counter;
            return this;
        }

        /** Whether the guard also restores on JVM shutdown (default true; false inside Android apps). */
        public Options shutdownHook(boolean install) {
            this.shutdownHook = install;
            return this;
        }
    }

    /**
     * Told what a run does as it happens: progress displays, traces, metrics, profile stores. Times are offsets
     * from the run's start on the device clock, in ns (as in {@link Window}). Only {@link #onWindow} must be
     * written; the others do nothing unless overridden. Listeners run on the controller's thread and must not
     * throw: one that writes to a store or a file keeps its own failures (a run is never lost to a side output).
     */
    public interface Listener {
        /** A measurement window ended. */
        void onWindow(Window window);

        /** The run starts on {@code device} with the strategy called {@code strategy}, before any knob is set. */
        default void onRunStart(Device device, String strategy) {
        }

        /**
         * The strategy chose the next window's configuration, {@code changed} when it differs from the one
         * applied (it is applied next), with the strategy's {@link Strategy#reason() reason} (may be empty).
         */
        default void onDecision(long atNs, Configuration configuration, boolean changed, String reason) {
        }

        /** A batch ran from {@code beginNs} to {@code endNs}; each request's latency, queueing included, in ns. */
        default void onBatch(long beginNs, long endNs, long[] latenciesNs) {
        }

        /** The run ended and the device was restored, also when the run failed (before its exception goes on). */
        default void onRunEnd(long atNs) {
        }

        /** One listener that tells each of {@code listeners} in turn; nulls are skipped. */
        static Listener all(final Listener... listeners) {
            final List<Listener> list = new ArrayList<>();
            for (Listener listener : listeners) {
                if (listener != null) {
                    list.add(listener);
                }
            }
            return new Listener() {
                @Override
                public void onWindow(Window window) {
                    for (Listener l : list) {
                        l.onWindow(window);
                    }
                }

                @Override
                public void onRunStart(Device device, String strategy) {
                    for (Listener l : list) {
                        l.onRunStart(device, strategy);
                    }
                }

                @Override
                public void onDecision(long atNs, Configuration configuration, boolean changed, String reason) {
                    for (Listener l : list) {
                        l.onDecision(atNs, configuration, changed, reason);
                    }
                }

                @Override
                public void onBatch(long beginNs, long endNs, long[] latenciesNs) {
                    for (Listener l : list) {
                        l.onBatch(beginNs, endNs, latenciesNs);
                    }
                }

                @Override
                public void onRunEnd(long atNs) {
                    for (Listener l : list) {
                        l.onRunEnd(atNs);
                    }
                }
            };
        }
    }

    private final Device device;
    private final Engine engine;
    private final RequestTrace trace;
    private final Options options;
    private final TreeMap<Long, List<Runnable>> events = new TreeMap<>();
    private final boolean deviceHasBatchKnob;

    public Controller(Device device, Engine engine, RequestTrace trace, Options options) {
        this.device = device;
        this.engine = engine;
        this.trace = trace;
        this.options = options;
        boolean batchKnob = false;
        for (Knob knob : device.knobs()) {
            batchKnob |= knob.name().equals(Knob.BATCH);
        }
        this.deviceHasBatchKnob = batchKnob;
    }

    /** Runs {@code event} once the run has lasted {@code offsetNs} (e.g. a background load halfway through). */
    public Controller at(long offsetNs, Runnable event) {
        List<Runnable> list = events.get(offsetNs);
        if (list == null) {
            list = new ArrayList<>();
            events.put(offsetNs, list);
        }
        list.add(event);
        return this;
    }

    /** The energy counter that updates slowest, if it is slow enough to align windows to; else null. */
    private EnergyMeter slowestEnergyCounter() {
        EnergyMeter slowest = null;
        for (EnergyMeter meter : device.energyMeters()) {
            if (meter.updatePeriodNs() >= TICK_ALIGNED_PERIOD_NS
                    && (slowest == null || meter.updatePeriodNs() > slowest.updatePeriodNs())) {
                slowest = meter;
            }
        }
        return slowest;
    }

    /** The counter's reading in J, NaN when it cannot be read (the window then ends unaligned). */
    private static double readJ(EnergyMeter meter) {
        try {
            return meter.readJ();
        } catch (DeviceException e) {
            return Double.NaN;
        }
    }

    /** The measurement window this controller uses on this device, in ns. */
    public long effectiveWindowNs() {
        long slowest = 0;
        for (EnergyMeter meter : device.energyMeters()) {
            slowest = Math.max(slowest, meter.updatePeriodNs());
        }
        for (PowerMeter meter : device.powerMeters()) {
            slowest = Math.max(slowest, meter.updatePeriodNs());
        }
        return Math.max(options.windowNs, METER_PERIODS_PER_WINDOW * slowest);
    }

    /** Runs {@code strategy} for the configured duration and restores the device. */
    public RunResult run(Strategy strategy, Random random, Listener listener) {
        long windowNs = effectiveWindowNs();
        List<Window> windows = new ArrayList<>();
        Latencies all = new Latencies();
        Guard guard = options.shutdownHook ? Guard.protect(device) : Guard.protectWithoutShutdownHook(device);
        Monitor monitor = Monitor.forDevice(device, new Monitor.Options());
        EnergyMeter tickCounter = slowestEnergyCounter();
        long startNs = device.clock().nanoTime();
        if (listener != null) {
            listener.onRunStart(device, strategy.name());
        }
        SensorFailures sensorFailures = new SensorFailures();
        try {
            long endNs = startNs + options.durationNs;
            RequestServer server = new RequestServer(device.clock(), engine, trace, random, startNs, events,
                    options.maxBatchDelayNs, listener);
            Configuration applied = null;
            Latencies windowLatencies = new Latencies();
            WindowRecorder recorder = new WindowRecorder(strategy);
            long[] batchNs = new long[0];
            // Sensor failures count per window, not here.
            strategy.observeStart(ThermalReading.of(device.thermalSensors()).headroomC,
                    trace.isClosedLoop() ? Traffic.CLOSED_LOOP : Traffic.OPEN_LOOP);
            while (device.clock().nanoTime() < endNs) {
                Configuration config = strategy.next();
                if (listener != null) {
                    listener.onDecision(device.clock().nanoTime() - startNs, config, !config.equals(applied),
                            strategy.reason());
                }
                if (!config.equals(applied)) {
                    guard.apply(deviceConfiguration(config));
                    applied = config;
                }
                int batch = (int) config.get(Knob.BATCH, 1L);
                long windowBegin = device.clock().nanoTime();
                long windowEnd = Math.min(endNs, windowBegin + windowNs);
                double trueBefore = options.trueEnergyJ == null ? Double.NaN : options.trueEnergyJ.getAsDouble();
                String name = "window-" + windows.size();
                monitor.begin(name);
                windowLatencies.clear();
                server.startWindow();
                long now = windowBegin;
                // Past the nominal end, the window goes on until the slow counter ticks (at most 1.5 periods).
                long tickDeadline = tickCounter == null ? windowEnd
                        : Math.min(endNs, windowEnd + tickCounter.updatePeriodNs() * 3 / 2);
                double beforeTickJ = Double.NaN;
                int toldLatencies = 0;
                while (true) {
                    if (now >= windowEnd) {
                        if (now >= tickDeadline) {
                            break;
                        }
                        double readingJ = readJ(tickCounter);
                        if (Double.isNaN(readingJ) || (!Double.isNaN(beforeTickJ) && readingJ != beforeTickJ)) {
                            break;
                        }
                        if (Double.isNaN(beforeTickJ)) {
                            beforeTickJ = readingJ;
                        }
                        windowEnd = Math.min(tickDeadline, now + tickCounter.updatePeriodNs() / TICK_POLLS_PER_PERIOD);
                    }
                    now = server.step(now, batch, windowEnd, windowLatencies);
                    if (windowLatencies.size() > toldLatencies) {
                        int served = windowLatencies.size() - toldLatencies;
                        if (batchNs.length != served) {
                            batchNs = new long[served]; // batches keep their size: one array, not one per batch
                        }
                        for (int i = 0; i < served; i++) {
                            batchNs[i] = windowLatencies.get(toldLatencies + i);
                        }
                        toldLatencies = windowLatencies.size();
                        if (strategy.endWindowEarly(batchNs)) {
                            // At once, off the slow counter's ticks: every request served on at this configuration
                            // could be late, and a coarse energy for one short window is the lesser harm.
                            break;
                        }
                    }
                }
                Measurement measurement = monitor.end(name);
                long windowDone = device.clock().nanoTime();
                double measuredJ = energyOf(measurement);
                double trueJ = options.trueEnergyJ == null ? Double.NaN
                        : options.trueEnergyJ.getAsDouble() - trueBefore;
                ThermalReading thermal = ThermalReading.of(device.thermalSensors(), sensorFailures);
                int inferences = windowLatencies.size();
                all.addAll(windowLatencies);
                Observation observation = recorder.record(config, inferences, windowLatencies, measuredJ,
                        new WindowRecorder.Span(windowDone - windowBegin, server.idleNs(), server.queuedRequests(), windowDone), thermal);
                double p95 = windowLatencies.quantileS(0.95);
                Window window = new Window(windows.size(), config, windowBegin - startNs, windowDone - startNs,
                        inferences, measuredJ, trueJ, p95, thermal.hottestC, observation, measurement,
                        thermal.temperaturesC);
                windows.add(window);
                if (listener != null) {
                    listener.onWindow(window);
                }
            }
            return new RunResult(strategy.name(), windows, all, strategy.best(), device.clock().nanoTime() - startNs,
                    recorder.traffic(), sensorFailures.summaries(windows.size()));
        } finally {
            try {
                monitor.close();
            } finally {
                guard.close();
                if (listener != null) {
                    listener.onRunEnd(device.clock().nanoTime() - startNs);
                }
            }
        }
    }

    /** The configuration without the knobs the controller handles itself (batch) when the device lacks them. */
    private Configuration deviceConfiguration(Configuration config) {
        return deviceHasBatchKnob ? config : config.without(Knob.BATCH);
    }

    /** The energy that counts: the only domain's, else the one named total, else the sum of every domain. */
    private double energyOf(Measurement measurement) {
        if (measurement.domains().size() == 1) {
            return measurement.domains().values().iterator().next().energyJ();
        }
        if (measurement.domains().containsKey("total")) {
            return measurement.energyJ("total");
        }
        double sum = 0;
        for (DomainEnergy energy : measurement.domains().values()) {
            sum += energy.energyJ();
        }
        return sum;
    }
}
