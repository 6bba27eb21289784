package org.zeusmobile.onnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real vision architectures written as ONNX the way {@code onnx.helper} writes them: no node names,
 * a symbolic batch ({@code N x 3 x 224 x 224}), seeded random weights (the cost does not depend on
 * their values). Layer tables from the papers:
 * <ul>
 *   <li>ResNet-18: He et al., "Deep Residual Learning for Image Recognition", CVPR 2016, Table 1
 *       (1.8 x 10^9 FLOPs, counted as multiply-adds).</li>
 *   <li>MobileNetV2: Sandler et al., "MobileNetV2: Inverted Residuals and Linear Bottlenecks",
 *       CVPR 2018, Table 2 (300M multiply-adds at 224 x 224, width 1.0).</li>
 *   <li>EfficientNet-B0: Tan and Le, "EfficientNet: Rethinking Model Scaling for Convolutional Neural
 *       Networks", ICML 2019, Table 1 (0.39B FLOPs, counted as multiply-adds, Table 2).</li>
 * </ul>
 */
public final class VisionModels {

    /** Multiply-adds at 224 x 224 from each paper; FLOPs are twice these. */
    public static final double RESNET18_MULTIPLY_ADDS = 1.8e9;
    public static final double MOBILENETV2_MULTIPLY_ADDS = 300e6;
    public static final double EFFICIENTNETB0_MULTIPLY_ADDS = 390e6;

    private static final int OPSET = 13;

    private final OnnxGraph g;
    private final boolean nhwc;

    private VisionModels(long seed, boolean nhwc) {
        this.g = new OnnxGraph(seed);
        this.nhwc = nhwc;
    }

    /** Writes {@code bytes} to {@code file} and returns it. */
    public static Path write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- ResNet-18 ----

    /** ResNet-18 in float: input {@code pixel_values} [N, 3, 224, 224], output logits [N, 1000]. */
    public static byte[] resnet18() {
        VisionModels m = new VisionModels(18, false);
        String x = m.stem(m.imageInput("pixel_values"));
        int channels = 64;
        for (int stage = 0; stage < 4; stage++) {
            int out = 64 << stage;
            for (int block = 0; block < 2; block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                String shortcut = x;
                if (stride != 1 || channels != out) {
                    shortcut = m.bn(m.conv(x, channels, out, 1, stride, 1), out);
                }
                String y = m.relu(m.bn(m.conv(x, channels, out, 3, stride, 1), out));
                y = m.bn(m.conv(y, out, out, 3, 1, 1), out);
                x = m.relu(m.g.node("Add", new String[] {y, shortcut}));
                channels = out;
            }
        }
        return m.head(x, 512);
    }

    // ---- MobileNetV2 ----

    /** MobileNetV2 (width 1.0) in float, ReLU6 as Clip(0, 6): [N, 3, 224, 224] to [N, 1000]. */
    public static byte[] mobileNetV2() {
        VisionModels m = new VisionModels(2, false);
        String x = m.relu6(m.bn(m.conv(m.imageInput("input"), 3, 32, 3, 2, 1), 32));
        int[][] settings = {{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1},
            {6, 160, 3, 2}, {6, 320, 1, 1}};
        int channels = 32;
        for (int[] s : settings) {
            for (int i = 0; i < s[2]; i++) {
                int stride = i == 0 ? s[3] : 1;
                int hidden = channels * s[0];
                String y = x;
                if (s[0] != 1) {
                    y = m.relu6(m.bn(m.conv(y, channels, hidden, 1, 1, 1), hidden));
                }
                y = m.relu6(m.bn(m.conv(y, hidden, hidden, 3, stride, hidden), hidden));
                y = m.bn(m.conv(y, hidden, s[1], 1, 1, 1), s[1]);
                x = stride == 1 && channels == s[1] ? m.g.node("Add", new String[] {x, y}) : y;
                channels = s[1];
            }
        }
        x = m.relu6(m.bn(m.conv(x, channels, 1280, 1, 1, 1), 1280));
        return m.head(x, 1280);
    }

    // ---- EfficientNet-B0 ----

