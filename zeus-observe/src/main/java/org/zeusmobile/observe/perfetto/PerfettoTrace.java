package org.zeusmobile.observe.perfetto;

import com.google.protobuf.CodedOutputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.zeusmobile.observe.perfetto.PerfettoProtos.CounterDescriptor;
import org.zeusmobile.observe.perfetto.PerfettoProtos.DebugAnnotation;
import org.zeusmobile.observe.perfetto.PerfettoProtos.TracePacket;
import org.zeusmobile.observe.perfetto.PerfettoProtos.TrackDescriptor;
import org.zeusmobile.observe.perfetto.PerfettoProtos.TrackEvent;

/**
 * A trace in Perfetto's native protobuf format, written as it goes, that ui.perfetto.dev and trace_processor
 * open: tracks (a group, counters with a unit, tracks of slices and instant events), then events on them.
 * Each packet is appended as one {@code Trace.packet} field, so the file is a valid trace after every packet
 * and memory stays flat however long the run. Thread-safe. Write failures are {@link UncheckedIOException}s.
 */
public final class PerfettoTrace implements Closeable {

    /** Every packet is on this one sequence of ours. */
    private static final int SEQUENCE_ID = 1;
    /** TracePacket.SequenceFlags.SEQ_INCREMENTAL_STATE_CLEARED, on the first packet of the sequence. */
    private static final int SEQ_INCREMENTAL_STATE_CLEARED = 1;
    /** Trace.packet's field number. */
    private static final int TRACE_PACKET_FIELD = 1;

    private final OutputStream stream;
    private final CodedOutputStream out;
    private long nextUuid = 1;
    private boolean first = true;

    public PerfettoTrace(OutputStream stream) {
        this.stream = stream;
        this.out = CodedOutputStream.newInstance(stream);
    }

    /** Creates (or replaces) {@code file}; fails at once when it cannot be written. */
    public static PerfettoTrace create(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new PerfettoTrace(new BufferedOutputStream(Files.newOutputStream(file)));
    }

    /** A track that only holds others (a run, a device); 0 as parent for a top-level one. Returns its uuid. */
    public synchronized long group(long parentUuid, String name) {
        return describe(TrackDescriptor.newBuilder().setName(name), parentUuid);
    }

    /** A counter track whose values are in {@code unit} (shown beside them: "W", "J", "Hz", "°C", "ms"). */
    public synchronized long counterTrack(long parentUuid, String name, String unit) {
        return describe(TrackDescriptor.newBuilder().setName(name)
                .setCounter(CounterDescriptor.newBuilder().setUnitName(unit)), parentUuid);
    }

    /** A track for slices and instant events. */
    public synchronized long eventTrack(long parentUuid, String name) {
        return describe(TrackDescriptor.newBuilder().setName(name), parentUuid);
    }

    private long describe(TrackDescriptor.Builder track, long parentUuid) {
        long uuid = nextUuid++;
        track.setUuid(uuid);
        if (parentUuid != 0) {
            track.setParentUuid(parentUuid);
        }
        write(TracePacket.newBuilder().setTrackDescriptor(track));
        return uuid;
    }

    /** The counter on {@code trackUuid} takes {@code value} from {@code timestampNs} on. */
    public synchronized void counter(long trackUuid, long timestampNs, double value) {
        event(timestampNs, TrackEvent.newBuilder().setType(TrackEvent.Type.TYPE_COUNTER).setTrackUuid(trackUuid)
                .setDoubleCounterValue(value));
    }

    /** A slice begins; {@code args} (String, Number or Boolean values) show in its details. */
    public synchronized void begin(long trackUuid, long timestampNs, String name, Map<String, ?> args) {
        event(timestampNs, annotated(TrackEvent.newBuilder().setType(TrackEvent.Type.TYPE_SLICE_BEGIN)
                .setTrackUuid(trackUuid).setName(name), args));
    }

    /** The innermost open slice on the track ends. */
    public synchronized void end(long trackUuid, long timestampNs) {
        event(timestampNs, TrackEvent.newBuilder().setType(TrackEvent.Type.TYPE_SLICE_END).setTrackUuid(trackUuid));
    }

    /** A slice from {@code beginNs} to {@code endNs}. */
    public synchronized void slice(long trackUuid, long beginNs, long endNs, String name, Map<String, ?> args) {
        begin(trackUuid, beginNs, name, args);
        end(trackUuid, endNs);
    }

    /** An event without duration. */
    public synchronized void instant(long trackUuid, long timestampNs, String name, Map<String, ?> args) {
        event(timestampNs, annotated(TrackEvent.newBuilder().setType(TrackEvent.Type.TYPE_INSTANT)
                .setTrackUuid(trackUuid).setName(name), args));
    }

    private static TrackEvent.Builder annotated(TrackEvent.Builder event, Map<String, ?> args) {
        if (args == null) {
            return event;
        }
        for (Map.Entry<String, ?> arg : args.entrySet()) {
            DebugAnnotation.Builder annotation = DebugAnnotation.newBuilder().setName(arg.getKey());
            Object value = arg.getValue();
            if (value instanceof Boolean) {
                annotation.setBoolValue((Boolean) value);
            } else if (value instanceof Integer || value instanceof Long) {
                annotation.setIntValue(((Number) value).longValue());
            } else if (value instanceof Number) {
                annotation.setDoubleValue(((Number) value).doubleValue());
            } else {
                annotation.setStringValue(String.valueOf(value));
            }
            event.addDebugAnnotations(annotation);
        }
        return event;
    }

    private void event(long timestampNs, TrackEvent.Builder event) {
        if (timestampNs < 0) {
            throw new IllegalArgumentException("trace timestamps are >= 0 ns, got " + timestampNs);
        }
        write(TracePacket.newBuilder().setTimestamp(timestampNs).setTrackEvent(event));
    }

    private void write(TracePacket.Builder packet) {
        packet.setTrustedPacketSequenceId(SEQUENCE_ID);
        if (first) {
            packet.setSequenceFlags(SEQ_INCREMENTAL_STATE_CLEARED);
            first = false;
        }
        try {
            out.writeMessage(TRACE_PACKET_FIELD, packet.build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Perfetto trace: " + e.getMessage(), e);
        }
    }

    /** Writes what is buffered and closes the file. */
    @Override
    public synchronized void close() throws IOException {
        try {
            out.flush();
        } finally {
            stream.close();
        }
    }
}
