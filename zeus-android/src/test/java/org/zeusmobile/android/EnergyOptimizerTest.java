package org.zeusmobile.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import android.content.Context;
import android.content.Intent;
import android.os.BatteryManager;
import java.io.File;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.annotation.Config;
import org.zeusmobile.android.shadows.ShadowHintManager;
import org.zeusmobile.android.shadows.ShadowHintSession;
import org.zeusmobile.android.shadows.ShadowPowerMonitors;
import org.zeusmobile.android.shadows.ShadowThermalHeadroom;
import org.zeusmobile.core.ManualClock;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.strategy.Objective;
import org.zeusmobile.core.strategy.Observation;
import org.zeusmobile.core.strategy.Prediction;
import org.zeusmobile.core.strategy.Profile;
import org.zeusmobile.core.strategy.ProfilePrior;
import org.zeusmobile.core.strategy.Strategies;
import org.zeusmobile.core.strategy.StrategyContext;
import org.zeusmobile.core.strategy.Traffic;

@RunWith(RobolectricTestRunner.class)
@Config(sdk = 35, shadows = {ShadowPowerMonitors.class, ShadowThermalHeadroom.class, ShadowHintManager.class,
        ShadowHintSession.class})
public class EnergyOptimizerTest {

    private final ManualClock clock = new ManualClock(5_000_000_000L);
    private final FakeModel model = new FakeModel(clock);
    private SweepStrategy sweep;

    @org.junit.Before
    public void resetShadows() {
        org.zeusmobile.android.shadows.TestShadows.reset();
    }

    private AndroidDevice device() {
        Context context = RuntimeEnvironment.getApplication();
        context.sendStickyBroadcast(new Intent(Intent.ACTION_BATTERY_CHANGED)
                .putExtra(BatteryManager.EXTRA_VOLTAGE, 3900)
                .putExtra(BatteryManager.EXTRA_PLUGGED, 0)
                .putExtra(BatteryManager.EXTRA_TEMPERATURE, 310));
        return AndroidDevice.builder(context).threads(1, 2, 4).batchSizes(1, 2, 4, 8).clock(clock).maxPowerW(5.0).build();
    }

    private EnergyOptimizer.Builder optimizer(AndroidDevice device, Executor executor) {
        return EnergyOptimizer.builder(device).sloMs(60).eta(0.5).windowNs(2_000_000_000L).executor(executor)
                .strategy((space, objective) -> sweep = new SweepStrategy(space.knobs(), objective));
    }

    private float[] infer(EnergyOptimizer optimizer) throws Exception {
        return optimizer.run(settings -> model.run(settings.threads(), settings.batch()));
    }

    @Test
    public void aHeldKnobStaysHeldEvenUnderAStrategyThatTriesEveryKnob() throws Exception {
        AndroidDevice device = device();
        EnergyOptimizer optimizer = EnergyOptimizer.builder(device).sloMs(60).eta(0.5).windowNs(2_000_000_000L)
                .executor(Runnable::run).fix(Knob.BATCH, 1)
                .strategy((space, objective) -> sweep = new SweepStrategy(device.knobs(), objective)).build();
        java.util.Set<Integer> threads = new java.util.HashSet<>();
        while (optimizer.statistics().windows() < 14) {
            assertThat(optimizer.settings().batch()).as("an app that cannot batch").isEqualTo(1);
            threads.add(optimizer.settings().threads());
            infer(optimizer);
        }
        assertThat(threads).as("the threads were still tuned").contains(1, 2, 4);
        optimizer.close();
    }

