package org.zeusmobile.onnx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal reader of the ONNX protobuf (onnx.proto3): the top-level graph's nodes (with their
 * attributes), initializers, inputs and outputs. Enough to validate a file before ONNX Runtime
 * sees it, to bind its inputs' shapes, to count its parameters and to apply the cost rules; the
 * shapes of activations come from ONNX Runtime (see {@link ShapeProbe}).
 *
 * <p>Field numbers are those of onnx/onnx.proto: ModelProto ir_version = 1, graph = 7;
 * GraphProto node = 1, initializer = 5, input = 11, output = 12; NodeProto input = 1, output = 2,
 * name = 3, op_type = 4, attribute = 5, domain = 7; AttributeProto name = 1, f = 2, i = 3, s = 4,
 * t = 5, g = 6, floats = 7, ints = 8, graphs = 11; TensorProto dims = 1, data_type = 2, name = 8,
 * raw_data = 9, external_data = 13, data_location = 14; ValueInfoProto name = 1, type = 2;
 * TypeProto tensor_type = 1; TypeProto.Tensor elem_type = 1, shape = 2; TensorShapeProto dim = 1;
 * Dimension dim_value = 1, dim_param = 2.
 */
public final class OnnxModelFile {

    /** One weight tensor stored in the graph (inline, or in an external file beside the model). */
    public static final class Initializer {
        private final String name;
        private final int dataType;
        private final long[] dims;
        private final long storedBytes;
        private final boolean external;

        Initializer(String name, int dataType, long[] dims, long storedBytes, boolean external) {
            this.name = name;
            this.dataType = dataType;
            this.dims = dims;
            this.storedBytes = storedBytes;
            this.external = external;
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
            return elements() * OnnxTypes.elementBytes(dataType);
        }

        /** Bytes of data stored in the .onnx file itself for it (0 when its data is external). */
        public long storedBytes() {
            return storedBytes;
        }

        /** Whether its data lives in an external file beside the model (TensorProto.data_location EXTERNAL). */
        public boolean external() {
            return external;
        }
    }

    /** One operator of the top-level graph. */
    public static final class Node {
        private final String name;
        private final String opType;
        private final String domain;
        private final List<String> inputs;
        private final List<String> outputs;
        private final Map<String, long[]> ints;
        private final Map<String, String> strings;
        private final Map<String, Float> floats;
        private final boolean subgraph;
        private final Initializer constant;

        Node(String name, String opType, String domain, List<String> inputs, List<String> outputs,
                Map<String, long[]> ints, Map<String, String> strings, Map<String, Float> floats, boolean subgraph,
                Initializer constant) {
            this.name = name;
            this.opType = opType;
            this.domain = domain;
            this.inputs = Collections.unmodifiableList(inputs);
            this.outputs = Collections.unmodifiableList(outputs);
            this.ints = ints;
            this.strings = strings;
            this.floats = floats;
            this.subgraph = subgraph;
            this.constant = constant;
        }

        /** The tensor of a {@code Constant} node's {@code value} attribute, or null. */
        public Initializer constant() {
            return constant;
        }

        /** The node's name; often empty (names are optional in ONNX). */
        public String name() {
            return name;
        }

        public String opType() {
            return opType;
        }

        /** The operator set's domain: empty for ONNX's own, {@code com.microsoft} for ONNX Runtime's contrib ops. */
        public String domain() {
            return domain;
        }

        public List<String> inputs() {
            return inputs;
        }

        public List<String> outputs() {
            return outputs;
        }

        /** An integer attribute ({@code i}, or the first of {@code ints}), or {@code fallback} when absent. */
        public long intAttribute(String attribute, long fallback) {
            long[] values = ints.get(attribute);
            return values == null || values.length == 0 ? fallback : values[0];
        }

        /** A float attribute ({@code f}), or {@code fallback} when absent. */
        public double floatAttribute(String attribute, double fallback) {
            Float value = floats.get(attribute);
            return value == null ? fallback : value;
        }

        /** A string attribute, or {@code fallback} when absent. */
        public String stringAttribute(String attribute, String fallback) {
            String value = strings.get(attribute);
            return value == null ? fallback : value;
        }

        /** Whether an attribute holds a graph (If, Loop, Scan): work the analysis does not see. */
        public boolean hasSubgraph() {
            return subgraph;
        }
    }

    /** A graph input or output: name, element type and dimensions (-1 where symbolic or unknown). */
    public static final class ValueInfo {
        private final String name;
        private final int elementType;
        private final long[] dims;
        private final String[] dimNames;
        private final boolean tensor;

