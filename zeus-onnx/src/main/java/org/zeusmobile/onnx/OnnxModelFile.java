package org.zeusmobile.onnx;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A minimal reader of the ONNX protobuf (onnx.proto3): the graph's nodes, initializers and inputs.
 * Enough to validate a file before ONNX Runtime sees it and to count its parameters; shapes of
 * activations come from ONNX Runtime's profiler (see {@link OnnxModelProfiler}).
 *
 * <p>Field numbers are those of onnx/onnx.proto: ModelProto.graph = 7, GraphProto.node = 1,
 * initializer = 5, input = 11; NodeProto input = 1, output = 2, name = 3, op_type = 4;
 * TensorProto dims = 1, data_type = 2, name = 8, raw_data = 9.
 */
public final class OnnxModelFile {

    /** One weight tensor stored in the graph. */
    public static final class Initializer {
        private final String name;
        private final int dataType;
        private final long[] dims;
        private final long storedBytes;

        Initializer(String name, int dataType, long[] dims, long storedBytes) {
            this.name = name;
            this.dataType = dataType;
            this.dims = dims;
            this.storedBytes = storedBytes;
        }

        public String name() {
            return name;
        }

        /** The ONNX TensorProto.DataType number (1 float, 3 int8, 7 int64...). */
        public int dataType() {
            return dataType;
        }

        public long[] dims() {
            return dims.clone();
        }

        public long elements() {
            long count = 1;
            for (long dim : dims) {
                count *= dim;
            }
            return count;
        }

        /** Bytes by shape and element type: what the tensor occupies in memory. */
        public long bytes() {
            return elements() * elementBytes(dataType);
        }

        /** Bytes of data actually stored in the file for it (raw_data or the typed fields). */
        public long storedBytes() {
            return storedBytes;
        }
    }

    /** One operator of the top-level graph. */
    public static final class Node {
        private final String name;
        private final String opType;
        private final List<String> inputs;
        private final List<String> outputs;
        private final Initializer constant;

        Node(String name, String opType, List<String> inputs, List<String> outputs, Initializer constant) {
            this.name = name;
            this.opType = opType;
            this.inputs = Collections.unmodifiableList(inputs);
            this.outputs = Collections.unmodifiableList(outputs);
            this.constant = constant;
        }

        /** The tensor of a {@code Constant} node's {@code value} attribute, or null. */
        public Initializer constant() {
            return constant;
        }

        public String name() {
            return name;
        }

        public String opType() {
            return opType;
        }

        public List<String> inputs() {
            return inputs;
        }

        public List<String> outputs() {
            return outputs;
        }
    }

    private final String source;
    private final long irVersion;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Initializer> initializers = new ArrayList<>();
    private final List<String> graphInputs = new ArrayList<>();

    private OnnxModelFile(String source, byte[] bytes) {
        this.source = source;
        Reader model = new Reader(bytes, 0, bytes.length);
        long ir = -1;
        boolean sawGraph = false;
        while (model.hasMore()) {
            long tag = model.varint();
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            if (field == 1 && wire == 0) {
                ir = model.varint();
            } else if (field == 7 && wire == 2) {
                readGraph(model.message());
                sawGraph = true;
            } else {
                model.skip(wire);
            }
        }
        if (!sawGraph || ir <= 0 || nodes.isEmpty()) {
            throw notAModel(null);
        }
        this.irVersion = ir;
    }

    /**
     * Parses {@code bytes}, read from {@code source} (a path or a resource name, used in messages).
     *
     * @throws OnnxFormatException when the bytes are truncated or are not an ONNX model
     */
    public static OnnxModelFile parse(String source, byte[] bytes) {
        try {
            return new OnnxModelFile(source, bytes);
        } catch (Truncated e) {
            throw new OnnxFormatException(source + " is truncated (" + bytes.length + " bytes; " + e.getMessage()
                    + "): download or export the .onnx file again");
        } catch (Malformed e) {
            throw notAModel(source, e.getMessage());
        }
    }

    private OnnxFormatException notAModel(String detail) {
        return notAModel(source, detail);
    }

    private static OnnxFormatException notAModel(String source, String detail) {
        return new OnnxFormatException(source + " is not an ONNX model" + (detail == null ? "" : " (" + detail + ")")
                + ": give a .onnx file exported by PyTorch/TensorFlow/optimum, or a built-in model name "
                + "(minilm, bge-small)");
    }

    public String source() {
        return source;
    }

    public long irVersion() {
        return irVersion;
    }

    public List<Node> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    public List<Initializer> initializers() {
        return Collections.unmodifiableList(initializers);
    }

    /** Names of the graph's inputs (older exporters list initializers here too). */
    public List<String> graphInputs() {
        return Collections.unmodifiableList(graphInputs);
    }

    /** Bytes of every initializer by shape and type: the model's parameter bytes. */
    public long parameterBytes() {
        long sum = 0;
        for (Initializer initializer : initializers) {
            sum += initializer.bytes();
        }
        return sum;
    }

    public long parameterCount() {
        long sum = 0;
        for (Initializer initializer : initializers) {
            sum += initializer.elements();
        }
        return sum;
    }

