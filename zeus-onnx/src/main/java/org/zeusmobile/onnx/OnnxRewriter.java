package org.zeusmobile.onnx;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Edits of an ONNX model at the protobuf wire level, every other field copied byte for byte:
 * external weights pulled into the file, and every node output made a graph output (so that one
 * run of ONNX Runtime returns the shape of every tensor, whatever the nodes are called).
 *
 * <p>Field numbers as in {@link OnnxModelFile}; TensorProto external_data = 13 holds
 * StringStringEntryProto (key = 1, value = 2) entries {@code location}, {@code offset}, {@code length}.
 */
final class OnnxRewriter {

    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_OUTPUT = 12;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int TENSOR_EXTERNAL_DATA = 13;
    private static final int TENSOR_DATA_LOCATION = 14;

    private OnnxRewriter() {
    }

    /** Edits the fields of the top-level GraphProto, writing the new graph to {@code out}. */
    private interface GraphEdit {
        void apply(ProtoReader graph, ProtoWriter out) throws IOException;
    }

    private static byte[] editGraph(byte[] model, GraphEdit edit) throws IOException {
        ProtoReader reader = ProtoReader.of(model);
        ProtoWriter out = ProtoWriter.of();
        while (reader.hasMore()) {
            int start = reader.position();
            long tag = reader.varint();
            int wire = (int) (tag & 7);
            if ((tag >>> 3) == MODEL_GRAPH && wire == 2) {
                ProtoWriter graph = ProtoWriter.of();
                edit.apply(reader.message(), graph);
                out.message(MODEL_GRAPH, graph);
            } else {
                reader.skip(wire);
                out.raw(model, start, reader.position() - start);
            }
        }
        return out.toBytes();
    }

    /**
     * The model with every initializer stored in an external file (ONNX's external data, as
     * {@code torch.onnx.export} writes models over 2 GB or when asked) read into the file itself.
     *
     * @param directory the directory of the .onnx file, against which external locations resolve
     * @throws OnnxFormatException naming the missing or short external file
     */
    static byte[] inlineExternalData(String source, byte[] model, Path directory) {
        try {
            return editGraph(model, (graph, out) -> {
                while (graph.hasMore()) {
                    int start = graph.position();
                    long tag = graph.varint();
                    int wire = (int) (tag & 7);
                    if ((tag >>> 3) == GRAPH_INITIALIZER && wire == 2) {
                        out.message(GRAPH_INITIALIZER, inlineTensor(source, graph.message(), directory));
                    } else {
                        graph.skip(wire);
                        out.raw(graph.array(), start, graph.position() - start);
                    }
                }
            });
        } catch (IOException e) {
            throw new OnnxFormatException("cannot read the external weights of " + source + ": " + e.getMessage()
                    + " (keep the files its initializers name beside the .onnx file)", e);
        }
    }

    private static ProtoWriter inlineTensor(String source, ProtoReader tensor, Path directory) throws IOException {
        ProtoWriter out = ProtoWriter.of();
        String location = null;
        long offset = 0;
        long length = -1;
        boolean external = false;
        while (tensor.hasMore()) {
            int start = tensor.position();
            long tag = tensor.varint();
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            if (field == TENSOR_EXTERNAL_DATA && wire == 2) {
                ProtoReader entry = tensor.message();
                String key = "";
                String value = "";
                while (entry.hasMore()) {
                    long entryTag = entry.varint();
                    if (entryTag == ((1 << 3) | 2)) {
                        key = entry.string();
                    } else if (entryTag == ((2 << 3) | 2)) {
                        value = entry.string();
                    } else {
                        entry.skip((int) (entryTag & 7));
                    }
                }
                if (key.equals("location")) {
                    location = value;
                } else if (key.equals("offset")) {
                    offset = Long.parseLong(value.trim());
                } else if (key.equals("length")) {
                    length = Long.parseLong(value.trim());
                }
            } else if (field == TENSOR_DATA_LOCATION && wire == 0) {
                external = tensor.varint() == 1;
            } else {
                tensor.skip(wire);
                out.raw(tensor.array(), start, tensor.position() - start);
            }
        }
        if (!external) {
            return out;
        }
        if (location == null) {
            throw new OnnxFormatException(source + " has an initializer stored externally without a location: "
                    + "export the model again");
        }
        Path file = directory.resolve(location).normalize();
        if (!file.startsWith(directory.normalize())) {
            throw new OnnxFormatException(source + " names external weights outside its directory (" + location
                    + "): ONNX external data lives beside the model; move the file there");
        }
        if (!Files.isRegularFile(file)) {
            throw new OnnxFormatException(source + " keeps its weights in " + file + ", which is missing: copy it "
                    + "beside the .onnx file");
        }
        try (RandomAccessFile data = new RandomAccessFile(file.toFile(), "r")) {
            long size = length >= 0 ? length : data.length() - offset;
            if (offset < 0 || size < 0 || offset + size > data.length()) {
                throw new OnnxFormatException(source + " reads " + size + " bytes at offset " + offset + " of " + file
                        + ", which has " + data.length() + ": the external weights are truncated; copy them again");
            }
            if (size > Integer.MAX_VALUE - 64) {
                throw new OnnxFormatException(source + " has an initializer of " + size + " bytes in " + file
                        + ": zeus-onnx reads models below 2 GB");
            }
            byte[] raw = new byte[(int) size];
            data.seek(offset);
            data.readFully(raw);
            out.bytes(TENSOR_RAW_DATA, raw);
        }
        return out;
    }

    /**
     * The model with every node output also a graph output, so that a run returns every tensor.
     * Outputs are given by name only: ONNX Runtime infers their types.
     */
    static byte[] fetchEveryNodeOutput(byte[] model) {
        OnnxModelFile parsed = OnnxModelFile.parse("model", model);
        Set<String> already = new HashSet<>();
        for (OnnxModelFile.ValueInfo output : parsed.graphOutputs()) {
            already.add(output.name());
        }
        try {
            return editGraph(model, (graph, out) -> {
                out.raw(graph.array(), graph.position(), graph.length());
                for (OnnxModelFile.Node node : parsed.nodes()) {
                    for (String output : node.outputs()) {
                        if (!output.isEmpty() && already.add(output)) {
                            out.message(GRAPH_OUTPUT, ProtoWriter.of().text(1, output));
                        }
                    }
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("rewriting a model in memory failed", e);
        }
    }
}