        ValueInfo(String name, int elementType, long[] dims, String[] dimNames, boolean tensor) {
            this.name = name;
            this.elementType = elementType;
            this.dims = dims;
            this.dimNames = dimNames;
            this.tensor = tensor;
        }

        public String name() {
            return name;
        }

        /** The ONNX TensorProto.DataType number, 0 when the file does not say. */
        public int elementType() {
            return elementType;
        }

        /** The declared dimensions, -1 for a symbolic or unknown one; null when the file declares no shape. */
        public long[] dims() {
            return dims == null ? null : dims.clone();
        }

        /** The name of each symbolic dimension ({@code dim_param}), "" where it has none or is fixed. */
        public String[] dimNames() {
            return dimNames == null ? null : dimNames.clone();
        }

        /** Whether it is a tensor (not a sequence, map or optional value). */
        public boolean isTensor() {
            return tensor;
        }
    }

    private final String source;
    private final long irVersion;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Initializer> initializers = new ArrayList<>();
    private final List<ValueInfo> graphInputs = new ArrayList<>();
    private final List<ValueInfo> graphOutputs = new ArrayList<>();

    private OnnxModelFile(String source, byte[] bytes) {
        this.source = source;
        ProtoReader model = ProtoReader.of(bytes);
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
            throw notAModel(source, null);
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
        } catch (ProtoReader.Truncated e) {
            throw new OnnxFormatException(source + " is truncated (" + bytes.length + " bytes; " + e.getMessage()
                    + "): download or export the .onnx file again");
        } catch (ProtoReader.Malformed e) {
            throw notAModel(source, e.getMessage());
        }
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

    /** The graph's inputs as declared (older exporters list initializers here too: see {@link #feeds()}). */
    public List<ValueInfo> graphInputs() {
        return Collections.unmodifiableList(graphInputs);
    }

    /** The graph inputs a caller feeds: the declared inputs that are not initializers. */
    public List<ValueInfo> feeds() {
        Map<String, Boolean> weights = new HashMap<>();
        for (Initializer initializer : initializers) {
            weights.put(initializer.name(), Boolean.TRUE);
        }
        List<ValueInfo> result = new ArrayList<>();
        for (ValueInfo input : graphInputs) {
            if (!weights.containsKey(input.name())) {
                result.add(input);
            }
        }
        return result;
    }

    public List<ValueInfo> graphOutputs() {
        return Collections.unmodifiableList(graphOutputs);
    }

