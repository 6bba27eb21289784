package org.zeusmobile.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.strategy.Observation;
import org.zeusmobile.core.strategy.Prediction;
import org.zeusmobile.core.strategy.Traffic;

/** What every database under the profile store must do; one subclass per engine. */
abstract class ProfileStoreContract {

    static final ProfileKey KEY = new ProfileKey("sim:snapdragon-8-gen-2:1a2b", "sha256:0f", "closed", 128);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** A URL of a store no test has used. */
    abstract String newStoreUrl() throws Exception;

    JdbcProfileStore open(String url) {
        return JdbcProfileStore.open(url, CLOCK);
    }

    @Test
    void opensAnEmptyStoreAndReopensItWithoutMigratingAgain() throws Exception {
        String url = newStoreUrl();
        try (JdbcProfileStore store = open(url)) {
            assertThat(store.load(KEY, "board-1").isEmpty()).isTrue();
            store.registerDevice("board-1", KEY.deviceClass(), "first board");
        }
        try (JdbcProfileStore store = open(url)) {
            store.registerDevice("board-1", KEY.deviceClass(), "first board, seen again");
            assertThat(store.load(KEY, "board-1").isEmpty()).isTrue();
        }
    }

    @Test
    void aBoardsModelAndWindowsComeBackAsItsOwn() throws Exception {
        try (JdbcProfileStore store = open(newStoreUrl())) {
            Map<Configuration, Prediction> model = new LinkedHashMap<>();
            model.put(FleetPriorTest.A, new Prediction(0.05, 0.010, 0.020, Traffic.OPEN_LOOP));
            model.put(FleetPriorTest.B, new Prediction(0.07, 0.008, 0.016, Traffic.OPEN_LOOP));
            store.savePredictions(KEY, "board-1", model, "polythrottle-bo, 12 samples", 12);
            List<Observation> windows = new ArrayList<>();
            windows.add(FleetPriorTest.window(FleetPriorTest.A, 0.040));
            windows.add(FleetPriorTest.window(FleetPriorTest.A, 0.044));
            windows.add(FleetPriorTest.window(Configuration.governed(), 0.1)); // not a profile's
            store.recordWindows(KEY, "board-1", windows);

            StoredProfile profile = store.load(KEY, "board-1");
            assertThat(profile.predictions()).containsOnlyKeys(FleetPriorTest.A, FleetPriorTest.B);
            assertThat(profile.predictions().get(FleetPriorTest.A).energyPerInferenceJ()).isCloseTo(0.042,
                    within(1e-12));
            assertThat(profile.predictions().get(FleetPriorTest.B).energyPerInferenceJ()).isEqualTo(0.07);
            assertThat(profile.predictions().get(FleetPriorTest.B).traffic()).isEqualTo(Traffic.OPEN_LOOP);
            assertThat(profile.predictions().get(FleetPriorTest.A).traffic()).isEqualTo(Traffic.CLOSED_LOOP);
            assertThat(profile.ownWindows()).isEqualTo(2);
            assertThat(profile.otherDevices()).isZero();
            ArmSums arm = store.arms(KEY, "board-1").get(FleetPriorTest.A);
            assertThat(arm.windows()).isEqualTo(2);
            assertThat(arm.inferences()).isEqualTo(200);
            assertThat(arm.energyJStandardDeviation()).isCloseTo(Math.sqrt(0.000008), within(1e-9));
            // Another key is another profile.
            assertThat(store.load(new ProfileKey(KEY.deviceClass(), KEY.modelHash(), "periodic:30", 128), "board-1")
                    .isEmpty()).isTrue();
        }
    }

    @Test
    void aNewBoardStartsFromTheFleetAndEachBoardKeepsItsOwnRows() throws Exception {
        String url = newStoreUrl();
        try (JdbcProfileStore one = open(url); JdbcProfileStore two = open(url)) {
            one.recordWindows(KEY, "cool-board", Collections.nCopies(3, FleetPriorTest.window(FleetPriorTest.A, 0.040)));
            two.recordWindows(KEY, "hot-board", Collections.nCopies(1, FleetPriorTest.window(FleetPriorTest.A, 0.048)));
            StoredProfile forNew = one.load(KEY, "new-board");
            assertThat(forNew.predictions().get(FleetPriorTest.A).energyPerInferenceJ()).isCloseTo(0.042,
                    within(1e-12));
            assertThat(forNew.otherDevices()).isEqualTo(2);
            assertThat(forNew.hasOwnData()).isFalse();
            assertThat(two.arms(KEY, "hot-board").get(FleetPriorTest.A).mean().energyPerInferenceJ()).isEqualTo(0.048);
            assertThat(one.arms(KEY, "cool-board").get(FleetPriorTest.A).mean().energyPerInferenceJ()).isEqualTo(0.040);
        }
    }