    private void readGraph(Reader graph) {
        while (graph.hasMore()) {
            long tag = graph.varint();
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            if (field == 1 && wire == 2) {
                nodes.add(readNode(graph.message()));
            } else if (field == 5 && wire == 2) {
                initializers.add(readTensor(graph.message()));
            } else if (field == 11 && wire == 2) {
                graphInputs.add(readValueInfoName(graph.message()));
            } else {
                graph.skip(wire);
            }
        }
    }

    private static Node readNode(Reader node) {
        String name = "";
        String opType = null;
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        Initializer constant = null;
        while (node.hasMore()) {
            long tag = node.varint();
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            if (wire == 2 && field == 1) {
                inputs.add(node.string());
            } else if (wire == 2 && field == 2) {
                outputs.add(node.string());
            } else if (wire == 2 && field == 3) {
                name = node.string();
            } else if (wire == 2 && field == 4) {
                opType = node.string();
            } else if (wire == 2 && field == 5) {
                Initializer value = readTensorAttribute(node.message());
                constant = value != null ? value : constant;
            } else {
                node.skip(wire);
            }
        }
        if (opType == null || opType.isEmpty()) {
            throw new Malformed("a graph node has no op_type");
        }
        return new Node(name, opType, inputs, outputs, "Constant".equals(opType) ? constant : null);
    }

    /** The tensor of an AttributeProto (name = 1, t = 5), or null when it holds none. */
    private static Initializer readTensorAttribute(Reader attribute) {
        Initializer tensor = null;
        while (attribute.hasMore()) {
            long tag = attribute.varint();
            if (tag == ((5 << 3) | 2)) {
                tensor = readTensor(attribute.message());
            } else {
                attribute.skip((int) (tag & 7));
            }
        }
        return tensor;
    }

    private static String readValueInfoName(Reader info) {
        String name = "";
        while (info.hasMore()) {
            long tag = info.varint();
            if (tag == ((1 << 3) | 2)) {
                name = info.string();
            } else {
                info.skip((int) (tag & 7));
            }
        }
        return name;
    }

    private static Initializer readTensor(Reader tensor) {
        String name = "";
        int dataType = 0;
        List<Long> dims = new ArrayList<>();
        long stored = 0;
        while (tensor.hasMore()) {
            long tag = tensor.varint();
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            if (field == 1 && wire == 0) {
                dims.add(tensor.varint());
            } else if (field == 1 && wire == 2) {
                Reader packed = tensor.message();
                while (packed.hasMore()) {
                    dims.add(packed.varint());
                }
            } else if (field == 2 && wire == 0) {
                dataType = (int) tensor.varint();
            } else if (field == 8 && wire == 2) {
                name = tensor.string();
            } else if (wire == 2 && (field == 9 || field == 4 || field == 5 || field == 6 || field == 7
                    || field == 10 || field == 11)) {
                // raw_data, or packed float/int32/string/int64/double/uint64 data: count the stored bytes.
                stored += tensor.message().length();
            } else {
                tensor.skip(wire);
            }
        }
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.get(i);
            if (shape[i] < 0) {
                throw new Malformed("initializer " + name + " has a negative dimension");
            }
        }
        return new Initializer(name, dataType, shape, stored);
    }

    /** Bytes per element of an ONNX TensorProto.DataType; 0 for strings and unknown types. */
    public static int elementBytes(int dataType) {
        switch (dataType) {
            case 2: // uint8
            case 3: // int8
            case 9: // bool
            case 17: // float8 variants
            case 18:
            case 19:
            case 20:
                return 1;
            case 4: // uint16
            case 5: // int16
            case 10: // float16
            case 16: // bfloat16
                return 2;
            case 1: // float
            case 6: // int32
            case 12: // uint32
                return 4;
            case 7: // int64
            case 11: // double
            case 13: // uint64
            case 14: // complex64
                return 8;
            case 15: // complex128
                return 16;
            default:
                return 0;
        }
    }

    /** Thrown inside the reader when the data ends early. */
    private static final class Truncated extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Truncated(String message) {
            super(message);
        }
    }

    /** Thrown inside the reader when the data is not protobuf of the expected shape. */
    private static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    /** Protobuf wire-format reader over a slice of a byte array. */
    private static final class Reader {
        private final byte[] bytes;
        private int position;
        private final int end;

        Reader(byte[] bytes, int start, int end) {
            this.bytes = bytes;
            this.position = start;
            this.end = end;
        }

        boolean hasMore() {
            return position < end;
        }

        int length() {
            return end - position;
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

        Reader message() {
            long length = varint();
            if (length < 0 || length > end - position) {
                if (length > 0 && position + length > bytes.length) {
                    throw new Truncated("a field of " + length + " bytes at byte " + position + " runs past the end");
                }
                throw new Malformed("a field of " + length + " bytes at byte " + position + " overruns its message");
            }
            Reader inner = new Reader(bytes, position, position + (int) length);
            position += (int) length;
            return inner;
        }

        String string() {
            Reader slice = message();
            return new String(bytes, slice.position, slice.length(), StandardCharsets.UTF_8);
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
}
