package org.zeusmobile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeusmobile.observe.perfetto.PerfettoProtos.Trace;
import org.zeusmobile.observe.perfetto.PerfettoProtos.TracePacket;
import org.zeusmobile.observe.perfetto.PerfettoProtos.TrackDescriptor;

/** --perfetto, --metrics-port and the profile store's defaults, through the command line. */
class ObserveCommandsTest {

    @TempDir
    Path dir;

    /** Track name to descriptor, and the number of events on each track. */
    private static Map<String, TrackDescriptor> tracks(Path file, Map<Long, Integer> events) throws IOException {
        Map<String, TrackDescriptor> tracks = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (TracePacket packet : Trace.parseFrom(in).getPacketList()) {
                if (packet.hasTrackDescriptor()) {
                    tracks.put(packet.getTrackDescriptor().getName() + "#" + packet.getTrackDescriptor().getParentUuid(),
                            packet.getTrackDescriptor());
                }
                if (packet.hasTrackEvent()) {
                    events.merge(packet.getTrackEvent().getTrackUuid(), 1, Integer::sum);
                }
            }
        }
        return tracks;
    }

    private static TrackDescriptor named(Map<String, TrackDescriptor> tracks, String name, long parent) {
        TrackDescriptor track = tracks.get(name + "#" + parent);
        assertThat(track).as("track %s under %s in %s", name, parent, tracks.keySet()).isNotNull();
        return track;
    }

    @Test
    void optimizeWritesAPerfettoTraceOfBothRuns() throws IOException {
        Path trace = dir.resolve("optimize.perfetto-trace");
        CliRun run = CliRun.of("optimize", "--duration", "60s", "--profiles", dir.resolve("p.db").toString(),
                "--perfetto", trace.toString());
        assertThat(run.exitCode).as(run.toString()).isZero();

        Map<Long, Integer> events = new LinkedHashMap<>();
        Map<String, TrackDescriptor> tracks = tracks(trace, events);
        for (String strategy : new String[] {"default", "hybrid"}) {
            long group = named(tracks, strategy + ", seed 1 on snapdragon-8-gen-2", 0).getUuid();
            assertThat(named(tracks, "gpu.freq", group).getCounter().getUnitName()).isEqualTo("Hz");
            assertThat(named(tracks, "power total", group).getCounter().getUnitName()).isEqualTo("W");
            assertThat(named(tracks, "temperature soc", group).getCounter().getUnitName()).isEqualTo("°C");
            assertThat(events.get(named(tracks, "measurement windows", group).getUuid())).isGreaterThanOrEqualTo(2 * 10);
            assertThat(events.get(named(tracks, "batches", group).getUuid())).isGreaterThan(1000);
        }
        // The SLO is known for the hybrid's run (1.5 x default's p95), not yet for default's own.
        long hybrid = named(tracks, "hybrid, seed 1 on snapdragon-8-gen-2", 0).getUuid();
        assertThat(named(tracks, "SLO (p95 latency target)", hybrid).getCounter().getUnitName()).isEqualTo("ms");
        assertThat(tracks).doesNotContainKey("SLO (p95 latency target)#"
                + named(tracks, "default, seed 1 on snapdragon-8-gen-2", 0).getUuid());
    }

    @Test
    void compareTracesEveryRunAndMeasureSamplesTheDevice() throws IOException {
        Path compared = dir.resolve("compare.perfetto-trace");
        CliRun compare = CliRun.of("compare", "--strategies", "default,max-performance", "--seeds", "1",
                "--duration", "30s", "--profiles", dir.resolve("p.db").toString(), "--perfetto", compared.toString());
        assertThat(compare.exitCode).as(compare.toString()).isZero();
        Map<String, TrackDescriptor> tracks = tracks(compared, new LinkedHashMap<>());
        named(tracks, "default, seed 1 on snapdragon-8-gen-2", 0);
        named(tracks, "max-performance, seed 1 on snapdragon-8-gen-2", 0);

        Path measured = dir.resolve("measure.perfetto-trace");
        CliRun measure = CliRun.of("measure", "--device", "host", "--perfetto", measured.toString(), "--", "sleep",
                "0.3");
        assertThat(measure.exitCode).as(measure.toString()).isZero();
        Map<Long, Integer> events = new LinkedHashMap<>();
        tracks = tracks(measured, events);
        long group = named(tracks, "sleep 0.3 on host", 0).getUuid();
        assertThat(events.get(named(tracks, "span", group).getUuid())).isEqualTo(2);
        assertThat(tracks.keySet()).anyMatch(name -> name.startsWith("energy ") || name.startsWith("power "));
    }

    @Test
    void anUnwritableTraceFailsBeforeTheRun() throws IOException {
        Path file = Files.write(dir.resolve("a-file"), new byte[] {1});
        CliRun run = CliRun.of("optimize", "--duration", "60s", "--profiles", dir.resolve("p.db").toString(),
                "--perfetto", file.resolve("trace").toString());
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("--perfetto").contains("cannot be written").doesNotContain("run 1/2");
    }

    /** Every sample of the text exposition format: "name{labels}" to value. */
    private static Map<String, Double> samples(String exposition) {
        Map<String, Double> samples = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^([a-z_]+(\\{[^}]*\\})?) (\\S+)$").matcher(exposition);
        while (m.find()) {
            samples.put(m.group(1), Double.parseDouble(m.group(3)));
        }
        return samples;
    }

    private static String get(URL url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        try (InputStream in = connection.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void metricsAnswerOverLoopbackDuringOptimize() throws Exception {
        StringWriter err = new StringWriter(); // a StringBuffer underneath: safe to read while the command writes
        StringWriter out = new StringWriter();
        ExecutorService command = Executors.newSingleThreadExecutor();
        Future<Integer> exit = command.submit(() -> ZeusMobile.execute(new PrintWriter(out), new PrintWriter(err),
                "optimize", "--duration", "6m", "--profiles", dir.resolve("p.db").toString(), "--metrics-port", "0"));
        try {
            Matcher address = null;
            List<String> scrapes = new ArrayList<>();
            while (!exit.isDone()) {
                if (address == null) {
                    Matcher m = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/metrics").matcher(err.toString());
                    address = m.find() ? m : null;
                } else {
                    try {
                        String text = get(new URL(address.group()));
                        if (text.contains("zeus_windows_total")) {
                            scrapes.add(text);
                        }
                    } catch (IOException e) {
                        // The run ended and the server with it (or is ending): the loop ends with the command.
                    }
                }
                Thread.sleep(20);
            }
            assertThat(exit.get(5, TimeUnit.MINUTES)).as(err.toString()).isZero();
            assertThat(scrapes).as("scrapes with windows, during the run").isNotEmpty();
            Map<String, Double> during = samples(scrapes.get(scrapes.size() - 1));
            assertThat(during.keySet()).anyMatch(k -> k.startsWith("zeus_energy_joules_total{"))
                    .anyMatch(k -> k.startsWith("zeus_knob_frequency_hertz{"))
                    .anyMatch(k -> k.startsWith("zeus_inference_latency_seconds_bucket{"))
                    .anyMatch(k -> k.startsWith("zeus_slo_violations_total{"));
            final URL url = new URL(address.group());
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> get(url)))
                    .as("no server once optimize returned").isInstanceOf(ConnectException.class);
        } finally {
            command.shutdownNow();
        }
    }

    @Test
    void theDefaultStoreIsAnSqliteFileInTheZeusHome() throws IOException {
        // Surefire points ZEUS_MOBILE_HOME at the build directory: this never touches the real home.
        Path home = ZeusHome.path();
        assertThat(home.toString()).doesNotContain(System.getProperty("user.home") + "/.zeus-mobile");
        CliRun run = CliRun.of("optimize", "--duration", "30s", "--seed", "41");
        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(home.resolve("profiles.db")).isRegularFile();
        assertThat(run.out).contains("warm start").contains(home.resolve("profiles.db").toString());
    }
}