    /** Writers that each add windows to the same arms at once: every window is in the sums. */
    @Test
    void concurrentWritersLoseNoUpdate() throws Exception {
        String url = newStoreUrl();
        int writers = 8;
        int windowsEach = 40;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int w = 0; w < writers; w++) {
                final String board = "board-" + (w % 2); // two boards, four writers each: same rows, same time
                done.add(pool.submit(() -> {
                    try (JdbcProfileStore store = open(url)) {
                        start.await();
                        for (int i = 0; i < windowsEach; i++) {
                            List<Observation> two = new ArrayList<>();
                            two.add(FleetPriorTest.window(FleetPriorTest.A, 0.001 * (i + 1)));
                            two.add(FleetPriorTest.window(i % 2 == 0 ? FleetPriorTest.B : FleetPriorTest.C, 0.002));
                            store.recordWindows(KEY, board, two);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        try (JdbcProfileStore store = open(url)) {
            for (String board : new String[] {"board-0", "board-1"}) {
                Map<Configuration, ArmSums> arms = store.arms(KEY, board);
                assertThat(arms.get(FleetPriorTest.A).windows()).isEqualTo(4L * windowsEach);
                assertThat(arms.get(FleetPriorTest.A).inferences()).isEqualTo(4L * windowsEach * 100);
                // Sum of 0.001 x (1..40) per writer, four writers.
                assertThat(arms.get(FleetPriorTest.A).mean().energyPerInferenceJ() * 4 * windowsEach)
                        .isCloseTo(4 * 0.001 * windowsEach * (windowsEach + 1) / 2.0, within(1e-9));
                assertThat(arms.get(FleetPriorTest.B).windows() + arms.get(FleetPriorTest.C).windows())
                        .isEqualTo(4L * windowsEach);
            }
        }
    }

    @Test
    void jsonProfilesOfEarlierVersionsAreImportedOnce() throws Exception {
        Path legacy = Files.createDirectories(dir.resolve("profiles"));
        Files.write(legacy.resolve("sim_snapdragon__sha__closed__seq128.json"), ("{\"schema\": 1, "
                + "\"device_identity\": \"" + KEY.deviceClass() + "\", \"model_hash\": \"" + KEY.modelHash() + "\", "
                + "\"trace\": \"closed\", \"sequence_length\": 128, \"source\": \"polythrottle-bo, 30 samples\", "
                + "\"configurations\": [{\"configuration\": {\"batch\": 2, \"gpu.freq\": 475000000}, "
                + "\"energy_per_inference_j\": 0.05, \"time_per_inference_s\": 0.01, \"latency_p95_s\": 0.02}]}")
                .getBytes(StandardCharsets.UTF_8));
        Files.write(legacy.resolve("notes.json"), "[1, 2]".getBytes(StandardCharsets.UTF_8));
        try (JdbcProfileStore store = open(newStoreUrl())) {
            List<String> skipped = new ArrayList<>();
            assertThat(store.importJson(legacy, "this-machine", skipped)).isEqualTo(1);
            assertThat(skipped).hasSize(1).first().asString().contains("notes.json");
            assertThat(store.importJson(legacy, "this-machine", new ArrayList<>())).isZero();
            StoredProfile profile = store.load(KEY, "this-machine");
            assertThat(profile.predictions().get(FleetPriorTest.A).energyPerInferenceJ()).isEqualTo(0.05);
            assertThat(profile.predictions().get(FleetPriorTest.A).traffic()).as("a closed trace").isEqualTo(
                    Traffic.CLOSED_LOOP);
            assertThat(profile.describe()).contains("polythrottle-bo, 30 samples");
        }
    }
}
