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
    void compareWritesSchemaOneJsonAndTheReport() throws IOException {
        Path out = dir.resolve("report");
        CliRun run = CliRun.of("compare", "--strategies", "default,oracle,hybrid", "--seeds", "1", "--duration", "60s",
                "--profiles", profiles(), "--json", "--out", out.toString());

        assertThat(run.exitCode).as(run.toString()).isZero();
        JsonNode doc = Json.MAPPER.readTree(run.out);
        assertThat(doc.path("schema").asInt()).isEqualTo(1);
        assertThat(doc.path("simulated").asBoolean()).isTrue();
        assertThat(doc.path("device").asText()).isEqualTo("sim:snapdragon-8-gen-2");
        assertThat(doc.path("model").asText()).isEqualTo("minilm");
        assertThat(doc.path("slo_ms").asDouble()).isPositive();
        assertThat(doc.path("strategies")).extracting(s -> s.path("name").asText())
                .containsExactly("default", "oracle", "hybrid");
        JsonNode defaults = doc.path("strategies").get(0);
        assertThat(defaults.path("energy_vs_default").asDouble()).isEqualTo(1.0);
        assertThat(defaults.fieldNames()).toIterable().contains("energy_per_inference_j", "latency_p50_ms",
                "latency_p95_ms", "latency_p99_ms", "slo_violation_rate", "total_cost", "samples_to_converge",
                "exploration_energy_j", "energy_vs_default", "energy_vs_oracle", "final_configuration");
        for (String file : Report.FILES) {
            assertThat(out.resolve(file)).isNotEmptyFile();
        }
        BufferedImage pareto = ImageIO.read(out.resolve("pareto.png").toFile());
        assertThat(pareto).isNotNull();
        JsonNode saved = Json.MAPPER.readTree(out.resolve("results.json").toFile());
        assertThat(saved.path("profile").size()).as("every configuration of the search space").isGreaterThan(100);
        assertThat(saved.path("timelines")).hasSize(3);
    }

    @Test
    void optimizeSummarisesTheChoiceAgainstDefault() {
        CliRun run = CliRun.of("optimize", "--strategy", "hybrid", "--duration", "60s", "--trace", "periodic:20",
                "--profiles", profiles());

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).startsWith("SIMULATED: hybrid on sim:snapdragon-8-gen-2").contains("chosen configuration")
                .contains("energy per inference").contains("latency p50/p95/p99").contains("savings vs default");
    }

    @Test
    void optimizeRunsOnTheHostWithOnnxRuntimeAgainstDefault() throws IOException {
        CliRun run = CliRun.of("optimize", "--device", "host", "--duration", "12s", "--json");

        assertThat(run.exitCode).as(run.toString()).isZero();
        JsonNode doc = Json.MAPPER.readTree(run.out);
        assertThat(doc.path("simulated").asBoolean()).isFalse();
        assertThat(doc.path("device").asText()).isEqualTo("host");
        assertThat(doc.path("scenario").asText()).isEqualTo("live");
        assertThat(doc.path("strategies")).extracting(s -> s.path("name").asText()).containsExactly("default", "hybrid");
        JsonNode hybrid = doc.path("strategies").get(1);
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

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "compare|--slo-ms|0|--slo-ms must be > 0",
        "compare|--slo-ms|-5|--slo-ms must be > 0",
        "optimize|--eta|1.5|--eta must be in [0, 1]",
        "optimize|--eta|-0.1|--eta must be in [0, 1]",
        "compare|--device|phone:1|unknown device 'phone:1'",
        "optimize|--device|sim:pixel-99|pixel-99",
        "compare|--device|host|need a simulated device",
        "compare|--seeds|0|--seeds must be >= 1",
        "optimize|--strategy|greedy|unknown strategy 'greedy'",
        "profile|--device|host|run 'zeus-mobile optimize --device host'",
        "optimize|--device|adb:emulator-5554|tune phones from inside the app with zeus-android",
        "compare|--strategies|default,greedy|unknown strategy 'greedy'",
        "compare|--trace|weekly:3|weekly:3",
        "compare|--scenario|earthquake|earthquake",
        "compare|--duration|ten|needs a unit",
        "optimize|--model|/no/such/model.onnx|/no/such/model.onnx",
        "profile|--strategy|random|--strategy must be exhaustive or bo",
    })
    void badInputIsAUsageErrorWithOneLine(String command, String option, String value, String message) {
        CliRun run = option.equals("--duration") ? CliRun.of(command, option, value)
                : CliRun.of(command, option, value, "--duration", "30s");

        assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
        assertThat(run.err).contains(message);
        assertThat(run.err.trim()).doesNotContain("\n").doesNotContain("\tat ");
    }
}
