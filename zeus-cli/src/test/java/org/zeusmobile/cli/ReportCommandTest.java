package org.zeusmobile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeusmobile.lab.CompareResult;
import org.zeusmobile.lab.EnergyScope;
import org.zeusmobile.lab.ProfilePoint;
import org.zeusmobile.lab.ResultTable;
import org.zeusmobile.lab.SavingSplit;
import org.zeusmobile.lab.StrategyResult;

class ReportCommandTest {

    @TempDir
    Path dir;

    /** A small results document as compare writes it: three strategies (one missed the SLO), a profile, timelines. */
    static CompareResult sampleResults(boolean simulated) {
        List<ProfilePoint> profile = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            profile.add(new ProfilePoint(Map.of("gpu.freq", 220_000_000L + 90_000_000L * i),
                    0.03 + 0.004 * Math.abs(i - 2), 60 - 8 * i, 70 - 9 * i, 2 + i, i >= 2));
        }
        List<StrategyResult> strategies = List.of(
                strategy("default", false, true, 0.05, 25, 1.0, Map.of("batch", 1L), simulated),
                strategy("default-batched", false, true, 0.04, 33, 0.8, Map.of("batch", 2L), simulated),
                strategy("zeus-jit", true, false, 0.030, 55, null, Map.of("gpu.freq", 415_000_000L, "batch", 2L),
                        simulated),
                strategy("hybrid", true, true, 0.036, 34, 0.72, Map.of("gpu.freq", 475_000_000L, "batch", 4L),
                        simulated));
        SavingSplit split = simulated ? new SavingSplit("static configurations run through the scenario",
                new SavingSplit.Part(Map.of("batch", 2L), 0.04, 0.8, null),
                new SavingSplit.Part(Map.of("batch", 1L, "gpu.freq", 400_000_000L), 0.042, 0.84, null),
                new SavingSplit.Part(Map.of("batch", 4L, "gpu.freq", 475_000_000L), 0.035, 0.70, null)) : null;
        EnergyScope energy = simulated ? EnergyScope.simulatedWorkload(false)
                : new EnergyScope("whole-device", true, "ESTIMATED, whole device: whole machine, estimated from CPU load "
                        + "with an assumed TDP of 85 W");
        return new CompareResult(CompareResult.SCHEMA, simulated, simulated ? "sim:snapdragon-8-gen-2" : "host",
                "minilm", 40.0, 0.5, simulated ? "steady" : "live", "closed", 1, energy,
                new CompareResult.Knobs(List.of("gpu.freq", "batch"), Map.of()), split, strategies, List.of(),
                "a phone", "128-token inputs", simulated ? profile : List.of());
    }

    private static StrategyResult strategy(String name, boolean adaptive, boolean feasible, double energyJ, double p95Ms,
            Double vsDefault, Map<String, Long> configuration, boolean simulated) {
        List<StrategyResult.TimelinePoint> timeline = new ArrayList<>();
        for (int t = 0; t < 20; t++) {
            Map<String, Long> pinned = name.equals("default") ? Map.of("batch", 1L) : configuration;
            Long gpu = configuration.get("gpu.freq");
            // The hybrid's 475 MHz is capped to 400 MHz in its last windows: a thermal cap the plot must show.
            Map<String, Long> running = Map.of("gpu.freq", gpu == null ? 300_000_000L
                    : name.equals("hybrid") && t > 15 ? 400_000_000L : gpu);
            timeline.add(new StrategyResult.TimelinePoint(t * 3.0, pinned, running, 3 + Math.sin(t),
                    simulated ? 30 + t * 0.5 : Double.NaN, energyJ, p95Ms));
        }
        return new StrategyResult(name, adaptive, feasible, energyJ, p95Ms - 5, p95Ms, p95Ms + 2, feasible ? 0.004 : 0.2,
                9.1, adaptive && feasible ? 14 : null, adaptive ? 5 : 0, adaptive && feasible ? 1.2 : null,
                feasible ? vsDefault : null, feasible ? vsDefault / 0.8 : null, simulated && feasible ? 1.01 : null,
                configuration, true, configuration, timeline);
    }

    @Test
    void regeneratesEveryReportFileFromSavedResults() throws IOException {
        Path results = dir.resolve("results.json");
        Files.write(results, sampleResults(true).toReportJson().getBytes(StandardCharsets.UTF_8));
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
                .contains("batch=4, gpu.freq=475MHz").contains("Where the saving comes from")
                .contains("energy vs default-batched").contains("total cost (J)").doesNotContain("src=\"pareto.png\"");
        assertThat(new String(Files.readAllBytes(out.resolve("pareto.svg")), StandardCharsets.UTF_8)).contains("<svg")
                .contains("SIMULATED");
        assertThat(Files.readAllLines(out.resolve("results.csv"))).hasSize(5)
                .allSatisfy(line -> assertThat(line).startsWith(line.startsWith("source") ? "source,scope,name"
                        : "SIMULATED,workload,"))
                .element(4).asString().startsWith("SIMULATED,workload,hybrid,0.036,29.0,34.0,36.0,true,0.004,9.1,14,5.0,1.2,"
                        + "0.72,").endsWith(",1.01,\"batch=4,gpu.freq=475000000\"");
        assertThat(CompareResult.fromJson(Files.readString(out.resolve("results.json")))).isEqualTo(sampleResults(true));
    }

    @Test
    void aStrategyThatMissedTheSloShowsNoSavingsInAnyFile() throws IOException {
        CompareResult results = sampleResults(true);
        Report.write(results, dir);

        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("<tr class=\"missed\"><td>zeus-jit</td>").contains("MISSED");
        assertThat(Files.readAllLines(dir.resolve("results.csv"))).filteredOn(line -> line.contains(",zeus-jit,"))
                .singleElement().asString().contains(",false,0.2,").contains(",,,,\"batch=2,gpu.freq=415000000\"");
        assertThat(ResultTable.text(results)).contains("MISSED the SLO, so their energy is no saving: zeus-jit");
        assertThat(results.toJson()).contains("\"energy_vs_default\" : null");
    }

    @Test
    void timelineShowsEveryKnobAndThermalCapsWhilePowerAndTemperatureHaveTheirOwnPanels() throws IOException {
        BufferedImage simulated = ImageIO.read(new ByteArrayInputStream(Plots.timelinePng(sampleResults(true))));
        BufferedImage live = ImageIO.read(new ByteArrayInputStream(Plots.timelinePng(sampleResults(false))));
        // power, temperature, gpu.freq and batch (which moved) on the simulator; no temperature on the host.
        assertThat(simulated.getHeight()).isEqualTo(4 * 300);
        assertThat(live.getHeight()).isEqualTo(3 * 300);
    }

    @Test
    void aRealDeviceRunWithoutSensorsOrOracleGetsNoEmptyPanelsOrColumns() throws IOException {
        Path results = dir.resolve("live.json");
        Files.write(results, sampleResults(false).toReportJson().getBytes(StandardCharsets.UTF_8));
        CliRun run = CliRun.of("report", results.toString(), "--out", dir.resolve("live").toString());
        assertThat(run.exitCode).as(run.toString()).isZero();
        String html = Files.readString(dir.resolve("live/report.html"));
        assertThat(html).doesNotContain("SIMULATED").doesNotContain("NaN").doesNotContain("Where the saving comes from")
                .contains("There is no oracle on real hardware").contains("assumed TDP of 85 W");
        assertThat(Files.readAllLines(dir.resolve("live/results.csv")).get(1)).startsWith("ESTIMATED,whole-device,");
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
        Files.write(broken, "{\"schema\": 2, \"strategies\": [".getBytes(StandardCharsets.UTF_8));

        CliRun run = CliRun.of("report", broken.toString(), "--out", dir.toString());

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("not valid JSON");
    }

    @Test
    void aResultsFileOfAnotherSchemaSaysHowToRegenerateIt() throws IOException {
        Path old = dir.resolve("old.json");
        Files.write(old, "{\"schema\": 1, \"strategies\": []}".getBytes(StandardCharsets.UTF_8));

        CliRun run = CliRun.of("report", old.toString(), "--out", dir.toString());

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("schema 1").contains("reads schema 2").contains("compare --out");
    }

    @Test
    void missingOutOptionIsAUsageError() {
        CliRun run = CliRun.of("report", "x.json");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("--out");
    }
}