    /** EfficientNet-B0 in float, Swish as x * Sigmoid(x), squeeze-excitation at 1/4 of the block's input. */
    public static byte[] efficientNetB0() {
        VisionModels m = new VisionModels(0, false);
        String x = m.swish(m.bn(m.conv(m.imageInput("images"), 3, 32, 3, 2, 1), 32));
        // expansion, kernel, stride, output channels, layers (Table 1)
        int[][] stages = {{1, 3, 1, 16, 1}, {6, 3, 2, 24, 2}, {6, 5, 2, 40, 2}, {6, 3, 2, 80, 3}, {6, 5, 1, 112, 3},
            {6, 5, 2, 192, 4}, {6, 3, 1, 320, 1}};
        int channels = 32;
        for (int[] s : stages) {
            for (int i = 0; i < s[4]; i++) {
                int stride = i == 0 ? s[2] : 1;
                int hidden = channels * s[0];
                String y = x;
                if (s[0] != 1) {
                    y = m.swish(m.bn(m.conv(y, channels, hidden, 1, 1, 1), hidden));
                }
                y = m.swish(m.bn(m.conv(y, hidden, hidden, s[1], stride, hidden), hidden));
                int squeezed = Math.max(1, channels / 4);
                String scale = m.g.node("GlobalAveragePool", new String[] {y});
                scale = m.swish(m.conv(scale, hidden, squeezed, 1, 1, 1));
                scale = m.g.node("Sigmoid", new String[] {m.conv(scale, squeezed, hidden, 1, 1, 1)});
                y = m.g.node("Mul", new String[] {y, scale});
                y = m.bn(m.conv(y, hidden, s[3], 1, 1, 1), s[3]);
                x = stride == 1 && channels == s[3] ? m.g.node("Add", new String[] {x, y}) : y;
                channels = s[3];
            }
        }
        x = m.swish(m.bn(m.conv(x, channels, 1280, 1, 1, 1), 1280));
        return m.head(x, 1280);
    }

    // ---- building blocks ----

    private String imageInput(String name) {
        g.input(name, OnnxGraph.FLOAT, nhwc ? new Object[] {"N", "height", "width", 3} : new Object[] {"N", 3, 224, 224});
        if (!nhwc) {
            return name;
        }
        return g.node("Transpose", new String[] {name}, "perm", new long[] {0, 3, 1, 2});
    }

    /** ResNet's stem: 7x7 conv stride 2 to 64 channels, BatchNorm, ReLU, 3x3 max pool stride 2. */
    private String stem(String x) {
        return maxPool(relu(bn(conv(x, 3, 64, 7, 2, 1), 64)));
    }

    private String maxPool(String x) {
        return g.node("MaxPool", new String[] {x}, "kernel_shape", new long[] {3, 3}, "strides", new long[] {2, 2},
                "pads", new long[] {1, 1, 1, 1});
    }

    /** Conv with bias, padding (k - 1) / 2 (PyTorch's "same" for odd kernels). */
    private String conv(String x, int in, int out, int kernel, int stride, int groups) {
        String w = g.weights(0.05f, out, in / groups, kernel, kernel);
        String b = g.weights(0.05f, out);
        int pad = (kernel - 1) / 2;
        return g.node("Conv", new String[] {x, w, b}, "kernel_shape", new long[] {kernel, kernel}, "strides",
                new long[] {stride, stride}, "pads", new long[] {pad, pad, pad, pad}, "group", (long) groups);
    }

    private String bn(String x, int channels) {
        return g.node("BatchNormalization", new String[] {x, g.constant(1f, channels), g.weights(0.1f, channels),
            g.weights(0.1f, channels), g.constant(1f, channels)}, "epsilon", 1e-5f);
    }

    private String relu(String x) {
        return g.node("Relu", new String[] {x});
    }

    private String relu6(String x) {
        return g.node("Clip", new String[] {x, g.scalar(OnnxGraph.FLOAT, 0), g.scalar(OnnxGraph.FLOAT, 6)});
    }

    private String swish(String x) {
        return g.node("Mul", new String[] {x, g.node("Sigmoid", new String[] {x})});
    }

