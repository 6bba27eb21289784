package org.zeusmobile.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeusmobile.onnx.SmallModels;
import org.zeusmobile.onnx.VisionModels;

/** {@code model} and the model options of compare on vision models and on models it cannot analyse. */
class ModelCommandTest {

    @TempDir
    static Path dir;

    private static double flops(byte[] model, String name) throws IOException {
        Path file = VisionModels.write(dir.resolve(name + ".onnx"), model);
        CliRun run = CliRun.of("model", file.toString(), "--json");
        assertThat(run.exitCode).as(run.toString()).isZero();
        JsonNode doc = Json.MAPPER.readTree(run.out);
        assertThat(doc.path("input").path("description").asText()).isEqualTo("224x224 px");
        assertThat(doc.path("unknown_operators")).isEmpty();
        return doc.path("flops").asDouble();
    }

    @Test
    void theThreeArchitecturesWithUnnamedNodesComeOutWithin5PercentOfTwiceTheirPapersMultiplyAdds()
            throws IOException {
        double resnet = 2 * VisionModels.RESNET18_MULTIPLY_ADDS;
        double mobilenet = 2 * VisionModels.MOBILENETV2_MULTIPLY_ADDS;
        double efficientnet = 2 * VisionModels.EFFICIENTNETB0_MULTIPLY_ADDS;
        assertThat(flops(VisionModels.resnet18(), "resnet18")).isCloseTo(resnet, within(0.05 * resnet));
        assertThat(flops(VisionModels.mobileNetV2(), "mobilenetv2")).isCloseTo(mobilenet, within(0.05 * mobilenet));
        assertThat(flops(VisionModels.efficientNetB0(), "efficientnet-b0"))
                .isCloseTo(efficientnet, within(0.05 * efficientnet));
    }

    @Test
    void aVisionModelIsDescribedByItsResolutionNeverInTokens() {
        Path file = VisionModels.write(dir.resolve("stem.onnx"), VisionModels.resnet18StemNhwc());
        CliRun run = CliRun.of("model", file.toString(), "--input", "image=1x160x120x3", "--batch", "2");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("stem at batch 2, resolution 160x120 px").contains("image 2x160x120x3 float")
                .contains("nodes in the file").doesNotContain("token").doesNotContain("sequence");
        CliRun seq = CliRun.of("model", file.toString(), "--seq", "64");
        assertThat(seq.exitCode).isEqualTo(2);
        assertThat(seq.err).contains("--seq").contains("resolution").contains("--input");
    }

    @Test
    void outOfRangeSequenceLengthsAreRefusedWithTheBound() {
        for (String tokens : new String[] {"100000", "100000000"}) {
            CliRun run = CliRun.of("model", "minilm", "--seq", tokens);
            assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
            assertThat(run.err).contains("2 to 512 tokens").contains("position table").doesNotContainPattern(" -[0-9]");
            assertThat(run.out).isEmpty();
        }
        CliRun compare = CliRun.of("compare", "--seq", "100000", "--duration", "10s", "--seeds", "1");
        assertThat(compare.exitCode).as(compare.toString()).isEqualTo(2);
        assertThat(compare.err).contains("2 to 512 tokens");
    }

    @Test
    void aModelWhoseShapesCannotBeResolvedIsAnErrorFromModelAndFromCompareNeverAResult() {
        Path file = VisionModels.write(dir.resolve("points.onnx"), SmallModels.pointCloud());
        for (String[] args : new String[][] {{"model", file.toString()},
            {"compare", "--model", file.toString(), "--duration", "10s", "--seeds", "1"}}) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
            assertThat(run.err).contains("'num_points'").contains("--input points=1xNx3");
            assertThat(run.out).isEmpty();
        }
        CliRun given = CliRun.of("model", file.toString(), "--input", "points=1x1024x3", "--json");
        assertThat(given.exitCode).as(given.toString()).isZero();
    }

    @Test
    void aModelThatWouldComeOutAtZeroFlopsIsAnErrorFromModelAndFromCompare() {
        Path file = VisionModels.write(dir.resolve("det.onnx"), SmallModels.onlyDet());
        for (String[] args : new String[][] {{"model", file.toString()},
            {"compare", "--model", file.toString(), "--duration", "10s", "--seeds", "1"}}) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
            assertThat(run.err).contains("0 FLOPs").contains("[Det]");
        }
    }

    @Test
    void compareRunsACnnEndToEndAndItsReportSaysWhatRan() throws IOException {
        Path file = VisionModels.write(dir.resolve("stem-compare.onnx"), VisionModels.resnet18StemNhwc());
        Path out = dir.resolve("report");
        CliRun run = CliRun.of("compare", "--model", file.toString(), "--input", "image=1x320x320x3", "--duration",
                "40s", "--seeds", "1", "--strategies", "default,oracle,hybrid", "--out", out.toString());

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("model stem-compare").contains("hybrid");
        JsonNode results = Json.MAPPER.readTree(Files.readAllBytes(out.resolve("results.json")));
        assertThat(results.path("model_description").asText()).startsWith("320x320 px inputs");
        assertThat(Files.readString(out.resolve("report.html"))).contains("320x320 px inputs");
        Path fixed = VisionModels.write(dir.resolve("fixed.onnx"), SmallModels.fixedBatchConv());
        CliRun doubled = CliRun.of("compare", "--model", fixed.toString(), "--scenario", "input-change", "--duration",
                "10s", "--seeds", "1");
        assertThat(doubled.exitCode).as(doubled.toString()).isEqualTo(2);
        assertThat(doubled.err).contains("input-change").contains("fixed");
    }

    @Test
    void profileAndOptimizeOnTheHostRunACnnAndTheReportSaysWhatRan() throws IOException {
        Path file = VisionModels.write(dir.resolve("stem-live.onnx"), VisionModels.resnet18StemNhwc());
        String profiles = dir.resolve("profiles").toString();
        CliRun profile = CliRun.of("profile", "--model", file.toString(), "--batch", "1,2", "--profiles", profiles);
        assertThat(profile.exitCode).as(profile.toString()).isZero();
        assertThat(Json.MAPPER.readTree(profile.out).path("configurations").size()).isGreaterThan(10);

        Path out = dir.resolve("live-report");
        CliRun live = CliRun.of("optimize", "--device", "host", "--model", file.toString(), "--input",
                "image=1x96x96x3", "--duration", "8s", "--profiles", profiles, "--out", out.toString());
        assertThat(live.exitCode).as(live.toString()).isZero();
        assertThat(live.out).contains("model stem-live").contains("chosen configuration");
        JsonNode results = Json.MAPPER.readTree(Files.readAllBytes(out.resolve("results.json")));
        assertThat(results.path("model_description").asText())
                .startsWith("96x96 px inputs, run by ONNX Runtime on this machine's CPU");
    }
}
