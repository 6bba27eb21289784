package org.zeusmobile.observe.perfetto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeusmobile.core.control.RunResult;
import org.zeusmobile.core.control.Window;
import org.zeusmobile.observe.SimulatedRun;
import org.zeusmobile.observe.perfetto.PerfettoProtos.DebugAnnotation;
import org.zeusmobile.observe.perfetto.PerfettoProtos.Trace;
import org.zeusmobile.observe.perfetto.PerfettoProtos.TracePacket;
import org.zeusmobile.observe.perfetto.PerfettoProtos.TrackDescriptor;
import org.zeusmobile.observe.perfetto.PerfettoProtos.TrackEvent;

class PerfettoRunListenerTest {

    @TempDir
    Path dir;

    /** A trace read back: its tracks by name and the events on each. */
    static final class ParsedTrace {
        final Map<String, TrackDescriptor> tracks = new LinkedHashMap<>();
        final Map<Long, List<TracePacket>> events = new LinkedHashMap<>();

        ParsedTrace(Trace trace) {
            for (TracePacket packet : trace.getPacketList()) {
                assertThat(packet.getTrustedPacketSequenceId()).isEqualTo(1);
                if (packet.hasTrackDescriptor()) {
                    tracks.put(packet.getTrackDescriptor().getName(), packet.getTrackDescriptor());
                }
                if (packet.hasTrackEvent()) {
                    events.computeIfAbsent(packet.getTrackEvent().getTrackUuid(), k -> new ArrayList<>()).add(packet);
                }
            }
        }

        List<TracePacket> on(String track) {
            assertThat(tracks).containsKey(track);
            return events.getOrDefault(tracks.get(track).getUuid(), new ArrayList<>());
        }

        static String arg(TrackEvent event, String name) {
            for (DebugAnnotation annotation : event.getDebugAnnotationsList()) {
                if (annotation.getName().equals(name)) {
                    return annotation.hasStringValue() ? annotation.getStringValue()
                            : annotation.hasIntValue() ? Long.toString(annotation.getIntValue())
                            : Double.toString(annotation.getDoubleValue());
                }
            }
            return null;
        }
    }

