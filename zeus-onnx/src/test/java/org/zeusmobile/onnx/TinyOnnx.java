package org.zeusmobile.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes small ONNX models in the protobuf wire format, for tests (field numbers from onnx.proto3). */
final class TinyOnnx {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private TinyOnnx varint(long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
        return this;
    }

    TinyOnnx number(int field, long value) {
        return varint((long) field << 3).varint(value);
    }

    TinyOnnx bytes(int field, byte[] value) {
        varint(((long) field << 3) | 2).varint(value.length);
        out.write(value, 0, value.length);
        return this;
    }

    TinyOnnx text(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    TinyOnnx message(int field, TinyOnnx inner) {
        return bytes(field, inner.toBytes());
    }

    byte[] toBytes() {
        return out.toByteArray();
    }

    static TinyOnnx of() {
        return new TinyOnnx();
    }

    static TinyOnnx node(String name, String opType, String[] inputs, String... outputs) {
        TinyOnnx node = of();
        for (String input : inputs) {
            node.text(1, input);
        }
        for (String output : outputs) {
            node.text(2, output);
        }
        return node.text(3, name).text(4, opType);
    }

    /** A float tensor value info; a dim is symbolic when given as a String. */
    static TinyOnnx floatValue(String name, Object... dims) {
        TinyOnnx shape = of();
        for (Object dim : dims) {
            shape.message(1, dim instanceof String ? of().text(2, (String) dim) : of().number(1, (Integer) dim));
        }
        TinyOnnx tensorType = of().number(1, 1).message(2, shape);
        return of().text(1, name).message(2, of().message(1, tensorType));
    }

    static TinyOnnx floatInitializer(String name, int rows, int cols, float value) {
        ByteBuffer raw = ByteBuffer.allocate(rows * cols * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < rows * cols; i++) {
            raw.putFloat(value);
        }
        return of().number(1, rows).number(1, cols).number(2, 1).text(8, name).bytes(9, raw.array());
    }

    static byte[] model(TinyOnnx graph, int opset) {
        return of().number(1, 8).message(8, of().text(1, "").number(2, opset)).message(7, graph).toBytes();
    }

    /**
     * {@code Z = Det(MatMul(X, W))}, X float [batch, 4, 4], W a 4x4 initializer: Det is an operator
     * ONNX Runtime runs but the analysis has no rule for.
     */
    static byte[] matMulThenDet() {
        TinyOnnx graph = of()
                .message(1, node("mm", "MatMul", new String[] {"X", "W"}, "Y"))
                .message(1, node("det", "Det", new String[] {"Y"}, "Z"))
                .text(2, "tiny")
                .message(5, floatInitializer("W", 4, 4, 0.5f))
                .message(11, floatValue("X", "batch", 4, 4))
                .message(12, floatValue("Z", "batch"));
        return model(graph, 13);
    }
}
