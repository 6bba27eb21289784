package org.zeusmobile.onnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small ONNX models with one point each to make: an unknown operator, an open dimension, external weights... */
public final class SmallModels {

    private SmallModels() {
    }

    /**
     * {@code Z = Det(MatMul(X, W))}, X float [batch, 4, 4], W a 4x4 initializer: Det is an operator ONNX
     * Runtime runs but the analysis has no rule for. {@code named}: whether the nodes carry names.
     */
    public static byte[] matMulThenDet(boolean named) {
        OnnxGraph g = new OnnxGraph(1);
        g.input("X", OnnxGraph.FLOAT, "batch", 4, 4);
        String w = g.constant(0.5f, 4, 4);
        g.node(named ? "mm" : "", "MatMul", "", new String[] {"X", w}, new String[] {"Y"});
        g.node(named ? "det" : "", "Det", "", new String[] {"Y"}, new String[] {"Z"});
        g.output("Z", OnnxGraph.FLOAT, "batch");
        return g.build(13);
    }

    /** {@code Z = Det(X)}: nothing the analysis counts, so its total would be a silent 0 FLOPs. */
    public static byte[] onlyDet() {
        OnnxGraph g = new OnnxGraph(1);
        g.input("X", OnnxGraph.FLOAT, "batch", 4, 4);
        g.node("", "Det", "", new String[] {"X"}, new String[] {"Z"});
        g.output("Z", OnnxGraph.FLOAT, "batch");
        return g.build(13);
    }

    /**
     * A point-cloud layer: {@code points} float [batch, num_points, 3] times a 3x64 weight. Nothing in
     * the input says what {@code num_points} is, so its size must be given.
     */
    public static byte[] pointCloud() {
        OnnxGraph g = new OnnxGraph(1);
        g.input("points", OnnxGraph.FLOAT, "batch", "num_points", 3);
        g.node("", "MatMul", "", new String[] {"points", g.weights(0.1f, 3, 64)}, new String[] {"features"});
        g.output("features", OnnxGraph.FLOAT, "batch", "num_points", 64);
        return g.build(13);
    }

    /**
     * An audio encoder layer: {@code input_features} [batch, 80 mel bins, frames], transposed and projected
     * to 256 features per frame: 2 * frames * 80 * 256 FLOPs per inference.
     */
    public static byte[] audioFrames() {
        OnnxGraph g = new OnnxGraph(1);
        g.input("input_features", OnnxGraph.FLOAT, "batch", 80, "frames");
        String t = g.node("Transpose", new String[] {"input_features"}, "perm", new long[] {0, 2, 1});
        g.node("", "MatMul", "", new String[] {t, g.weights(0.1f, 80, 256)}, new String[] {"hidden"});
        g.output("hidden", OnnxGraph.FLOAT, "batch", "frames", 256);
        return g.build(13);
    }

    /**
     * A text layer without a tokenizer: {@code input_ids} int64 [batch, sequence] looked up in a 1000 x 64
     * table, then projected by a 64 x 64 weight: 2 * sequence * 64 * 64 FLOPs per inference.
     */
    public static byte[] tokenEmbedding() {
        OnnxGraph g = new OnnxGraph(1);
        g.input("input_ids", OnnxGraph.INT64, "batch", "sequence");
        String embedded = g.node("Gather", new String[] {g.weights(0.1f, 1000, 64), "input_ids"});
        g.node("", "MatMul", "", new String[] {embedded, g.weights(0.1f, 64, 64)}, new String[] {"hidden"});
        g.output("hidden", OnnxGraph.FLOAT, "batch", "sequence", 64);
        return g.build(13);
    }

    /**
     * Dynamic quantisation of a conv: {@code image} float [batch, 3, 32, 32] through DynamicQuantizeLinear
     * (uint8, its scale and zero point) into ConvInteger with 8 uint8 3x3 filters, an int32 [batch, 8, 30, 30].
     */
    public static byte[] dynamicQuantizedConv() {
        OnnxGraph g = new OnnxGraph(1);
        g.input("image", OnnxGraph.FLOAT, "batch", 3, 32, 32);
        g.node("", "DynamicQuantizeLinear", "", new String[] {"image"}, new String[] {"q", "scale", "zero"});
        g.node("", "ConvInteger", "", new String[] {"q", g.bytes(OnnxGraph.UINT8, 8, 3, 3, 3), "zero"},
                new String[] {"y"});
        g.output("y", OnnxGraph.INT32, "batch", 8, 30, 30);
        return g.build(13);
    }

    /** An image model with a batch of 1 fixed in its input: [1, 3, 32, 32] through a 3x3 conv to 8 channels. */
    public static byte[] fixedBatchConv() {
        OnnxGraph g = new OnnxGraph(1);
        g.input("image", OnnxGraph.FLOAT, 1, 3, 32, 32);
        g.node("", "Conv", "", new String[] {"image", g.weights(0.1f, 8, 3, 3, 3)}, new String[] {"y"},
                "pads", new long[] {1, 1, 1, 1});
        g.output("y", OnnxGraph.FLOAT, 1, 8, 32, 32);
        return g.build(13);
    }

    /**
     * {@code Y = MatMul(X, W)}, X float [batch, 64], with W (64 x 64 floats) in the external file
     * {@code weights.bin} beside the model, after 16 bytes of something else; returns the model's path.
     */
    public static Path externalWeights(Path directory) {
        ByteBuffer data = ByteBuffer.allocate(16 + 64 * 64 * 4).order(ByteOrder.LITTLE_ENDIAN);
        data.position(16);
        for (int i = 0; i < 64 * 64; i++) {
            data.putFloat(0.01f * (i % 7));
        }
        OnnxGraph g = new OnnxGraph(1);
        g.input("X", OnnxGraph.FLOAT, "batch", 64);
        String w = g.external(OnnxGraph.FLOAT, "weights.bin", 16, 64 * 64 * 4, 64, 64);
        g.node("", "MatMul", "", new String[] {"X", w}, new String[] {"Y"});
        g.output("Y", OnnxGraph.FLOAT, "batch", 64);
        try {
            Files.write(directory.resolve("weights.bin"), data.array());
            return Files.write(directory.resolve("external.onnx"), g.build(13));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