    private ParsedTrace read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new ParsedTrace(Trace.parseFrom(in));
        }
    }

    @Test
    void aRunOnTheSimulatorReadsBackWithItsTracksUnitsAndTimestamps() throws IOException {
        Path file = dir.resolve("run.perfetto-trace");
        RunResult result;
        PerfettoRunListener listener;
        try (PerfettoTrace trace = PerfettoTrace.create(file)) {
            listener = new PerfettoRunListener(trace, "switching, seed 1", SimulatedRun.SLO_S);
            result = SimulatedRun.run(listener);
        }
        assertThat(listener.failure()).isNull();
        ParsedTrace parsed = read(file);

        // One group for the run; every other track hangs under it.
        TrackDescriptor group = parsed.tracks.get("switching, seed 1 on snapdragon-8-gen-2");
        assertThat(group).isNotNull();
        for (TrackDescriptor track : parsed.tracks.values()) {
            if (track != group) {
                assertThat(track.getParentUuid()).as(track.getName()).isEqualTo(group.getUuid());
            }
        }
        // Units on every counter track.
        assertThat(parsed.tracks.get("gpu.freq").getCounter().getUnitName()).isEqualTo("Hz");
        assertThat(parsed.tracks.get("energy total").getCounter().getUnitName()).isEqualTo("J");
        assertThat(parsed.tracks.get("power total").getCounter().getUnitName()).isEqualTo("W");
        assertThat(parsed.tracks.get("request latency (slowest of batch)").getCounter().getUnitName()).isEqualTo("ms");
        assertThat(parsed.tracks.get("SLO (p95 latency target)").getCounter().getUnitName()).isEqualTo("ms");
        assertThat(parsed.tracks.keySet()).anyMatch(name -> name.startsWith("temperature "));
        for (TrackDescriptor track : parsed.tracks.values()) {
            if (track.getName().startsWith("temperature ")) {
                assertThat(track.getCounter().getUnitName()).isEqualTo("°C");
            }
        }

        // One slice per window, from its start to its end on the run's clock.
        List<Window> windows = result.windows();
        List<TracePacket> windowEvents = parsed.on("measurement windows");
        assertThat(windowEvents).hasSize(2 * windows.size());
        for (int i = 0; i < windows.size(); i++) {
            TracePacket begin = windowEvents.get(2 * i);
            TracePacket end = windowEvents.get(2 * i + 1);
            assertThat(begin.getTrackEvent().getType()).isEqualTo(TrackEvent.Type.TYPE_SLICE_BEGIN);
            assertThat(begin.getTimestamp()).isEqualTo(windows.get(i).beginNs());
            assertThat(end.getTrackEvent().getType()).isEqualTo(TrackEvent.Type.TYPE_SLICE_END);
            assertThat(end.getTimestamp()).isEqualTo(windows.get(i).endNs());
            assertThat(ParsedTrace.arg(begin.getTrackEvent(), "inferences"))
                    .isEqualTo(Integer.toString(windows.get(i).inferences()));
        }

        // Batches: every request of the run, in order, inside the run.
        long requests = 0;
        long previousEnd = 0;
        List<TracePacket> batchEvents = parsed.on("batches");
        for (int i = 0; i < batchEvents.size(); i += 2) {
            assertThat(batchEvents.get(i).getTimestamp()).isGreaterThanOrEqualTo(previousEnd);
            previousEnd = batchEvents.get(i + 1).getTimestamp();
            requests += Long.parseLong(ParsedTrace.arg(batchEvents.get(i).getTrackEvent(), "requests"));
        }
        assertThat(requests).isEqualTo(result.inferences());
        assertThat(previousEnd).isLessThanOrEqualTo(result.elapsedNs());

        // Decisions: one per window, two of them configuration changes, each with the strategy's reason.
        List<TracePacket> decisions = parsed.on("decisions");
        assertThat(decisions).hasSize(windows.size() + 1); // and the end of the run
        List<String> changes = new ArrayList<>();
        for (TracePacket d : decisions) {
            assertThat(d.getTrackEvent().getType()).isEqualTo(TrackEvent.Type.TYPE_INSTANT);
            if (d.getTrackEvent().getName().equals("configuration change")) {
                changes.add(ParsedTrace.arg(d.getTrackEvent(), "reason") + ": "
                        + ParsedTrace.arg(d.getTrackEvent(), "configuration"));
            }
        }
        assertThat(changes).containsExactly("fast while cool: " + SimulatedRun.FAST,
                "slow to save energy: " + SimulatedRun.SLOW);
        assertThat(decisions.get(decisions.size() - 1).getTrackEvent().getName())
                .isEqualTo("run ended, device restored");

        // The GPU clock as the device reported it: 680 MHz, then 348 MHz, then governed again after the run.
        List<Double> gpuHz = new ArrayList<>();
        for (TracePacket p : parsed.on("gpu.freq")) {
            gpuHz.add(p.getTrackEvent().getDoubleCounterValue());
        }
        assertThat(gpuHz.subList(1, 3)).containsOnly(680e6);
        assertThat(gpuHz.get(gpuHz.size() - 2)).isEqualTo(348e6);

        // The fuel gauge's energy counter (domain total) ends at the run's measured energy.
        List<TracePacket> energy = parsed.on("energy total");
        assertThat(energy.get(energy.size() - 1).getTrackEvent().getDoubleCounterValue())
                .isCloseTo(sumMeasuredJ(windows), within(1e-9));
        assertThat(parsed.on("SLO (p95 latency target)").get(0).getTrackEvent().getDoubleCounterValue())
                .isEqualTo(100.0);
    }

    private static double sumMeasuredJ(List<Window> windows) {
        double sum = 0;
        for (Window w : windows) {
            sum += w.measurement().energyJ("total");
        }
        return sum;
    }

    @Test
    void aTraceThatCannotBeWrittenKeepsItsFailureAndTheRunGoesOn() {
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        PerfettoTrace trace = new PerfettoTrace(full);
        PerfettoRunListener listener = new PerfettoRunListener(trace, "run", Double.NaN);
        RunResult result = SimulatedRun.run(listener);
        assertThat(result.windows()).isNotEmpty();
        assertThat(listener.failure()).hasMessageContaining("No space left on device");
    }
}