    /** Global average pool, flatten, a fully connected layer to 1000 classes. */
    private byte[] head(String x, int features) {
        x = g.node("GlobalAveragePool", new String[] {x});
        x = g.node("Flatten", new String[] {x}, "axis", 1L);
        String logits = "logits";
        g.node("", "Gemm", "", new String[] {x, g.weights(0.05f, 1000, features), g.weights(0.05f, 1000)},
                new String[] {logits}, "transB", 1L);
        g.output(logits, OnnxGraph.FLOAT, "N", 1000);
        return g.build(OPSET);
    }

    // ---- variants ----

    /**
     * The stem of ResNet-18 (7x7 conv, max pool, classifier) fed channels-last at any resolution: input
     * [N, height, width, 3], transposed to NCHW by its first node.
     */
    public static byte[] resnet18StemNhwc() {
        VisionModels m = new VisionModels(18, true);
        return m.head(m.stem(m.imageInput("image")), 64);
    }

    /**
     * ResNet-18 quantised to 8 bits, in ONNX's QOperator form: QuantizeLinear on the image, QLinearConv
     * (uint8 activations, int8 weights, int32 bias) for every convolution, MaxPool on uint8, residual sums
     * through DequantizeLinear, Add, Relu and QuantizeLinear, and a QLinearMatMul classifier.
     */
    public static byte[] resnet18Int8() {
        VisionModels m = new VisionModels(8, false);
        OnnxGraph g = m.g;
        g.input("pixel_values", OnnxGraph.FLOAT, "N", 3, 224, 224);
        String scale = g.scalar(OnnxGraph.FLOAT, 0.05);
        String zero = g.scalar(OnnxGraph.UINT8, 0);
        String weightScale = g.scalar(OnnxGraph.FLOAT, 0.01);
        String weightZero = g.scalar(OnnxGraph.INT8, 0);
        String x = g.node("QuantizeLinear", new String[] {"pixel_values", scale, zero});
        x = m.maxPool(m.qconv(x, 3, 64, 7, 2, scale, zero, weightScale, weightZero));
        int channels = 64;
        for (int stage = 0; stage < 4; stage++) {
            int out = 64 << stage;
            for (int block = 0; block < 2; block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                String shortcut = x;
                if (stride != 1 || channels != out) {
                    shortcut = m.qconv(x, channels, out, 1, stride, scale, zero, weightScale, weightZero);
                }
                String y = m.qconv(x, channels, out, 3, stride, scale, zero, weightScale, weightZero);
                y = m.qconv(y, out, out, 3, 1, scale, zero, weightScale, weightZero);
                String sum = g.node("Add", new String[] {g.node("DequantizeLinear", new String[] {y, scale, zero}),
                    g.node("DequantizeLinear", new String[] {shortcut, scale, zero})});
                x = g.node("QuantizeLinear", new String[] {g.node("Relu", new String[] {sum}), scale, zero});
                channels = out;
            }
        }
        x = g.node("DequantizeLinear", new String[] {x, scale, zero});
        x = g.node("Flatten", new String[] {g.node("GlobalAveragePool", new String[] {x})}, "axis", 1L);
        x = g.node("QuantizeLinear", new String[] {x, scale, zero});
        x = g.node("QLinearMatMul", new String[] {x, scale, zero, g.bytes(OnnxGraph.INT8, 512, 1000), weightScale,
            weightZero, scale, zero});
        g.node("", "DequantizeLinear", "", new String[] {x, scale, zero}, new String[] {"logits"});
        g.output("logits", OnnxGraph.FLOAT, "N", 1000);
        return g.build(OPSET);
    }

    private String qconv(String x, int in, int out, int kernel, int stride, String scale, String zero,
            String weightScale, String weightZero) {
        int pad = (kernel - 1) / 2;
        return g.node("QLinearConv", new String[] {x, scale, zero, g.bytes(OnnxGraph.INT8, out, in, kernel, kernel),
            weightScale, weightZero, scale, zero, g.zerosInt32(out)}, "kernel_shape", new long[] {kernel, kernel},
                "strides", new long[] {stride, stride}, "pads", new long[] {pad, pad, pad, pad});
    }
}
