package org.zeusmobile.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.annotation.Config;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.strategy.Prediction;
import org.zeusmobile.core.strategy.Profile;
import org.zeusmobile.core.strategy.Traffic;

/** Android's org.json reads and writes the JSON profiles the CLI's profile store imports. */
@RunWith(RobolectricTestRunner.class)
@Config(sdk = 35)
public class ProfileJsonTest {

    /**
     * A schema-1 profile file as the profile store imports it: zeus-store's JsonProfileFormatTest reads the same file,
     * so the store and the app agree on one format.
     */
    static final String STORE_FILE = storeFile();

    private static String storeFile() {
        try {
            return new String(Files.readAllBytes(Paths.get("../zeus-store/src/test/resources/profiles/schema-1.json")),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the shared profile fixture of zeus-store is missing", e);
        }
    }

    @Test
    public void readsWhatTheProfileStoreWrites() throws Exception {
        Profile profile = ProfileJson.read(new ByteArrayInputStream(STORE_FILE.getBytes(StandardCharsets.UTF_8)));
        assertThat(profile.deviceIdentity()).isEqualTo("android:robolectric:robolectric:robolectric:-1");
        assertThat(profile.modelHash()).isEqualTo("minilm@1");
        assertThat(profile.trace()).isEqualTo("closed");
        assertThat(profile.inputSize()).isEqualTo(128);
        assertThat(profile.traffic()).isEqualTo(Traffic.CLOSED_LOOP);
        assertThat(profile.source()).isEqualTo("hybrid's BO warm start on the device");
        Prediction fourByTwo = profile.predictions().get(Configuration.governed().with("threads", 4).with("batch", 2));
        assertThat(fourByTwo.energyPerInferenceJ()).isEqualTo(0.0315);
        assertThat(fourByTwo.timePerInferenceS()).isEqualTo(0.0125);
        assertThat(fourByTwo.latencyP95S()).isEqualTo(0.025);
        assertThat(profile.predictions()).hasSize(2);
    }

    @Test
    public void whatItWritesReadsBackTheSame() throws Exception {
        Profile profile = ProfileJson.parse(STORE_FILE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProfileJson.write(profile, out);
        Profile back = ProfileJson.read(new ByteArrayInputStream(out.toByteArray()));
        assertThat(back.toString()).isEqualTo(profile.toString());
        assertThat(back.predictions().keySet()).containsExactlyElementsOf(profile.predictions().keySet());
        for (Configuration c : profile.predictions().keySet()) {
            assertThat(back.predictions().get(c).toString()).isEqualTo(profile.predictions().get(c).toString());
        }
        assertThat(out.toString("UTF-8")).contains("\"schema\": 1", "\"sequence_length\": 128", "\"latency_p95_s\": 0.025");
    }

    @Test
    public void aFileFromBeforeProfilesNamedTheirTrafficTakesItFromTheTrace() {
        assertThat(ProfileJson.parse(STORE_FILE.replace("  \"traffic\" : \"closed-loop\",\n", "")).traffic())
                .isEqualTo(Traffic.CLOSED_LOOP);
        assertThat(ProfileJson.parse(STORE_FILE.replace("  \"traffic\" : \"closed-loop\",\n", "")
                .replace("\"closed\"", "\"periodic:30\"")).traffic()).isEqualTo(Traffic.OPEN_LOOP);
    }

    @Test
    public void anotherSchemaOrAMissingFieldIsRefusedByName() {
        assertThatThrownBy(() -> ProfileJson.parse(STORE_FILE.replace("\"schema\" : 1", "\"schema\" : 2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schema 2")
                .hasMessageContaining("reads schema 1");
        assertThatThrownBy(() -> ProfileJson.parse(STORE_FILE.replace("\"model_hash\"", "\"model\"")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("model_hash");
        assertThatThrownBy(() -> ProfileJson.parse(STORE_FILE.replace("0.0125", "-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a measurement");
        assertThatThrownBy(() -> ProfileJson.parse("[1, 2]")).hasMessageContaining("not a Zeus Mobile profile");
    }
}
