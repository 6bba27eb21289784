package org.zeusmobile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** compare, optimize and profile through picocli, on short simulated runs. */
class OnlineCommandsTest {

    @TempDir
    Path dir;

    private String profiles() {
        return dir.resolve("profiles").toString();
    }

    @Test
    void compareWritesSchemaTwoJsonAndTheReport() throws IOException {
        Path out = dir.resolve("report");
        CliRun run = CliRun.of("compare", "--strategies", "default,oracle,hybrid", "--seeds", "1", "--duration", "60s",
                "--profiles", profiles(), "--json", "--out", out.toString());

        assertThat(run.exitCode).as(run.toString()).isZero();
        JsonNode doc = Json.MAPPER.readTree(run.out);
        assertThat(doc.path("schema").asInt()).isEqualTo(2);
        assertThat(doc.path("simulated").asBoolean()).isTrue();
        assertThat(doc.path("device").asText()).isEqualTo("sim:snapdragon-8-gen-2");
        assertThat(doc.path("model").asText()).isEqualTo("minilm");
        assertThat(doc.path("slo_ms").asDouble()).isPositive();
        assertThat(doc.path("strategies")).extracting(s -> s.path("name").asText())
                .containsExactly("default", "default-batched", "oracle", "hybrid");
        JsonNode defaults = doc.path("strategies").get(0);
        assertThat(defaults.path("energy_vs_default").asDouble()).isEqualTo(1.0);
        assertThat(doc.path("split").path("both").path("configuration").path("batch").isNumber()).isTrue();
        for (String file : Report.FILES) {
            assertThat(out.resolve(file)).isNotEmptyFile();
        }
        BufferedImage pareto = ImageIO.read(out.resolve("pareto.png").toFile());
        assertThat(pareto).isNotNull();
        JsonNode saved = Json.MAPPER.readTree(out.resolve("results.json").toFile());
        assertThat(saved.path("profile").size()).as("every configuration of the search space").isGreaterThan(100);
        for (JsonNode strategy : saved.path("strategies")) {
            assertThat(strategy.path("timeline").size()).as(strategy.path("name").asText()).isGreaterThan(5);
        }
    }

