package org.zeusmobile.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Knob;

/**
 * The ONNX Runtime knobs on the real ONNX Runtime (the desktop jar shares the ai.onnxruntime API with
 * onnxruntime-android). Plain JUnit 5: nothing here touches the Android framework.
 */
class TunedSessionTest {

    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();

    @Test
    void aSessionIsRebuiltOnlyWhenThreadsOrProviderChange() throws Exception {
        try (TunedSession tuned = new TunedSession(environment, identityModel(3))) {
            Configuration two = Configuration.governed().with(Knob.THREADS, 2).with(Knob.BATCH, 4);
            OrtSession first = tuned.session(two);
            assertThat(tuned.session(two.with(Knob.BATCH, 8))).as("batch is the app's business, not the session's")
                    .isSameAs(first);
            assertThat(run(first, new float[] {1f, 2f, 3f})).containsExactly(1f, 2f, 3f);

            OrtSession one = tuned.session(two.with(Knob.THREADS, 1));
            assertThat(one).isNotSameAs(first);
            assertThat(run(one, new float[] {4f, 5f, 6f})).containsExactly(4f, 5f, 6f);
            assertThatThrownBy(() -> run(first, new float[] {1f, 2f, 3f})).as("the old session was closed")
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void cpuIsAlwaysAvailableAndCodesRoundTrip() {
        assertThat(ExecutionProvider.available()).contains(ExecutionProvider.CPU);
        for (ExecutionProvider provider : ExecutionProvider.values()) {
            assertThat(ExecutionProvider.ofCode(provider.code())).isSameAs(provider);
        }
        assertThatThrownBy(() -> ExecutionProvider.ofCode(9)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 CPU, 2 NNAPI, 3 XNNPACK");
        assertThat(ExecutionProvider.availableAmong(java.util.EnumSet.of(ai.onnxruntime.OrtProvider.XNNPACK)))
                .containsExactly(ExecutionProvider.CPU, ExecutionProvider.XNNPACK);
    }

    @Test
    void badSettingsAreExplained() {
        assertThatThrownBy(() -> TunedSession.options(-1, ExecutionProvider.CPU))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("intra-op threads");
        assertThatThrownBy(() -> new TunedSession(environment, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(".onnx");
    }

    private static float[] run(OrtSession session, float[] input) throws Exception {
        try (OnnxTensor tensor = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), input);
                OrtSession.Result result = session.run(Collections.singletonMap("x", tensor))) {
            return (float[]) result.get(0).getValue();
        }
    }

    /** An ONNX model y = Identity(x) over a float vector of {@code length}, written as protobuf by hand. */
    static byte[] identityModel(int length) {
        byte[] tensorType = concat(varint(1, 1), bytes(2, bytes(1, varint(1, length))));
        byte[] type = bytes(1, tensorType);
        byte[] node = concat(bytes(1, text("x")), bytes(2, text("y")), bytes(3, text("identity")),
                bytes(4, text("Identity")));
        byte[] graph = concat(bytes(1, node), bytes(2, text("g")),
                bytes(11, concat(bytes(1, text("x")), bytes(2, type))),
                bytes(12, concat(bytes(1, text("y")), bytes(2, type))));
        return concat(varint(1, 8), bytes(7, graph), bytes(8, varint(2, 13)));
    }

    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] varint(int field, long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeVarint(out, (long) field << 3);
        writeVarint(out, value);
        return out.toByteArray();
    }

    private static byte[] bytes(int field, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeVarint(out, ((long) field << 3) | 2);
        writeVarint(out, payload.length);
        out.write(payload, 0, payload.length);
        return out.toByteArray();
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.write(part, 0, part.length);
        }
        return out.toByteArray();
    }
}
