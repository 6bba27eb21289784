package org.zeusmobile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelMeasureApplyTest {

    @TempDir
    Path dir;

    @Test
    void modelPrintsTheMiniLmProfileAsJson() throws IOException {
        CliRun run = CliRun.of("model", "minilm", "--batch", "2", "--seq", "64", "--json");

        assertThat(run.exitCode).as(run.toString()).isZero();
        JsonNode doc = Json.MAPPER.readTree(run.out);
        assertThat(doc.path("model").asText()).isEqualTo("minilm");
        assertThat(doc.path("batch").asInt()).isEqualTo(2);
        assertThat(doc.path("input").path("size").asInt()).isEqualTo(64);
        assertThat(doc.path("input").path("unit").asText()).isEqualTo("tokens");
        assertThat(doc.path("input").path("shapes").path("input_ids").toString()).isEqualTo("[2,64]");
        assertThat(doc.path("flops").asDouble()).isGreaterThan(1e9);
        assertThat(doc.path("parameter_bytes").asDouble()).isGreaterThan(2e7);
        assertThat(doc.path("operators")).isNotEmpty();
        assertThat(doc.path("operators").get(0).fieldNames()).toIterable()
                .containsExactly("name", "op_type", "class", "flops", "bytes");
        assertThat(doc.path("unknown_operators").isArray()).isTrue();
    }

    @Test
    void missingModelFileIsAUsageError() {
        CliRun run = CliRun.of("model", dir.resolve("absent.onnx").toString());

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("absent.onnx").doesNotContain("Exception");
    }

    @Test
    void truncatedModelFileIsAUsageError() throws IOException {
        Path broken = dir.resolve("broken.onnx");
        Files.write(broken, new byte[] {0x08, 0x07, 0x12, 0x40, 0x01});

        CliRun run = CliRun.of("model", broken.toString());

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("broken.onnx");
    }

    @Test
    void badBatchIsAUsageError() {
        assertThat(CliRun.of("model", "minilm", "--batch", "0").exitCode).isEqualTo(2);
    }

    @Test
    void measureReportsEnergyPerDomainOfARealCommand() throws IOException {
        CliRun run = CliRun.of("measure", "--device", "host", "--json", "--", "sleep", "0.3");

        assertThat(run.exitCode).as(run.toString()).isZero();
        JsonNode doc = Json.MAPPER.readTree(run.out);
        assertThat(doc.path("schema").asInt()).isEqualTo(1);
        assertThat(doc.path("exit_code").asInt()).isZero();
        assertThat(doc.path("elapsed_s").asDouble()).isBetween(0.25, 5.0);
        assertThat(doc.path("domains")).isNotEmpty();
        for (JsonNode domain : doc.path("domains")) {
            assertThat(domain.has("energy_j")).isTrue();
            assertThat(domain.has("estimated")).isTrue();
            if (domain.path("estimated").asBoolean()) {
                // Without RAPL the host's meter is CodeCarbon's estimate, and says so where it is printed.
                assertThat(domain.path("measures").asText()).contains("estimated from").contains("assumed TDP of 85 W");
            }
        }
    }

    @Test
    void measuresTextSaysWhatTheFigureCovers() {
        CliRun run = CliRun.of("measure", "--device", "host", "--", "true");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("everything running on it counts, not the command alone").contains("measured by: ");
    }

    @Test
    void measureFailsWhenTheCommandFails() {
        assertThat(CliRun.of("measure", "--device", "host", "--", "false").exitCode).isEqualTo(1);
    }

    @Test
    void measureRefusesASimulatedDevice() {
        CliRun run = CliRun.of("measure", "--device", "sim:snapdragon-8-gen-2", "--", "true");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("needs a real device");
    }

    @Test
    void measureOfAMissingProgramIsAUsageError() {
        CliRun run = CliRun.of("measure", "--device", "host", "--", "no-such-program-zm");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("cannot start 'no-such-program-zm'");
    }

    @Test
    void applyOnTheSimulatorReadsBackAndRejectsBadValues() {
        CliRun ok = CliRun.of("apply", "--device", "sim:snapdragon-8-gen-2", "gpu.freq=475MHz", "batch=4");
        assertThat(ok.exitCode).as(ok.toString()).isZero();
        assertThat(ok.out).contains("pinned: gpu.freq = 475.0 MHz").contains("pinned: batch = 4");

        CliRun bad = CliRun.of("apply", "--device", "sim:snapdragon-8-gen-2", "gpu.freq=500MHz");
        assertThat(bad.exitCode).isEqualTo(2);
        assertThat(bad.err).contains("illegal value 500.0 MHz for knob gpu.freq; legal values: 220.0 MHz");

        CliRun unknown = CliRun.of("apply", "--device", "sim:snapdragon-8-gen-2", "npu.freq=1");
        assertThat(unknown.exitCode).isEqualTo(2);
        assertThat(unknown.err).contains("has no knob 'npu.freq'");
    }

    @Test
    void applyThenRestoreOnASysfsTreeLeavesEveryFileAsItWas() throws IOException {
        Path root = dir.resolve("board");
        Path policy = Files.createDirectories(root.resolve("sys/devices/system/cpu/cpufreq/policy0"));
        write(policy.resolve("scaling_available_frequencies"), "300000 1200000 1800000 \n");
        write(policy.resolve("scaling_available_governors"), "performance schedutil userspace \n");
        write(policy.resolve("scaling_governor"), "schedutil\n");
        write(policy.resolve("scaling_setspeed"), "<unsupported>\n");
        write(policy.resolve("scaling_min_freq"), "300000\n");
        write(policy.resolve("scaling_max_freq"), "1800000\n");
        write(policy.resolve("scaling_cur_freq"), "1200000\n");
        write(policy.resolve("cpuinfo_min_freq"), "300000\n");
        write(policy.resolve("cpuinfo_max_freq"), "1800000\n");
        write(policy.resolve("related_cpus"), "0 1 2 3\n");
        Files.createDirectories(root.resolve("tmp"));
        Map<String, String> before = snapshot(root.resolve("sys"));
        String spec = "linux:root=" + root;

        CliRun apply = CliRun.of("apply", "--device", spec, "cpu.policy0.freq=300MHz");
        assertThat(apply.exitCode).as(apply.toString()).isZero();
        assertThat(apply.out).contains("pinned until: zeus-mobile restore");
        assertThat(snapshot(root.resolve("sys"))).isNotEqualTo(before);

        CliRun restore = CliRun.of("restore", "--device", spec);
        assertThat(restore.exitCode).as(restore.toString()).isZero();
        assertThat(restore.out).contains("restored: cpu.policy0.freq");
        assertThat(snapshot(root.resolve("sys"))).isEqualTo(before);

        CliRun again = CliRun.of("restore", "--device", spec);
        assertThat(again.out).contains("nothing to restore");
    }

    private static void write(Path file, String text) throws IOException {
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> snapshot(Path tree) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(tree)) {
            // scaling_setspeed is not state: the kernel shows "<unsupported>" there whenever the governor is not
            // userspace, which a static tree without a kernel cannot reproduce.
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().equals("scaling_setspeed"))::iterator) {
                files.put(tree.relativize(file).toString(), new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