    @Test
    void optimizeSummarisesTheChoiceAgainstDefault() {
        CliRun run = CliRun.of("optimize", "--strategy", "hybrid", "--duration", "60s", "--trace", "periodic:20",
                "--profiles", profiles());

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).startsWith("SIMULATED: hybrid on sim:snapdragon-8-gen-2").contains("chosen configuration")
                .contains("energy per inference").contains("latency p50/p95/p99")
                .containsPattern("vs default +\\d+\\.\\d% (less|more) energy").contains("vs default-batched ");
    }

    @Test
    void optimizeRunsOnTheHostWithOnnxRuntimeAgainstDefault() throws IOException {
        CliRun run = CliRun.of("optimize", "--device", "host", "--duration", "12s", "--json");

        assertThat(run.exitCode).as(run.toString()).isZero();
        JsonNode doc = Json.MAPPER.readTree(run.out);
        assertThat(doc.path("simulated").asBoolean()).isFalse();
        assertThat(doc.path("device").asText()).isEqualTo("host");
        assertThat(doc.path("scenario").asText()).isEqualTo("live");
        assertThat(doc.path("strategies")).extracting(s -> s.path("name").asText())
                .containsExactly("default", "default-batched", "hybrid");
        assertThat(doc.path("energy").path("scope").asText()).isEqualTo("whole-device");
        JsonNode hybrid = doc.path("strategies").get(2);
        assertThat(hybrid.path("energy_per_inference_j").asDouble()).isPositive();
        assertThat(hybrid.path("energy_vs_oracle").isNull()).as("no oracle on real hardware").isTrue();
        assertThat(hybrid.path("final_configuration").has("threads")).isTrue();
    }

    @Test
    void scenariosAreSimulatedConditionsNotForRealDevices() {
        CliRun run = CliRun.of("optimize", "--device", "host", "--scenario", "thermal", "--duration", "10s");

        assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
        assertThat(run.err).contains("--scenario thermal is a simulated condition");
    }

    @Test
    void profileMarksAParetoFront() throws IOException {
        CliRun run = CliRun.of("profile", "--batch", "1,2", "--profiles", profiles());

        assertThat(run.exitCode).as(run.toString()).isZero();
        JsonNode doc = Json.MAPPER.readTree(run.out);
        assertThat(doc.path("schema").asInt()).isEqualTo(1);
        assertThat(doc.path("simulated").asBoolean()).isTrue();
        JsonNode configurations = doc.path("configurations");
        assertThat(configurations.size()).isGreaterThan(50);
        long front = 0;
        for (JsonNode c : configurations) {
            assertThat(c.path("configuration").path("batch").asLong()).isIn(1L, 2L);
            assertThat(c.path("energy_per_inference_j").asDouble()).isPositive();
            front += c.path("pareto").asBoolean() ? 1 : 0;
        }
        assertThat(front).isBetween(2L, (long) configurations.size() - 1);
    }

    @Test
    void heldAndTunedKnobsNarrowEveryStrategyAndTheOracle() throws IOException {
        CliRun run = CliRun.of("compare", "--strategies", "default,oracle,zeus-jit", "--seeds", "1", "--duration", "60s",
                "--fix", "batch=1", "--knobs", "gpu.freq", "--profiles", profiles(), "--json");

        assertThat(run.exitCode).as(run.toString()).isZero();
        JsonNode doc = Json.MAPPER.readTree(run.out);
        assertThat(doc.path("knobs").path("tuned")).extracting(JsonNode::asText).containsExactly("gpu.freq");
        assertThat(doc.path("knobs").path("held").path("batch").asLong()).isEqualTo(1);
        for (JsonNode strategy : doc.path("strategies")) {
            JsonNode pins = strategy.path("final_configuration");
            assertThat(pins.path("batch").asLong()).as(strategy.path("name").asText()).isEqualTo(1);
            assertThat(Json.MAPPER.convertValue(pins, java.util.Map.class).keySet()).isSubsetOf("batch", "gpu.freq");
        }
    }

    @Test
    void profileSearchesOnlyTheTunedKnobs() throws IOException {
        CliRun run = CliRun.of("profile", "--knobs", "gpu.freq,batch", "--profiles", profiles());

        assertThat(run.exitCode).as(run.toString()).isZero();
        for (JsonNode c : Json.MAPPER.readTree(run.out).path("configurations")) {
            assertThat(Json.MAPPER.convertValue(c.path("configuration"), java.util.Map.class).keySet())
                    .containsExactlyInAnyOrder("gpu.freq", "batch");
        }
    }

    @Test
    void optimizeNeverEndsOnAConfigurationThatMissesTheSloWithoutSayingSo() {
        CliRun run = CliRun.of("optimize", "--strategy", "zeus-jit", "--slo-ms", "5", "--duration", "30s",
                "--profiles", profiles());

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("WARNING").contains("missed the SLO")
                .contains("nothing it tried met the SLO, so the recommendation falls back to default")
                .contains("chosen configuration  batch=1\n").contains("SLO MISSED").doesNotContain("vs default ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "compare|--slo-ms|0|--slo-ms must be from 0.1 to 3600000 ms",
        "compare|--slo-ms|-5|--slo-ms must be from 0.1 to 3600000 ms",
        "optimize|--eta|1.5|--eta must be in [0, 1]",
        "optimize|--eta|-0.1|--eta must be in [0, 1]",
        "compare|--device|phone:1|unknown device 'phone:1'",
        "optimize|--device|sim:pixel-99|pixel-99",
        "compare|--device|host|need a simulated device",
        "compare|--seeds|0|--seeds must be from 1 to 1000",
        "optimize|--strategy|greedy|unknown strategy 'greedy'",
        "profile|--device|host|run 'zeus-mobile optimize --device host'",
        "optimize|--device|adb:emulator-5554|tune phones from inside the app with zeus-android",
        "compare|--strategies|default,greedy|unknown strategy 'greedy'",
        "compare|--trace|weekly:3|weekly:3",
        "compare|--scenario|earthquake|earthquake",
        "compare|--duration|ten|needs a unit",
        "optimize|--model|/no/such/model.onnx|/no/such/model.onnx",
        "profile|--strategy|random|--strategy must be exhaustive or bo",
        "compare|--fix|batch|is not KNOB=VALUE",
        "compare|--fix|gpu.freq=123MHz|illegal value",
        "optimize|--fix|warp.drive=1|no knob 'warp.drive'",
        "compare|--knobs|warp.drive|'warp.drive' cannot be tuned here",
        "profile|--knobs|gpu.freq,gpu.freq|listed twice",
    })
    void badInputIsAUsageErrorWithOneLine(String command, String option, String value, String message) {
        CliRun run = option.equals("--duration") ? CliRun.of(command, option, value)
                : CliRun.of(command, option, value, "--duration", "30s");

        assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
        assertThat(run.err).contains(message);
        assertThat(run.err.trim()).doesNotContain("\n").doesNotContain("\tat ");
    }
}
