package org.zeusmobile.onnx;

import java.nio.charset.StandardCharsets;

/**
 * Protobuf wire-format reader over a slice of a byte array: what {@link OnnxModelFile} and
 * {@link OnnxRewriter} need of it (varints, length-delimited fields, skipping).
 */
final class ProtoReader {

    /** Thrown when the data ends early. */
    static final class Truncated extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Truncated(String message) {
            super(message);
        }
    }

    /** Thrown when the data is not protobuf of the expected shape. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    private final byte[] bytes;
    private int position;
    private final int end;

    ProtoReader(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.position = start;
        this.end = end;
    }

    static ProtoReader of(byte[] bytes) {
        return new ProtoReader(bytes, 0, bytes.length);
    }

    boolean hasMore() {
        return position < end;
    }

    int position() {
        return position;
    }

    int length() {
        return end - position;
    }

    byte[] array() {
        return bytes;
    }

    long varint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= end) {
                throw new Truncated("a number runs past the end at byte " + position);
            }
            byte b = bytes[position++];
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new Malformed("a varint is longer than 10 bytes at byte " + position);
    }

    /** The next length-delimited field as a reader of its own bytes. */
    ProtoReader message() {
        long length = varint();
        if (length < 0 || length > end - position) {
            if (length > 0 && position + length > bytes.length) {
                throw new Truncated("a field of " + length + " bytes at byte " + position + " runs past the end");
            }
            throw new Malformed("a field of " + length + " bytes at byte " + position + " overruns its message");
        }
        ProtoReader inner = new ProtoReader(bytes, position, position + (int) length);
        position += (int) length;
        return inner;
    }

    String string() {
        ProtoReader slice = message();
        return new String(bytes, slice.position, slice.length(), StandardCharsets.UTF_8);
    }

    /** A 32-bit little-endian float (wire type 5). */
    float fixed32Float() {
        advance(4);
        int p = position - 4;
        int bits = (bytes[p] & 0xff) | (bytes[p + 1] & 0xff) << 8 | (bytes[p + 2] & 0xff) << 16 | (bytes[p + 3] & 0xff) << 24;
        return Float.intBitsToFloat(bits);
    }

    void skip(int wireType) {
        switch (wireType) {
            case 0:
                varint();
                break;
            case 1:
                advance(8);
                break;
            case 2:
                message();
                break;
            case 5:
                advance(4);
                break;
            default:
                throw new Malformed("wire type " + wireType + " at byte " + position + " is not protobuf");
        }
    }

    private void advance(int count) {
        if (position + count > end) {
            throw new Truncated("a fixed-size field runs past the end at byte " + position);
        }
        position += count;
    }
}