    @Test
    public void theStrategySearchesOnlyTheKnobsTheAppLetsItTune() throws Exception {
        java.util.List<java.util.List<String>> spaces = new java.util.ArrayList<>();
        EnergyOptimizer optimizer = EnergyOptimizer.builder(device()).sloMs(60).eta(0.5).executor(Runnable::run)
                .knobs(Knob.THREADS).fix(Knob.BATCH, 2)
                .strategy((space, objective) -> {
                    java.util.List<String> names = new java.util.ArrayList<>();
                    for (Knob knob : space.knobs()) {
                        names.add(knob.name() + "=" + knob.values());
                    }
                    spaces.add(names);
                    return sweep = new SweepStrategy(space.knobs(), objective);
                }).build();
        infer(optimizer);
        assertThat(spaces).containsExactly(java.util.Arrays.asList("threads=[1, 2, 4]", "batch=[2]"));
        optimizer.close();
        assertThatThrownBy(() -> EnergyOptimizer.builder(device()).sloMs(60).fix(Knob.BATCH, 3)
                .strategy((space, o) -> null).build()).hasMessageContaining("legal values");
        assertThatThrownBy(() -> EnergyOptimizer.builder(device()).sloMs(60).knobs("gpu.freq")
                .strategy((space, o) -> null).build()).hasMessageContaining("'gpu.freq' cannot be tuned here");
    }

    @Test
    public void callsThatArriveOnTheirOwnAreOpenLoopTraffic() throws Exception {
        EnergyOptimizer optimizer = optimizer(device(), Runnable::run).build();
        while (optimizer.statistics().windows() < 3) {
            infer(optimizer);
            clock.advance(100_000_000L); // a camera frame every 100 ms or so
        }
        assertThat(sweep.observed).allSatisfy(o -> assertThat(o.traffic()).isEqualTo(Traffic.OPEN_LOOP));
        optimizer.close();
    }

