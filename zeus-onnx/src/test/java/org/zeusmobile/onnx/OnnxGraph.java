package org.zeusmobile.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Builds ONNX models in the protobuf wire format for tests, as {@code onnx.helper} writes them: nodes
 * without names (unless given), tensors named {@code t1, t2...}, seeded random weights. Field numbers
 * from onnx/onnx.proto (see {@link OnnxModelFile}).
 */
public final class OnnxGraph {

    static final int FLOAT = 1;
    static final int UINT8 = 2;
    static final int INT8 = 3;
    static final int INT32 = 6;
    static final int INT64 = 7;

    private final ProtoWriter graph = ProtoWriter.of().text(2, "test-graph");
    private final List<ProtoWriter> initializers = new ArrayList<>();
    private final Random random;
    private int tensors;
    private boolean usesContribOps;

    OnnxGraph(long seed) {
        this.random = new Random(seed);
    }

    /** A fresh tensor name. */
    String tensor() {
        return "t" + (++tensors);
    }

    // ---- graph inputs, outputs and nodes ----

    /** A graph input; a dimension given as a String is symbolic ({@code dim_param}). */
    OnnxGraph input(String name, int elementType, Object... dims) {
        graph.message(11, valueInfo(name, elementType, dims));
        return this;
    }

    OnnxGraph output(String name, int elementType, Object... dims) {
        graph.message(12, valueInfo(name, elementType, dims));
        return this;
    }

    private static ProtoWriter valueInfo(String name, int elementType, Object... dims) {
        ProtoWriter shape = ProtoWriter.of();
        for (Object dim : dims) {
            shape.message(1, dim instanceof String ? ProtoWriter.of().text(2, (String) dim)
                    : ProtoWriter.of().number(1, ((Number) dim).longValue()));
        }
        ProtoWriter tensorType = ProtoWriter.of().number(1, elementType).message(2, shape);
        return ProtoWriter.of().text(1, name).message(2, ProtoWriter.of().message(1, tensorType));
    }

    /** An unnamed node; attributes as name/value pairs (Long, long[] or String values). Returns its first output. */
    String node(String opType, String[] inputs, Object... attributes) {
        String out = tensor();
        node("", opType, "", inputs, new String[] {out}, attributes);
        return out;
    }

    /** A node with everything spelt out; {@code domain} "" for ONNX's own operators. */
    OnnxGraph node(String name, String opType, String domain, String[] inputs, String[] outputs,
            Object... attributes) {
        ProtoWriter node = ProtoWriter.of();
        for (String input : inputs) {
            node.text(1, input);
        }
        for (String output : outputs) {
            node.text(2, output);
        }
        if (!name.isEmpty()) {
            node.text(3, name);
        }
        node.text(4, opType);
        for (int i = 0; i < attributes.length; i += 2) {
            node.message(5, attribute((String) attributes[i], attributes[i + 1]));
        }
        if (!domain.isEmpty()) {
            node.text(7, domain);
            usesContribOps = true;
        }
        graph.message(1, node);
        return this;
    }

    private static ProtoWriter attribute(String name, Object value) {
        ProtoWriter attribute = ProtoWriter.of().text(1, name);
        if (value instanceof Long || value instanceof Integer) {
            return attribute.number(3, ((Number) value).longValue()).number(20, 2);
        }
        if (value instanceof Float) {
            return attribute.float32(2, (Float) value).number(20, 1);
        }
        if (value instanceof String) {
            return attribute.text(4, (String) value).number(20, 3);
        }
        for (long element : (long[]) value) {
            attribute.number(8, element);
        }
        return attribute.number(20, 7);
    }

    // ---- initializers ----

    /** A float initializer of random values in [-scale, scale]. */
    String weights(float scale, long... dims) {
        int count = (int) OperatorCosts.elements(dims);
        ByteBuffer raw = ByteBuffer.allocate(count * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            raw.putFloat((random.nextFloat() * 2 - 1) * scale);
        }
        return initializer(FLOAT, raw.array(), dims);
    }

    /** A float initializer of one value repeated. */
    String constant(float value, long... dims) {
        int count = (int) OperatorCosts.elements(dims);
        ByteBuffer raw = ByteBuffer.allocate(count * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            raw.putFloat(value);
        }
        return initializer(FLOAT, raw.array(), dims);
    }

    /** An int8 or uint8 initializer of random bytes. */
    String bytes(int elementType, long... dims) {
        byte[] raw = new byte[(int) OperatorCosts.elements(dims)];
        random.nextBytes(raw);
        if (elementType == UINT8) {
            for (int i = 0; i < raw.length; i++) {
                raw[i] = (byte) (raw[i] & 0x7f);
            }
        }
        return initializer(elementType, raw, dims);
    }

    /** A scalar initializer of one value (scales, zero points): FLOAT, UINT8, INT8, INT32 or INT64. */
    String scalar(int elementType, double value) {
        ByteBuffer raw = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        if (elementType == FLOAT) {
            raw.putFloat((float) value);
        } else if (elementType == INT32) {
            raw.putInt((int) value);
        } else if (elementType == INT64) {
            raw.putLong((long) value);
        } else {
            raw.put((byte) value);
        }
        byte[] bytes = new byte[raw.position()];
        System.arraycopy(raw.array(), 0, bytes, 0, bytes.length);
        return initializer(elementType, bytes);
    }

    /** An int64 initializer of these values (shapes, axes). */
    String longs(long... values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long value : values) {
            raw.putLong(value);
        }
        return initializer(INT64, raw.array(), values.length);
    }

    /** An int32 initializer of zeros (a quantised bias). */
    String zerosInt32(long count) {
        return initializer(INT32, new byte[(int) count * 4], count);
    }

    private String initializer(int elementType, byte[] raw, long... dims) {
        String name = tensor();
        initializers.add(tensorProto(name, elementType, dims).bytes(9, raw));
        return name;
    }

    /** An initializer whose data lives in an external file: {@code location}, at {@code offset}, {@code length} bytes. */
    String external(int elementType, String location, long offset, long length, long... dims) {
        String name = tensor();
        ProtoWriter tensor = tensorProto(name, elementType, dims)
                .message(13, ProtoWriter.of().text(1, "location").text(2, location))
                .message(13, ProtoWriter.of().text(1, "offset").text(2, Long.toString(offset)))
                .message(13, ProtoWriter.of().text(1, "length").text(2, Long.toString(length)))
                .number(14, 1);
        initializers.add(tensor);
        return name;
    }

    private static ProtoWriter tensorProto(String name, int elementType, long... dims) {
        ProtoWriter tensor = ProtoWriter.of();
        for (long dim : dims) {
            tensor.number(1, dim);
        }
        return tensor.number(2, elementType).text(8, name);
    }

    /** The model bytes: IR version 8, ONNX opset {@code opset} (and com.microsoft 1 when used). */
    byte[] build(int opset) {
        for (ProtoWriter initializer : initializers) {
            graph.message(5, initializer);
        }
        ProtoWriter model = ProtoWriter.of().number(1, 8).text(2, "zeus-mobile tests")
                .message(8, ProtoWriter.of().text(1, "").number(2, opset));
        if (usesContribOps) {
            model.message(8, ProtoWriter.of().text(1, "com.microsoft").number(2, 1));
        }
        return model.message(7, graph).toBytes();
    }
}
