package org.zeusmobile.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Protobuf wire-format writer: what {@link OnnxRewriter} needs to edit an ONNX model (and tests, to build one). */
final class ProtoWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static ProtoWriter of() {
        return new ProtoWriter();
    }

    private ProtoWriter varint(long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
        return this;
    }

    /** A varint field (wire type 0). */
    ProtoWriter number(int field, long value) {
        return varint((long) field << 3).varint(value);
    }

    /** A float field (wire type 5). */
    ProtoWriter float32(int field, float value) {
        varint(((long) field << 3) | 5);
        int bits = Float.floatToIntBits(value);
        for (int i = 0; i < 4; i++) {
            out.write((bits >>> (8 * i)) & 0xff);
        }
        return this;
    }

    /** A length-delimited field (wire type 2). */
    ProtoWriter bytes(int field, byte[] value) {
        return bytes(field, value, 0, value.length);
    }

    ProtoWriter bytes(int field, byte[] value, int offset, int length) {
        varint(((long) field << 3) | 2).varint(length);
        out.write(value, offset, length);
        return this;
    }

    ProtoWriter text(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    ProtoWriter message(int field, ProtoWriter inner) {
        return bytes(field, inner.toBytes());
    }

    /** Bytes already encoded as whole fields, copied as they are. */
    ProtoWriter raw(byte[] encoded, int offset, int length) {
        out.write(encoded, offset, length);
        return this;
    }

    byte[] toBytes() {
        return out.toByteArray();
    }
}