    /** Whether any initializer keeps its data in an external file. */
    public boolean hasExternalData() {
        for (Initializer initializer : initializers) {
            if (initializer.external()) {
                return true;
            }
        }
        return false;
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

    private void readGraph(ProtoReader graph) {
        while (graph.hasMore()) {
            long tag = graph.varint();
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            if (field == 1 && wire == 2) {
                nodes.add(readNode(graph.message()));
            } else if (field == 5 && wire == 2) {
                initializers.add(readTensor(graph.message()));
            } else if (field == 11 && wire == 2) {
                graphInputs.add(readValueInfo(graph.message()));
            } else if (field == 12 && wire == 2) {
                graphOutputs.add(readValueInfo(graph.message()));
            } else {
                graph.skip(wire);
            }
        }
    }

    private static Node readNode(ProtoReader node) {
        String name = "";
        String opType = null;
        String domain = "";
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        Map<String, long[]> ints = new HashMap<>();
        Map<String, String> strings = new HashMap<>();
        Map<String, Float> floats = new HashMap<>();
        boolean subgraph = false;
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
            } else if (wire == 2 && field == 7) {
                domain = node.string();
            } else if (wire == 2 && field == 5) {
                Attribute attribute = readAttribute(node.message());
                if (attribute.ints != null) {
                    ints.put(attribute.name, attribute.ints);
                }
                if (attribute.string != null) {
                    strings.put(attribute.name, attribute.string);
                }
                if (attribute.number != null) {
                    floats.put(attribute.name, attribute.number);
                }
                subgraph |= attribute.graph;
                constant = attribute.tensor != null ? attribute.tensor : constant;
            } else {
                node.skip(wire);
            }
        }
        if (opType == null || opType.isEmpty()) {
            throw new ProtoReader.Malformed("a graph node has no op_type");
        }
        return new Node(name, opType, domain, inputs, outputs, ints, strings, floats, subgraph,
                "Constant".equals(opType) ? constant : null);
    }

    /** What the analysis keeps of an AttributeProto. */
    private static final class Attribute {
        String name = "";
        long[] ints;
        String string;
        Float number;
        Initializer tensor;
        boolean graph;
    }

    private static Attribute readAttribute(ProtoReader attribute) {
        Attribute result = new Attribute();
        List<Long> ints = new ArrayList<>();
        while (attribute.hasMore()) {
            long tag = attribute.varint();
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            if (field == 1 && wire == 2) {
                result.name = attribute.string();
            } else if ((field == 3 || field == 8) && wire == 0) {
                ints.add(attribute.varint());
            } else if (field == 8 && wire == 2) {
                ProtoReader packed = attribute.message();
                while (packed.hasMore()) {
                    ints.add(packed.varint());
                }
            } else if (field == 2 && wire == 5) {
                result.number = attribute.fixed32Float();
            } else if (field == 4 && wire == 2) {
                result.string = attribute.string();
            } else if (field == 5 && wire == 2) {
                result.tensor = readTensor(attribute.message());
            } else if ((field == 6 || field == 11) && wire == 2) {
                result.graph = true;
                attribute.skip(wire);
            } else {
                attribute.skip(wire);
            }
        }
        if (!ints.isEmpty()) {
            result.ints = new long[ints.size()];
            for (int i = 0; i < result.ints.length; i++) {
                result.ints[i] = ints.get(i);
            }
        }
        return result;
    }

    private static ValueInfo readValueInfo(ProtoReader info) {
        String name = "";
        int elementType = 0;
        List<Long> dims = null;
        List<String> dimNames = null;
        boolean tensor = false;
        while (info.hasMore()) {
            long tag = info.varint();
            if (tag == ((1 << 3) | 2)) {
                name = info.string();
            } else if (tag == ((2 << 3) | 2)) {
                ProtoReader type = info.message();
                while (type.hasMore()) {
                    long typeTag = type.varint();
                    if (typeTag != ((1 << 3) | 2)) {
                        type.skip((int) (typeTag & 7));
                        continue;
                    }
                    tensor = true;
                    ProtoReader tensorType = type.message();
                    while (tensorType.hasMore()) {
                        long tensorTag = tensorType.varint();
                        if (tensorTag == (1 << 3)) {
                            elementType = (int) tensorType.varint();
                        } else if (tensorTag == ((2 << 3) | 2)) {
                            dims = new ArrayList<>();
                            dimNames = new ArrayList<>();
                            readShape(tensorType.message(), dims, dimNames);
                        } else {
                            tensorType.skip((int) (tensorTag & 7));
                        }
                    }
                }
            } else {
                info.skip((int) (tag & 7));
            }
        }
        long[] shape = null;
        String[] names = null;
        if (dims != null) {
            shape = new long[dims.size()];
            names = new String[dims.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = dims.get(i);
                names[i] = dimNames.get(i);
            }
        }
        return new ValueInfo(name, elementType, shape, names, tensor);
    }

    private static void readShape(ProtoReader shape, List<Long> dims, List<String> dimNames) {
        while (shape.hasMore()) {
            long tag = shape.varint();
            if (tag != ((1 << 3) | 2)) {
                shape.skip((int) (tag & 7));
                continue;
            }
            ProtoReader dim = shape.message();
            long value = -1;
            String param = "";
            while (dim.hasMore()) {
                long dimTag = dim.varint();
                if (dimTag == (1 << 3)) {
                    long read = dim.varint();
                    value = read > 0 ? read : value;
                } else if (dimTag == ((2 << 3) | 2)) {
                    param = dim.string();
                } else {
                    dim.skip((int) (dimTag & 7));
                }
            }
            dims.add(value);
            dimNames.add(value > 0 ? "" : param);
        }
    }

    private static Initializer readTensor(ProtoReader tensor) {
        String name = "";
        int dataType = 0;
        List<Long> dims = new ArrayList<>();
        long stored = 0;
        boolean external = false;
        while (tensor.hasMore()) {
            long tag = tensor.varint();
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            if (field == 1 && wire == 0) {
                dims.add(tensor.varint());
            } else if (field == 1 && wire == 2) {
                ProtoReader packed = tensor.message();
                while (packed.hasMore()) {
                    dims.add(packed.varint());
                }
            } else if (field == 2 && wire == 0) {
                dataType = (int) tensor.varint();
            } else if (field == 8 && wire == 2) {
                name = tensor.string();
            } else if (field == 14 && wire == 0) {
                external = tensor.varint() == 1;
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
                throw new ProtoReader.Malformed("initializer " + name + " has a negative dimension");
            }
        }
        return new Initializer(name, dataType, shape, stored, external);
    }
}