    @Test
    public void theStrategyFindsTheCheapestConfigurationThatMeetsTheSlo() throws Exception {
        org.robolectric.Shadows.shadowOf((android.os.PowerManager) RuntimeEnvironment.getApplication()
                .getSystemService(Context.POWER_SERVICE)).setCurrentThermalStatus(android.os.PowerManager.THERMAL_STATUS_LIGHT);
        ShadowThermalHeadroom.setHeadroom(0.7f);
        EnergyOptimizer optimizer = optimizer(device(), Runnable::run).build();
        while (optimizer.statistics().windows() < 14) {
            int batch = optimizer.settings().batch();
            assertThat(infer(optimizer)).as("the inference ran the batch it was given").hasSize(batch);
        }
        OptimizerStatistics stats = optimizer.statistics();

        // Energy per inference (1.0 + 0.8 t W) x (5 ms + 40 ms b / t) / b, p95 = the batch latency. Under a 60 ms
        // SLO, 4 threads x batch 4 (45 ms, 47.25 mJ) beats batch 8 (85 ms: misses the SLO) and 2 x 2 (58.5 mJ).
        assertThat(stats.best()).isEqualTo(Configuration.governed().with(Knob.THREADS, 4).with(Knob.BATCH, 4));
        assertThat(optimizer.settings().configuration()).isEqualTo(stats.best());
        assertThat(stats.lastEnergyPerInferenceJ()).isCloseTo(FakeModel.energyPerInferenceJ(4, 4), within(1e-5));
        assertThat(stats.lastLatencyP95S()).isCloseTo(0.045, within(1e-9));
        assertThat(stats.lastMeetsSlo()).isTrue();
        assertThat(stats.strategy()).isEqualTo("sweep");
        assertThat(stats.thermalStatus()).isEqualTo(android.os.PowerManager.THERMAL_STATUS_LIGHT);
        assertThat(stats.thermalHeadroom()).as("the early warning, exposed").isEqualTo(0.7f);
        assertThat(stats.toString()).contains("thermal status 1", "headroom in 10 s 0.70", "best=batch=4,threads=4");

        // Every configuration was measured with the numbers the fake model produced.
        assertThat(sweep.observed).hasSizeGreaterThanOrEqualTo(12);
        for (Observation observation : sweep.observed.subList(0, 12)) {
            int threads = (int) (long) observation.configuration().get(Knob.THREADS);
            int batch = (int) (long) observation.configuration().get(Knob.BATCH);
            assertThat(observation.energyPerInferenceJ()).as("%s", observation.configuration())
                    .isCloseTo(FakeModel.energyPerInferenceJ(threads, batch), within(1e-5));
            assertThat(observation.latencyP95S()).isCloseTo(FakeModel.latencyS(threads, batch), within(1e-9));
            assertThat(observation.timePerInferenceS()).isCloseTo(FakeModel.latencyS(threads, batch) / batch, within(1e-9));
            assertThat(observation.temperatureC()).isEqualTo(31.0);
            assertThat(observation.thermalHeadroomC()).as("(1.0 - 0.7) x 30 °C").isCloseTo(9.0, within(1e-5));
            assertThat(observation.inferences() % batch).isZero();
            assertThat(observation.traffic()).as("calls back to back").isEqualTo(Traffic.CLOSED_LOOP);
        }
        long observedInferences = 0;
        for (Observation observation : sweep.observed) {
            observedInferences += observation.inferences();
        }
        assertThat(stats.inferences()).isEqualTo(observedInferences);
        assertThat(stats.invalidWindows()).isZero();
        optimizer.close();
        assertThat(optimizer.settings().configuration().get(Knob.BATCH)).as("closing restores batch 1").isEqualTo(1L);
        assertThatThrownBy(() -> optimizer.setEnabled(true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("build a new one");
    }

    @Test
    public void theHybridStrategyChoosesThreadsAndBatchUnderTheSlo() throws Exception {
        // A stored profile from an earlier session, off by up to 15%: it ranks 4 threads x batch 2 first,
        // while 4 x 4 is really cheaper. The hybrid starts from it and must correct it online.
        Map<Configuration, Prediction> profile = new LinkedHashMap<>();
        for (int threads : new int[] {1, 2, 4}) {
            for (int batch : new int[] {1, 2, 4, 8}) {
                double skew = threads == 4 && batch == 4 ? 1.15 : threads == 4 && batch == 2 ? 0.85 : 1.0;
                double latencyS = FakeModel.latencyS(threads, batch);
                profile.put(Configuration.governed().with(Knob.THREADS, threads).with(Knob.BATCH, batch),
                        new Prediction(FakeModel.energyPerInferenceJ(threads, batch) * skew, latencyS / batch, latencyS,
                                Traffic.CLOSED_LOOP));
            }
        }
        EnergyOptimizer optimizer = EnergyOptimizer.builder(device()).sloMs(60).eta(0.5).windowNs(2_000_000_000L)
                .executor(Runnable::run)
                .strategy((space, objective) -> Strategies.create(Strategies.HYBRID,
                        new StrategyContext(space, objective)
                                .prior(new ProfilePrior(profile, objective)).seed(7)))
                .build();
        Configuration fourByTwo = Configuration.governed().with(Knob.THREADS, 4).with(Knob.BATCH, 2);
        Configuration fourByFour = Configuration.governed().with(Knob.THREADS, 4).with(Knob.BATCH, 4);
        assertThat(optimizer.settings().configuration()).as("warm start: the profile's favourite").isEqualTo(fourByTwo);

        Set<Configuration> chosen = new HashSet<>();
        while (optimizer.statistics().windows() < 40) {
            chosen.add(optimizer.settings().configuration());
            float[] out = optimizer.run(s -> model.run(s.threads(), s.batch()));
            assertThat(out.length).isIn(1, 2, 4, 8);
        }
        OptimizerStatistics stats = optimizer.statistics();
        assertThat(stats.strategy()).isEqualTo("hybrid");
        assertThat(chosen).as("the hybrid tried more than its warm start").contains(fourByTwo, fourByFour);
        assertThat(stats.best()).isEqualTo(fourByFour);
        assertThat(stats.invalidWindows()).isZero();
        optimizer.close();
    }

    @Test
    public void disabledItOnlyCallsTheInference() throws Exception {
        List<Runnable> tasks = new ArrayList<>();
        AndroidDevice device = device();
        EnergyOptimizer optimizer = optimizer(device, tasks::add).enabled(false).build();
        for (int i = 0; i < 200; i++) {
            assertThat(infer(optimizer)).hasSize(1);
        }
        assertThat(model.calls()).isEqualTo(200);
        assertThat(tasks).as("no measuring or deciding was scheduled").isEmpty();
        assertThat(sweep).as("no strategy was even created").isNull();
        assertThat(optimizer.statistics().windows()).isZero();
        assertThat(optimizer.statistics().enabled()).isFalse();
        assertThat(device.current(Knob.THREADS)).isEqualTo(4);
        assertThat(device.current(Knob.BATCH)).isEqualTo(1);

        // Switched on, it starts measuring; switched off again, it restores the untuned settings.
        optimizer.setEnabled(true);
        assertThat(tasks).hasSize(1);
        tasks.remove(0).run();
        assertThat(device.current(Knob.THREADS)).as("the sweep's first configuration").isEqualTo(1);
        optimizer.setEnabled(false);
        tasks.remove(0).run();
        assertThat(device.current(Knob.THREADS)).isEqualTo(4);
        assertThat(optimizer.statistics().enabled()).isFalse();
    }

    @Test
    public void aWindowClosesOnlyOnceItHasTheFewestCallsAsked() throws Exception {
        List<Runnable> tasks = new ArrayList<>();
        EnergyOptimizer optimizer = optimizer(device(), tasks::add).windowNs(1).minCallsPerWindow(7).build();
        tasks.remove(0).run(); // setting up: strategy, monitor, first window
        for (int i = 0; i < 6; i++) {
            infer(optimizer);
        }
        assertThat(tasks).as("six calls, each longer than the 1 ns window: the window stays open").isEmpty();
        infer(optimizer);
        assertThat(tasks).as("the seventh call closes it").hasSize(1);
        assertThatThrownBy(() -> EnergyOptimizer.builder(device()).minCallsPerWindow(0))
                .hasMessageContaining("at least 1 call");
    }

    @Test
    public void theCallerNeverMeasuresOrDecides() throws Exception {
        // An executor that holds its tasks: whatever the optimizer schedules does not run on the caller's thread.
        List<Runnable> tasks = new ArrayList<>();
        EnergyOptimizer optimizer = optimizer(device(), tasks::add).build();
        assertThat(tasks).hasSize(1); // setting up: strategy, monitor, first configuration
        for (int i = 0; i < 10; i++) {
            infer(optimizer);
        }
        assertThat(optimizer.statistics().inferences()).isZero();
        tasks.remove(0).run();
        Configuration first = optimizer.settings().configuration();
        assertThat(first).isEqualTo(Configuration.governed().with(Knob.THREADS, 1).with(Knob.BATCH, 1));

        while (tasks.isEmpty()) {
            infer(optimizer);
        }
        // The window closed on the caller's side; its measurement waits for the worker.
        assertThat(optimizer.statistics().windows()).isZero();
        assertThat(optimizer.settings().configuration()).isEqualTo(first);
        int callsBefore = model.calls();
        infer(optimizer); // runs between windows: not counted, not blocked
        assertThat(model.calls()).isEqualTo(callsBefore + 1);
        tasks.remove(0).run();
        assertThat(optimizer.statistics().windows()).isEqualTo(1);
        assertThat(optimizer.statistics().lastEnergyPerInferenceJ()).isCloseTo(FakeModel.energyPerInferenceJ(1, 1),
                within(1e-4));
        assertThat(optimizer.settings().configuration()).isEqualTo(first.with(Knob.BATCH, 2));
    }

    @Test
    public void severalThreadsShareOneOptimizerWithItsOwnBackgroundThread() throws Exception {
        EnergyOptimizer optimizer = optimizer(device(), null).build(); // the optimizer's own background thread
        int threads = 4;
        int callsEach = 150;
        AtomicInteger wrongResults = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread caller = new Thread(() -> {
                try {
                    for (int i = 0; i < callsEach; i++) {
                        int[] batchSeen = new int[1];
                        float[] out = optimizer.run(settings -> {
                            batchSeen[0] = settings.batch();
                            Thread.sleep(1); // real work takes real time: the background thread keeps up
                            return model.run(settings.threads(), settings.batch());
                        });
                        if (out.length != batchSeen[0]) {
                            wrongResults.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            callers.add(caller);
            caller.start();
        }
        for (Thread caller : callers) {
            caller.join(60_000);
        }
        assertThat(failure.get()).isNull();
        assertThat(wrongResults.get()).isZero();
        assertThat(model.calls()).isEqualTo(threads * callsEach);

        optimizer.close(); // queued after every window the callers closed
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (optimizer.statistics().enabled() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        OptimizerStatistics stats = optimizer.statistics();
        assertThat(stats.enabled()).as("the background thread processed close()").isFalse();
        assertThat(stats.windows()).isGreaterThanOrEqualTo(3);
        assertThat(stats.invalidWindows()).isZero();
        long observed = 0;
        for (Observation observation : sweep.observed) {
            observed += observation.inferences();
        }
        assertThat(stats.inferences()).isEqualTo(observed).isLessThanOrEqualTo(8L * threads * callsEach);
        assertThat(stats.energyJ()).isPositive().isLessThanOrEqualTo(model.drainedJ() + 1e-6);
    }

    @Test
    public void adpfHearsEveryCallsDurationAndTheStrategyCanPreferEfficiency() throws Exception {
        Context context = RuntimeEnvironment.getApplication();
        device(); // the battery broadcast
        AndroidDevice device = AndroidDevice.builder(context).threads(2).clock(clock)
                .adpf(new int[] {android.os.Process.myTid()}, 20_000, 50_000).build();
        assertThat(device.knobs()).extracting(Knob::name)
                .containsExactly(Knob.THREADS, AndroidDevice.ADPF_TARGET_US, AndroidDevice.ADPF_PREFER_EFFICIENCY);
        EnergyOptimizer optimizer = optimizer(device, Runnable::run).build();
        for (int i = 0; i < 3; i++) {
            optimizer.run(() -> model.run(2, 1));
        }
        ShadowHintSession session = ShadowHintSession.latest();
        long latencyNs = Math.round(FakeModel.latencyS(2, 1) * 1e9);
        assertThat(session.reportedNs()).containsExactly(latencyNs, latencyNs, latencyNs);
        // The sweep's first configuration pins the tight target without the efficiency preference.
        assertThat(session.targetsNs()).endsWith(20_000_000L);

        device.apply(Configuration.governed().with(AndroidDevice.ADPF_PREFER_EFFICIENCY, 2));
        assertThat(session.preferPowerEfficiency()).isTrue();
        optimizer.close();
        assertThat(session.preferPowerEfficiency()).as("close restores the original: no preference").isFalse();
        assertThat(session.targetsNs()).endsWith(50_000_000L);
    }

    @Test
    public void configurationMistakesAreExplained() {
        AndroidDevice device = device();
        assertThatThrownBy(() -> EnergyOptimizer.builder(device).strategy((d, o) -> null).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sloMs");
        assertThatThrownBy(() -> EnergyOptimizer.builder(device).sloMs(50).model(" ").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name the model");
        assertThatThrownBy(() -> EnergyOptimizer.builder(device).sloMs(50).eta(1.5).strategy((d, o) -> null).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eta");
    }

    @Test
    public void withoutAProfileTheHybridWarmStartsOnTheDeviceAndExportsWhatItLearned() throws Exception {
        AndroidDevice device = device();
        EnergyOptimizer optimizer = EnergyOptimizer.builder(device).sloMs(60).windowNs(2_000_000_000L)
                .executor(Runnable::run).build();
        assertThat(optimizer.statistics().strategy()).isEqualTo("hybrid");
        assertThat(optimizer.statistics().warmStart()).contains("Bayesian optimisation", "no profile was given");
        while (optimizer.profile() == null && optimizer.statistics().windows() < 40) {
            infer(optimizer);
        }
        Profile learned = optimizer.profile();
        assertThat(learned).as("the BO warm start completed within 40 windows").isNotNull();
        assertThat(learned.deviceIdentity()).isEqualTo(device.info().identity());
        assertThat(learned.modelHash()).isEqualTo("app-model");
        assertThat(learned.trace()).isEqualTo("app");
        assertThat(learned.predictions()).as("every threads x batch configuration").hasSize(12);
        optimizer.close();

        // The exported file warm-starts the next session at once, at the profile's favourite configuration.
        File file = new File(RuntimeEnvironment.getApplication().getFilesDir(), "zeus-profile.json");
        try (OutputStream out = new FileOutputStream(file)) {
            ProfileJson.write(learned, out);
        }
        EnergyOptimizer next = EnergyOptimizer.builder(device()).sloMs(60).profile(file).executor(Runnable::run).build();
        Objective objective = new Objective(0.5, 0.060, 5.0);
        assertThat(next.statistics().warmStart()).startsWith("profile from hybrid's Bayesian-optimisation warm start");
        assertThat(next.settings().configuration())
                .isEqualTo(new ProfilePrior(learned.predictions(), objective).ranked(1).get(0));
        assertThat(next.profile().source()).as("an imported profile is what there is to export")
                .isEqualTo(learned.source());
        next.close();
    }

    @Test
    public void aProfileOfAnotherDeviceOrModelIsLeftOutAndTheStatisticsSayWhy() {
        Profile elsewhere = Profile.forDevice("android:another:phone").model("app-model")
                .predict(Configuration.governed().with(Knob.THREADS, 4).with(Knob.BATCH, 4),
                        new Prediction(0.05, 0.01, 0.04, Traffic.CLOSED_LOOP))
                .build();
        EnergyOptimizer other = EnergyOptimizer.builder(device()).sloMs(60).profile(elsewhere).executor(Runnable::run)
                .build();
        assertThat(other.statistics().warmStart()).contains("Bayesian optimisation",
                "made on device android:another:phone, this is android:");
        other.close();

        AndroidDevice device = device();
        Profile otherModel = Profile.forDevice(device.info().identity()).model("yolo@3")
                .predict(Configuration.governed().with(Knob.THREADS, 4).with(Knob.BATCH, 4),
                        new Prediction(0.05, 0.01, 0.04, Traffic.CLOSED_LOOP))
                .build();
        EnergyOptimizer wrongModel = EnergyOptimizer.builder(device).sloMs(60).model("minilm@1").profile(otherModel)
                .executor(Runnable::run).build();
        assertThat(wrongModel.statistics().warmStart()).contains("the profile is for model yolo@3, this is minilm@1");
        wrongModel.close();
    }

    @Test
    public void aProfileFileThatIsNotOneIsExplained() throws Exception {
        File missing = new File(RuntimeEnvironment.getApplication().getFilesDir(), "none.json");
        EnergyOptimizer cold = EnergyOptimizer.builder(device()).sloMs(60).profile(missing).executor(Runnable::run).build();
        assertThat(cold.statistics().warmStart()).contains("no profile was given");
        cold.close();

        File garbage = new File(RuntimeEnvironment.getApplication().getFilesDir(), "garbage.json");
        try (OutputStream out = new FileOutputStream(garbage)) {
            out.write("{\"schema\": 7}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> EnergyOptimizer.builder(device()).profile(garbage))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(garbage.getPath())
                .hasMessageContaining("schema 7").hasMessageContaining("export it again");
    }
}
