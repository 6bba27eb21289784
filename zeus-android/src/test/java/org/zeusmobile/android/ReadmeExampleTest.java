package org.zeusmobile.android;

import static org.assertj.core.api.Assertions.assertThat;

import android.content.Context;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.annotation.Config;
import org.zeusmobile.android.shadows.TestShadows;
import org.zeusmobile.core.ManualClock;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.strategy.Prediction;
import org.zeusmobile.core.strategy.Profile;
import org.zeusmobile.core.strategy.Traffic;

/** The in-app example of zeus-android's README, run as it is written there, on a phone simulated by Robolectric. */
@RunWith(RobolectricTestRunner.class)
@Config(sdk = 35)
public class ReadmeExampleTest {

    private static final String SOURCE = "src/test/java/org/zeusmobile/android/ReadmeExampleTest.java";

    @Before
    public void phone() {
        TestShadows.reset();
        new Phone().battery(3900, 0, 310).energyCounterNwh(40_000_000_000L);
    }

    @Test
    public void theReadmeShowsExactlyTheCodeThisTestRuns() throws IOException {
        List<String> readme = codeLines(new String(Files.readAllBytes(Paths.get("README.md")), StandardCharsets.UTF_8),
                "```java\n", "```");
        List<String> here = codeLines(new String(Files.readAllBytes(Paths.get(SOURCE)), StandardCharsets.UTF_8),
                "// README example: begin\n", "// README example: end");
        assertThat(here).hasSize(8);
        assertThat(readme).isEqualTo(here);
    }

    /** The trimmed lines between the first {@code begin} marker and the next {@code end} marker. */
    private static List<String> codeLines(String text, String begin, String end) {
        int from = text.indexOf(begin) + begin.length();
        List<String> lines = new ArrayList<>();
        for (String line : text.substring(from, text.indexOf(end, from)).split("\n")) {
            if (!line.trim().isEmpty()) {
                lines.add(line.trim());
            }
        }
        return lines;
    }

    @Test
    public void theExampleRunsTheHybridFromTheShippedProfile() throws Exception {
        Context context = RuntimeEnvironment.getApplication();
        FakeModel model = new FakeModel(new ManualClock());
        // 25 ms at a 50 ms SLO: room enough to try before the session has served a request on time.
        Configuration favourite = Configuration.governed().with(Knob.THREADS, 4).with(Knob.BATCH, 2);
        shipProfile(context, favourite);

        // README example: begin
        // Once, off the UI thread: building probes the meters through binder calls.
        AndroidDevice device = AndroidDevice.builder(context).threads(1, 2, 4).batchSizes(1, 2, 4, 8).build();
        EnergyOptimizer optimizer = EnergyOptimizer.builder(device)
                .sloMs(50)
                .profile(new File(context.getFilesDir(), "zeus-profile.json"))
                .build();
        // Per request, from any thread: measuring and deciding run in the background.
        float[] scores = optimizer.run(s -> model.run(s.threads(), s.batch()));
        // README example: end

        assertThat(scores.length).as("batch 1 untuned, or 2 once the background thread applied the warm start")
                .isIn(1, 2);
        // The background thread sets up the strategy and applies its first configuration: wait for it (no timing).
        for (int i = 0; i < 1000 && !optimizer.settings().configuration().equals(favourite); i++) {
            Thread.sleep(10);
        }
        assertThat(optimizer.statistics().strategy()).isEqualTo("hybrid");
        assertThat(optimizer.statistics().warmStart()).isEqualTo("profile from a previous session on this phone");
        assertThat(optimizer.settings().configuration()).as("the profile's favourite, at once").isEqualTo(favourite);
        float[] batch = optimizer.run(s -> model.run(s.threads(), s.batch()));
        assertThat(batch).as("a batch of 2").hasSize(2);
        optimizer.close();
    }

    /** What the app shipped: a profile of this phone, made as the README says, that favours {@code favourite}. */
    private static void shipProfile(Context context, Configuration favourite) throws IOException {
        String identity = AndroidDevice.builder(context).threads(1, 2, 4).batchSizes(1, 2, 4, 8).build().info().identity();
        Profile.Builder profile = Profile.forDevice(identity).model("app-model")
                .source("a previous session on this phone");
        for (int threads : new int[] {1, 2, 4}) {
            for (int batch : new int[] {1, 2, 4, 8}) {
                double latencyS = FakeModel.latencyS(threads, batch);
                Configuration c = Configuration.governed().with(Knob.THREADS, threads).with(Knob.BATCH, batch);
                double skew = c.equals(favourite) ? 0.5 : 1.0;
                profile.predict(c, new Prediction(FakeModel.energyPerInferenceJ(threads, batch) * skew,
                        latencyS / batch, latencyS, Traffic.CLOSED_LOOP));
            }
        }
        try (OutputStream out = new FileOutputStream(new File(context.getFilesDir(), "zeus-profile.json"))) {
            ProfileJson.write(profile.build(), out);
        }
    }
}
