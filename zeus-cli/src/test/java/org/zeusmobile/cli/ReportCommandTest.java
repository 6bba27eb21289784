package org.zeusmobile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    @TempDir
    Path dir;

    /** A small results document as compare writes it: two strategies, a profile and timelines. */
    static ObjectNode sampleResults() {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("schema", 1).put("simulated", true).put("device", "sim:snapdragon-8-gen-2").put("model", "minilm")
                .put("slo_ms", 40.0).put("eta", 0.5).put("scenario", "steady").put("trace", "closed").put("seeds", 1);
        ArrayNode strategies = doc.putArray("strategies");
        strategies.addObject().put("name", "default").put("energy_per_inference_j", 0.05).put("latency_p50_ms", 20)
                .put("latency_p95_ms", 25).put("latency_p99_ms", 27).put("slo_violation_rate", 0.0)
                .put("total_cost", 12.5).putNull("samples_to_converge").put("exploration_energy_j", 0.0)
                .put("energy_vs_default", 1.0).put("energy_vs_oracle", 1.4).putObject("final_configuration");
        strategies.addObject().put("name", "hybrid").put("energy_per_inference_j", 0.036).put("latency_p50_ms", 28)
                .put("latency_p95_ms", 34).put("latency_p99_ms", 36).put("slo_violation_rate", 0.004)
                .put("total_cost", 9.1).put("samples_to_converge", 14).put("exploration_energy_j", 1.2)
                .put("energy_vs_default", 0.72).put("energy_vs_oracle", 1.01).putObject("final_configuration")
                .put("gpu.freq", 475000000L).put("batch", 4);
        ArrayNode profile = doc.putArray("profile");
        for (int i = 0; i < 6; i++) {
            ObjectNode c = profile.addObject();
            c.putObject("configuration").put("gpu.freq", 220_000_000L + 90_000_000L * i);
            c.put("energy_per_inference_j", 0.03 + 0.004 * Math.abs(i - 2)).put("latency_p50_ms", 60 - 8 * i)
                    .put("latency_p95_ms", 70 - 9 * i).put("power_w", 2 + i).put("pareto", i >= 2);
        }
        ArrayNode timelines = doc.putArray("timelines");
        for (String name : new String[] {"default", "hybrid"}) {
            ObjectNode timeline = timelines.addObject().put("strategy", name);
            ArrayNode points = timeline.putArray("points");
            for (int t = 0; t < 20; t++) {
                ObjectNode p = points.addObject().put("t_s", t * 3.0).put("power_w", 3 + Math.sin(t))
                        .put("temperature_c", 30 + t * 0.5);
                if (name.equals("hybrid")) {
                    p.putObject("configuration").put("gpu.freq", t < 10 ? 680_000_000L : 475_000_000L);
                } else {
                    p.putObject("configuration");
                }
            }
        }
        return doc;
    }

    @Test
    void regeneratesEveryReportFileFromSavedResults() throws IOException {
        Path results = dir.resolve("results.json");
        Files.write(results, Json.write(sampleResults()).getBytes(StandardCharsets.UTF_8));
        Path out = dir.resolve("report");

        CliRun run = CliRun.of("report", results.toString(), "--out", out.toString());

        assertThat(run.exitCode).as(run.toString()).isZero();
        for (String file : Report.FILES) {
            assertThat(out.resolve(file)).isNotEmptyFile();
        }
        for (String png : new String[] {"pareto.png", "timeline.png"}) {
            BufferedImage image = ImageIO.read(out.resolve(png).toFile());
            assertThat(image).as(png + " is a valid PNG").isNotNull();
            assertThat(image.getWidth()).isGreaterThan(400);
        }
        String html = new String(Files.readAllBytes(out.resolve("report.html")), StandardCharsets.UTF_8);
        assertThat(html).contains("SIMULATED").contains("data:image/png;base64,").contains("hybrid")
                .contains("gpu.freq=475MHz, batch=4").doesNotContain("src=\"pareto.png\"");
        assertThat(new String(Files.readAllBytes(out.resolve("pareto.svg")), StandardCharsets.UTF_8)).contains("<svg");
        assertThat(Files.readAllLines(out.resolve("results.csv"))).hasSize(3)
                .element(2).asString().startsWith("hybrid,0.036,28,34,36,0.004,9.1,14,1.2,0.72,1.01,");
    }

    @Test
    void aRealDeviceRunWithoutSensorsOrOracleGetsNoEmptyPanelsOrColumns() throws IOException {
        ObjectNode doc = sampleResults().put("simulated", false).put("device", "host").put("scenario", "live");
        for (JsonNode strategy : doc.path("strategies")) {
            ((ObjectNode) strategy).putNull("energy_vs_oracle").putNull("exploration_energy_j");
        }
        for (JsonNode timeline : doc.path("timelines")) {
            for (JsonNode point : timeline.path("points")) {
                ((ObjectNode) point).putNull("temperature_c");
            }
        }
        BufferedImage withSensors = ImageIO.read(new ByteArrayInputStream(Report.timelinePng(sampleResults())));
        BufferedImage without = ImageIO.read(new ByteArrayInputStream(Report.timelinePng(doc)));
        assertThat(without.getHeight()).as("power and configuration only").isEqualTo(withSensors.getHeight() * 2 / 3);

        Path results = dir.resolve("live.json");
        Files.write(results, Json.write(doc).getBytes(StandardCharsets.UTF_8));
        CliRun run = CliRun.of("report", results.toString(), "--out", dir.resolve("live").toString());
        assertThat(run.exitCode).as(run.toString()).isZero();
        String html = new String(Files.readAllBytes(dir.resolve("live/report.html")), StandardCharsets.UTF_8);
        assertThat(html).doesNotContain("SIMULATED").doesNotContain("NaN").doesNotContain("never")
                .contains("There is no oracle on real hardware");
    }

    @Test
    void missingResultsFileIsAUsageError() {
        CliRun run = CliRun.of("report", dir.resolve("nope.json").toString(), "--out", dir.toString());

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err.trim()).contains("does not exist").doesNotContain("\n");
    }

    @Test
    void malformedResultsFileIsAUsageError() throws IOException {
        Path broken = dir.resolve("broken.json");
        Files.write(broken, "{\"schema\": 1, \"strategies\": [".getBytes(StandardCharsets.UTF_8));

        CliRun run = CliRun.of("report", broken.toString(), "--out", dir.toString());

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("is not valid JSON");
    }

    @Test
    void missingOutOptionIsAUsageError() {
        CliRun run = CliRun.of("report", "x.json");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("--out");
    }
}
