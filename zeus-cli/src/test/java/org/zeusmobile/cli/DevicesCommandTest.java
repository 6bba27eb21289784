package org.zeusmobile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DevicesCommandTest {

    @ParameterizedTest
    @ValueSource(strings = {"snapdragon-8-gen-2", "snapdragon-855", "jetson-orin-nano", "jetson-tx2"})
    void everyBuiltInProfileIsDescribedInSchemaOneJson(String profile) throws IOException {
        CliRun run = CliRun.of("devices", "--device", "sim:" + profile, "--json");

        assertThat(run.exitCode).as(run.toString()).isZero();
        JsonNode doc = Json.MAPPER.readTree(run.out);
        assertThat(doc.path("schema").asInt()).isEqualTo(1);
        assertThat(doc.path("device").path("simulated").asBoolean()).isTrue();
        assertThat(doc.path("device").path("spec").asText()).isEqualTo("sim:" + profile);
        assertThat(doc.path("knobs")).isNotEmpty();
        for (JsonNode knob : doc.path("knobs")) {
            assertThat(knob.path("name").asText()).matches("cpu\\.policy\\d+\\.freq|gpu\\.freq|mem\\.[a-z0-9_.-]+\\.freq"
                    + "|batch|threads");
            assertThat(knob.path("values")).isNotEmpty();
            assertThat(knob.has("current")).isTrue();
            assertThat(knob.has("governor")).isTrue();
            if (knob.path("name").asText().endsWith(".freq")) {
                assertThat(knob.path("unit").asText()).isEqualTo("Hz");
                assertThat(knob.path("values").get(0).asLong()).as("Hz, not kHz").isGreaterThan(1_000_000L);
            }
        }
        assertThat(doc.path("meters")).isNotEmpty();
        for (JsonNode meter : doc.path("meters")) {
            assertThat(meter.path("kind").asText()).isIn("energy", "power");
            assertThat(meter.path("unit").asText()).isIn("J", "W");
            assertThat(meter.path("update_period_ms").asDouble()).isPositive();
            assertThat(meter.has("estimated")).isTrue();
        }
        assertThat(doc.path("thermal")).isNotEmpty();
    }

    @Test
    void tableMarksTheSimulatedDevice() {
        CliRun run = CliRun.of("devices");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("snapdragon-8-gen-2  [SIMULATED]").contains("gpu.freq").contains("Meters:");
    }

    @Test
    void unknownDeviceIsAUsageErrorThatListsTheKnownSpecs() {
        CliRun run = CliRun.of("devices", "--device", "phone:7");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.out).isEmpty();
        assertThat(run.err.trim()).startsWith("zeus-mobile: unknown device 'phone:7'; known: ").contains("sim:")
                .doesNotContain("\n");
    }

    @Test
    void unknownSimulatedProfileNamesTheBuiltIns() {
        CliRun run = CliRun.of("devices", "--device", "sim:pixel-99");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("pixel-99").contains("snapdragon-8-gen-2");
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun run = CliRun.of("devices", "--colour");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("--colour");
    }
}
