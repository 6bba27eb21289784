package org.zeusmobile.android;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.zeusmobile.core.Clock;
import org.zeusmobile.core.control.Latencies;
import org.zeusmobile.core.control.ThermalReading;
import org.zeusmobile.core.control.WindowRecorder;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.measure.DomainEnergy;
import org.zeusmobile.core.measure.Measurement;
import org.zeusmobile.core.measure.Monitor;
import org.zeusmobile.core.strategy.KnobSelection;
import org.zeusmobile.core.strategy.Objective;
import org.zeusmobile.core.strategy.Observation;
import org.zeusmobile.core.strategy.Profile;
import org.zeusmobile.core.strategy.SearchSpace;
import org.zeusmobile.core.strategy.Strategy;

/**
 * The facade an app puts around its inference call: {@code optimizer.run(() -> session.run(inputs))}.
 * {@code EnergyOptimizer.builder(device).sloMs(50).build()} runs the hybrid strategy, warm-started from a
 * {@link #profile() profile} of this device and model where the app gives one ({@link Builder#profile}), else from a
 * short Bayesian optimisation on the device.
 *
 * <p>It counts inferences and their latencies into measurement windows of at least {@link Builder#windowNs}
 * and, at the end of each window, measures the window's energy, reports it to a {@link Strategy} under the
 * {@link Objective} (eta, SLO) and applies the configuration the strategy picks next (threads, batch,
 * provider, ADPF target). All measuring and deciding runs on a background executor: the calling thread
 * only reads the clock twice and updates a few counters under a short lock, so calling it on the UI
 * thread adds no binder call and no wait. When disabled it calls the inference and does nothing else.
 * Thread-safe: several threads may run inferences through one optimizer.
 */
public final class EnergyOptimizer implements AutoCloseable {

    /**
     * Makes the strategy that drives the optimizer from the knobs it may search and the objective: {@code space}
     * holds the device's knobs the app lets it tune ({@link Builder#knobs}) and the held ones at their one value
     * ({@link Builder#fix}).
     */
    public interface StrategyFactory {
        Strategy create(SearchSpace space, Objective objective);
    }

    /** An inference that adapts to the configuration in force (e.g. batches {@code settings.batch()} inputs). */
    public interface Inference<T> {
        T run(Settings settings) throws Exception;
    }

    /** The knob values an inference should use now. */
    public static final class Settings {
        private final Configuration configuration;

        Settings(Configuration configuration) {
            this.configuration = configuration;
        }

        public Configuration configuration() {
            return configuration;
        }

        /** The batch size to run (1 where there is no batch knob). */
        public int batch() {
            return (int) configuration.get(Knob.BATCH, 1L);
        }

        /** The intra-op thread count (0: ONNX Runtime's default). */
        public int threads() {
            return (int) configuration.get(Knob.THREADS, 0L);
        }

        public ExecutionProvider provider() {
            return ExecutionProvider.ofCode(configuration.get(AndroidDevice.EXECUTION_PROVIDER,
                    ExecutionProvider.CPU.code()));
        }

        @Override
        public String toString() {
            return configuration.toString();
        }
    }

    /** How far ahead the thermal headroom looks, in s: the statistics show it, the hybrid's guard watches it in °C. */
    static final int HEADROOM_FORECAST_S = 10;

    /** The largest number of call latencies kept per window for the p95; later calls overwrite a ring. */
    static final int LATENCY_CAPACITY = 4096;

    private final AndroidDevice device;
    private final Objective objective;
    private final StrategyFactory strategyFactory;
    /** The default strategy's warm start; null when the app gave its own strategy. */
    private final HybridWarmStart warmStart;
    private final KnobSelection knobs;
    private final SearchSpace space;
    private final Executor executor;
    private final ExecutorService ownExecutor;
    private final Clock clock;
    private final long windowNs;
    private final int minCallsPerWindow;

    private volatile boolean enabled;
    private boolean closed;
    private volatile Settings settings;
    private volatile OptimizerStatistics statistics;
    private volatile Profile learnedProfile;

    // The open window's counters; guarded by `lock`, touched by the callers.
    private final Object lock = new Object();
    private Settings windowSettings;
    private long windowStartNs;
    private long windowInferences;
    private int windowCalls;
    private long windowBusyNs;
    private final long[] latenciesNs = new long[LATENCY_CAPACITY];

    // Confined to the executor.
    private Monitor monitor;
    private Strategy strategy;
    private String windowName;
    private long windowSeq;
    private long windows;
    private long inferences;
    private double energyJ;
    private long invalidWindows;
    /** Created with the strategy: turns each window into its observation, and watches the traffic across windows. */
    private WindowRecorder recorder;

