package org.zeusmobile.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.annotation.Config;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.strategy.Prediction;
import org.zeusmobile.core.strategy.Profile;
import org.zeusmobile.core.strategy.Traffic;

/** Android's org.json reads and writes what the CLI's profile store keeps. */
@RunWith(RobolectricTestRunner.class)
@Config(sdk = 35)
public class ProfileJsonTest {

    /** A profile as zeus-lab's ProfileStore.save writes it (Jackson, indented), schema 1. */
    static final String STORE_FILE = "{\n"
            + "  \"schema\" : 1,\n"
            + "  \"device_identity\" : \"android:robolectric:robolectric:robolectric:-1\",\n"
            + "  \"model_hash\" : \"minilm@1\",\n"
            + "  \"trace\" : \"closed\",\n"
            + "  \"traffic\" : \"closed-loop\",\n"
            + "  \"sequence_length\" : 128,\n"
            + "  \"source\" : \"hybrid's BO warm start on the device\",\n"
            + "  \"configurations\" : [ {\n"
            + "    \"configuration\" : {\n"
            + "      \"batch\" : 2,\n"
            + "      \"threads\" : 4\n"
            + "    },\n"
            + "    \"energy_per_inference_j\" : 0.0315,\n"
            + "    \"time_per_inference_s\" : 0.0125,\n"
            + "    \"latency_p95_s\" : 0.025\n"
            + "  }, {\n"
            + "    \"configuration\" : {\n"
            + "      \"batch\" : 1,\n"
            + "      \"threads\" : 1\n"
            + "    },\n"
            + "    \"energy_per_inference_j\" : 0.081,\n"
            + "    \"time_per_inference_s\" : 0.045,\n"
            + "    \"latency_p95_s\" : 0.045\n"
            + "  } ]\n"
            + "}";

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