    private EnergyOptimizer(Builder builder) {
        this.device = builder.device;
        this.objective = new Objective(builder.eta, builder.sloS, device.maxPowerW());
        this.warmStart = builder.strategyFactory == null
                ? new HybridWarmStart(device.info().identity(), builder.profile, builder.model, builder.seed) : null;
        this.strategyFactory = warmStart != null ? warmStart : builder.strategyFactory;
        this.knobs = KnobSelection.of(builder.tuned, builder.held);
        this.space = knobs.restrict(new SearchSpace(device.knobs()), device.knobs());
        this.clock = device.clock();
        this.windowNs = builder.windowNs;
        this.minCallsPerWindow = builder.minCallsPerWindow;
        if (builder.executor != null) {
            this.executor = builder.executor;
            this.ownExecutor = null;
        } else {
            this.ownExecutor = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(() -> {
                    android.os.Process.setThreadPriority(android.os.Process.THREAD_PRIORITY_BACKGROUND);
                    runnable.run();
                }, "zeus-energy-optimizer");
                thread.setDaemon(true);
                return thread;
            });
            this.executor = ownExecutor;
        }
        this.settings = new Settings(device.configuration());
        this.statistics = OptimizerStatistics.initial(builder.enabled, device.configuration(), device.meters().reasons(),
                objective);
        this.enabled = builder.enabled;
        if (enabled) {
            executor.execute(this::start);
        }
    }

    public static Builder builder(AndroidDevice device) {
        return new Builder(device);
    }

    /** Configures an optimizer. */
    public static final class Builder {
        private final AndroidDevice device;
        private double sloS = Double.NaN;
        private double eta = Objective.DEFAULT_ETA;
        private StrategyFactory strategyFactory;
        private Profile profile;
        private String model = "app-model";
        private long seed;
        private long windowNs = 2_000_000_000L;
        private int minCallsPerWindow = 5;
        private Executor executor;
        private boolean enabled = true;
        private List<String> tuned;
        private Configuration held = Configuration.governed();

        private Builder(AndroidDevice device) {
            if (device == null) {
                throw new IllegalArgumentException("the optimizer needs an AndroidDevice (AndroidDevice.builder(context).build())");
            }
            this.device = device;
        }

        /** The p95 latency target of one call in ms. */
        public Builder sloMs(double sloMs) {
            this.sloS = sloMs / 1e3;
            return this;
        }

        /** Weight of energy against time in the cost, in [0, 1] (1: energy only; default 0.5). */
        public Builder eta(double eta) {
            this.eta = eta;
            return this;
        }

        /** A strategy of the app's own instead of the default: the hybrid, warm-started from the profile where one fits. */
        public Builder strategy(StrategyFactory factory) {
            this.strategyFactory = factory;
            return this;
        }

        /**
         * The profile to warm-start the hybrid from. Used when it was made on this device (same identity) for this
         * {@link #model}; otherwise, and without one, the hybrid starts with a short Bayesian optimisation on the device.
         */
        public Builder profile(Profile profile) {
            this.profile = profile;
            return this;
        }

        /** The profile in this JSON file ({@link ProfileJson}) where the file exists, e.g. one synced from a backend. */
        public Builder profile(File file) {
            return profile(ProfileJson.readIfExists(file));
        }

        /** What identifies the model for profiles: a hash of the file, or the app's own name and version (default app-model). */
        public Builder model(String model) {
            if (model == null || model.trim().isEmpty()) {
                throw new IllegalArgumentException("name the model, e.g. \"mobilenet-v3@2\"");
            }
            this.model = model;
            return this;
        }

        /** The seed of the default strategy's random choices (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Tune only these knobs (e.g. {@code Knob.THREADS}); the others keep the device's settings (default: every
         * knob of the device). The CLI's {@code --knobs}.
         */
        public Builder knobs(String... names) {
            this.tuned = Arrays.asList(names);
            return this;
        }

        /**
         * Hold {@code knob} at {@code value} whatever the strategy does (e.g. {@code Knob.BATCH, 1} for an app that
         * cannot batch). The CLI's {@code --fix}; an unknown knob or illegal value fails {@link #build()}.
         */
        public Builder fix(String knob, long value) {
            this.held = held.with(knob, value);
            return this;
        }

        /**
         * The shortest measurement window in ns (default 2 s: fuel gauges update about once a second,
         * DESIGN.md section 5). Shorter windows than the slowest meter's update period are flagged invalid.
         */
        public Builder windowNs(long windowNs) {
            if (windowNs <= 0) {
                throw new IllegalArgumentException("the measurement window must be positive, got " + windowNs + " ns");
            }
            this.windowNs = windowNs;
            return this;
        }

        /** The fewest calls a window needs before it can close (default 5). */
        public Builder minCallsPerWindow(int calls) {
            if (calls < 1) {
                throw new IllegalArgumentException("a window needs at least 1 call, got " + calls);
            }
            this.minCallsPerWindow = calls;
            return this;
        }

        /** Where measuring and deciding run (default: one background daemon thread owned by the optimizer). */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        public EnergyOptimizer build() {
            if (Double.isNaN(sloS)) {
                throw new IllegalArgumentException("set the latency SLO with sloMs(...): the p95 latency one call may take");
            }
            return new EnergyOptimizer(this);
        }
    }

    /** Runs {@code inference} as one inference under the configuration in force, and returns its result. */
    public <T> T run(Callable<T> inference) throws Exception {
        if (!enabled) {
            return inference.call();
        }
        Settings in = settings;
        long startNs = clock.nanoTime();
        T result = inference.call();
        finished(in, 1, clock.nanoTime() - startNs);
        return result;
    }

    /** Runs {@code inference}, which uses the settings it is given, as one batch of {@code settings.batch()} inferences. */
    public <T> T run(Inference<T> inference) throws Exception {
        Settings in = settings;
        if (!enabled) {
            return inference.run(in);
        }
        long startNs = clock.nanoTime();
        T result = inference.run(in);
        finished(in, in.batch(), clock.nanoTime() - startNs);
        return result;
    }

    /** The knob values in force now. */
    public Settings settings() {
        return settings;
    }

    /**
     * The default strategy's warm start as a profile of this device and model, to save with {@link ProfileJson} and
     * ship or sync: the imported profile, or the Bayesian optimisation's once it has taken all its samples. Null
     * before then, and when the app gave its own strategy.
     */
    public Profile profile() {
        return learnedProfile;
    }

    /** A snapshot of what the optimizer has measured and decided so far. */
    public OptimizerStatistics statistics() {
        return statistics;
    }

    /** The problem entries the monitor holds per meter: bounded by Monitor.MAX_PROBLEMS however long the session. */
    synchronized java.util.Map<String, Integer> monitorProblemEntries() {
        Monitor current = monitor;
        return current == null ? java.util.Collections.<String, Integer>emptyMap() : current.problemEntries();
    }

    public boolean enabled() {
        return enabled;
    }

    /** Turns optimizing on or off; off restores the device's original settings and then does no work. */
    public synchronized void setEnabled(boolean on) {
        if (closed) {
            throw new IllegalStateException("this optimizer is closed; build a new one to optimize again");
        }
        if (on == enabled) {
            return;
        }
        enabled = on;
        if (on) {
            executor.execute(this::start);
        } else {
            synchronized (lock) {
                windowSettings = null;
            }
            executor.execute(this::stop);
        }
    }

    private void finished(Settings in, int batch, long latencyNs) {
        AdpfSession adpf = device.adpf();
        if (adpf != null) {
            // ADPF closes its loop on the actual duration of each unit of work (a one-way binder call).
            adpf.reportActualWorkDurationNs(latencyNs);
        }
        record(in, batch, latencyNs);
    }

    private void record(Settings in, int batch, long latencyNs) {
        long nowNs = clock.nanoTime();
        WindowCounts closed = null;
        synchronized (lock) {
            if (in != windowSettings) {
                return; // started under the previous configuration, or before the window opened
            }
            latenciesNs[windowCalls % LATENCY_CAPACITY] = latencyNs;
            windowCalls++;
            windowBusyNs += latencyNs;
            windowInferences += batch;
            if (nowNs - windowStartNs >= windowNs && windowCalls >= minCallsPerWindow) {
                int kept = Math.min(windowCalls, LATENCY_CAPACITY);
                closed = new WindowCounts(in, windowInferences, nowNs - windowStartNs, windowBusyNs,
                        Arrays.copyOf(latenciesNs, kept));
                windowSettings = null; // nothing counts until the worker opens the next window
            }
        }
        if (closed != null) {
            final WindowCounts counts = closed;
            executor.execute(() -> closeWindow(counts));
        }
    }

    private void start() {
        if (!enabled || strategy != null && monitor != null) {
            return;
        }
        try {
            if (strategy == null) {
                strategy = strategyFactory.create(space, objective);
                recorder = new WindowRecorder(strategy);
                // The app's traffic shows only in its windows.
                strategy.observeStart(ThermalReading.of(device.thermalSensors())
                        .withHeadroomC(device.thermal().headroomC(HEADROOM_FORECAST_S)).headroomC, null);
                statistics = statistics.startedWith(strategy.name(), warmStartNote());
            }
            monitor = new Monitor(clock, device.energyMeters(), device.powerMeters(), new Monitor.Options());
            openWindow(strategy.next());
            publishLearnedProfile();
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void stop() {
        if (monitor != null) {
            monitor.close();
            monitor = null;
        }
        device.restore();
        settings = new Settings(device.configuration());
        statistics = statistics.disabledAt(settings.configuration());
    }

    private void openWindow(Configuration next) {
        // Held knobs stay held even under a strategy that builds its own configurations.
        device.apply(knobs.respect(next));
        Settings fresh = new Settings(device.configuration());
        windowName = "window-" + windowSeq++;
        monitor.begin(windowName);
        settings = fresh;
        synchronized (lock) {
            windowSettings = fresh;
            windowStartNs = clock.nanoTime();
            windowCalls = 0;
            windowBusyNs = 0;
            windowInferences = 0;
        }
    }

    private void closeWindow(WindowCounts counts) {
        if (!enabled || monitor == null) {
            return;
        }
        try {
            Measurement measurement = monitor.end(windowName);
            double windowEnergyJ = 0;
            String issue = null;
            for (String domain : device.meters().costDomains()) {
                DomainEnergy energy = measurement.domain(domain);
                if (!energy.valid()) {
                    issue = "domain " + domain + ": " + energy.issues();
                    break;
                }
                windowEnergyJ += energy.energyJ();
            }
            Configuration next;
            if (issue == null) {
                // The counts close on the caller's clock, the meters a little later on this thread:
                // scale the energy to the counted span at the window's average power.
                double countedEnergyJ = measurement.elapsedNs() > 0
                        ? windowEnergyJ * Math.min(1.0, (double) counts.elapsedNs / measurement.elapsedNs())
                        : windowEnergyJ;
                ThermalReading thermal = ThermalReading.of(device.thermalSensors())
                        .withHeadroomC(device.thermal().headroomC(HEADROOM_FORECAST_S));
                // Calls from one thread cannot queue here: waiting between calls is all the facade can see.
                WindowRecorder.Span span = new WindowRecorder.Span(counts.elapsedNs,
                        Math.max(0, counts.elapsedNs - counts.busyNs), 0, clock.nanoTime());
                Observation observation = recorder.record(counts.settings.configuration(), (int) counts.inferences,
                        Latencies.of(counts.latenciesNs), countedEnergyJ, span, thermal);
                double p95S = observation.latencyP95S();
                windows++;
                inferences += counts.inferences;
                energyJ += countedEnergyJ;
                next = strategy.next();
                OptimizerStatistics.Draft d = statistics.edit();
                d.enabled = true;
                d.strategy = strategy.name();
                d.warmStart = warmStartNote();
                d.configuration = next;
                d.best = strategy.best();
                d.windows = windows;
                d.inferences = inferences;
                d.energyJ = energyJ;
                d.lastEnergyPerInferenceJ = observation.energyPerInferenceJ();
                d.lastTimePerInferenceS = observation.timePerInferenceS();
                d.lastLatencyP95S = p95S;
                d.lastMeetsSlo = objective.meetsSlo(p95S);
                d.lastCost = observation.cost(objective);
                d.lastIssue = null;
                d.thermalStatus = device.thermal().thermalStatus();
                d.thermalHeadroom = device.thermal().headroom(HEADROOM_FORECAST_S);
                statistics = d.build();
                publishLearnedProfile();
            } else {
                invalidWindows++;
                next = counts.settings.configuration();
                statistics = statistics.withIssue(invalidWindows, issue);
            }
            openWindow(next);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void failed(RuntimeException e) {
        statistics = statistics.withIssue(invalidWindows, e.getClass().getSimpleName() + ": " + e.getMessage());
        // Keep running at the current configuration: the next window retries the meters.
        try {
            if (monitor != null) {
                if (windowName != null && monitor.openWindows().contains(windowName)) {
                    monitor.cancel(windowName);
                }
                openWindow(settings.configuration());
            }
        } catch (RuntimeException ignored) {
            synchronized (lock) {
                windowSettings = null;
            }
        }
    }

    private String warmStartNote() {
        return warmStart != null ? warmStart.description() : "the app's own strategy";
    }

    private void publishLearnedProfile() {
        if (warmStart != null && learnedProfile == null) {
            learnedProfile = warmStart.profile();
        }
    }

    /** Stops optimizing, restores the device's original settings and stops the background thread. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        enabled = false;
        synchronized (lock) {
            windowSettings = null;
        }
        executor.execute(this::stop);
        if (ownExecutor != null) {
            ownExecutor.shutdown();
        }
    }

    private static final class WindowCounts {
        final Settings settings;
        final long inferences;
        final long elapsedNs;
        /** Time spent inside calls; with one calling thread the rest is the app's own time between calls. */
        final long busyNs;
        final long[] latenciesNs;

        WindowCounts(Settings settings, long inferences, long elapsedNs, long busyNs, long[] latenciesNs) {
            this.settings = settings;
            this.inferences = inferences;
            this.elapsedNs = elapsedNs;
            this.busyNs = busyNs;
            this.latenciesNs = latenciesNs;
        }
    }
}
