package org.zeusmobile.onnx;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.zeusmobile.core.workload.OperatorClass;

/**
 * The cost rules of ONNX operators, ONNX Runtime's fused contrib operators included: class, and how
 * FLOPs follow from the input and output shapes (and a few attributes). A multiply-add counts as 2
 * FLOPs; integer (quantised) products count the same as float ones; elementwise operators count
 * their FLOPs per output element (transcendentals as 1, like fvcore and thop count them);
 * reductions and pooling count 1 per input element. View operators (Reshape, Squeeze...) move no
 * bytes: ONNX Runtime aliases them.
 */
final class OperatorCosts {

    /** How an operator's FLOPs are computed. */
    enum Kind {
        /** 2 * output elements * K, K the inner dimension of input 0. */
        MATMUL,
        /** 2 * output elements * K, K = elements(A) / rows(out); plus the bias C. */
        GEMM,
        /** 2 * output elements * weight elements per output channel (weight at input {@code weightInput}). */
        CONV,
        /** 2 * input elements * weight elements per input channel. */
        CONV_TRANSPOSE,
        /** ONNX Runtime's Attention: Q, K, V projections, Q K^T, softmax, P V. */
        ATTENTION,
        /** ONNX Runtime's MultiHeadAttention (already projected Q, K, V): Q K^T, softmax, P V. */
        MULTI_HEAD_ATTENTION,
        /** ONNX Runtime's EmbedLayerNormalization: three embedding lookups added, then a layer norm. */
        EMBED_LAYER_NORM,
        /** Einsum: 2 * the product of every index's size when two inputs contract. */
        EINSUM,
        /** per output element. */
        PER_OUTPUT,
        /** per element of input 0. */
        PER_INPUT,
        /** no FLOPs; reads the gathered rows and the indices, writes the output. */
        GATHER,
        /** no FLOPs; reads its inputs and writes its outputs. */
        COPY,
        /** no FLOPs, no bytes: a view or a shape query. */
        FREE
    }

    /** The rule of one op type. */
    static final class Rule {
        final OperatorClass operatorClass;
        final Kind kind;
        final double flopsPerElement;
        final int weightInput;
        final int biasInput;
        /** Extra FLOPs per output element (a fused activation, a dequantising scale, a bias). */
        final double extraPerOutput;
        /** Extra FLOPs per element of input 0 (a fused dynamic quantisation of the activations). */
        final double extraPerInput;

        Rule(OperatorClass operatorClass, Kind kind, double flopsPerElement, int weightInput, int biasInput,
                double extraPerOutput, double extraPerInput) {
            this.operatorClass = operatorClass;
            this.kind = kind;
            this.flopsPerElement = flopsPerElement;
            this.weightInput = weightInput;
            this.biasInput = biasInput;
            this.extraPerOutput = extraPerOutput;
            this.extraPerInput = extraPerInput;
        }
    }

    private static final Map<String, Rule> RULES = new HashMap<>();

    /**
     * Operators that compute on shapes (a few int64 values): when every input is a shape or a small
     * constant, they run on the host while the runtime prepares kernels, never as device kernels.
     */
    static final Set<String> SHAPE_ARITHMETIC = new HashSet<>(java.util.Arrays.asList("Gather", "Concat",
            "Unsqueeze", "Squeeze", "Slice", "Cast", "Add", "Sub", "Mul", "Div", "Equal", "Where", "Reshape",
            "Identity", "Max", "Min", "ReduceProd", "Less", "Greater", "Not", "Mod", "Neg", "Abs", "Floor", "Ceil"));

    static {
        for (String op : new String[] {"MatMul", "MatMulInteger", "QLinearMatMul", "MatMulNBits"}) {
            matmul(op, 0, 0);
        }
        // Scale (and bias) of the int32 accumulator per output; DynamicQuantizeMatMul also quantises A first.
        matmul("MatMulIntegerToFloat", 2, 0);
        matmul("DynamicQuantizeMatMul", 2, 4);
        matmul("FusedMatMul", 0, 0);
        put("Gemm", new Rule(OperatorClass.MATMUL_CONV, Kind.GEMM, 2, 1, 2, 0, 0));
        put("FusedGemm", new Rule(OperatorClass.MATMUL_CONV, Kind.GEMM, 2, 1, 2, 1, 0));
        put("QGemm", new Rule(OperatorClass.MATMUL_CONV, Kind.GEMM, 2, 3, 6, 1, 0));
        put("Conv", new Rule(OperatorClass.MATMUL_CONV, Kind.CONV, 2, 1, 2, 0, 0));
        put("ConvInteger", new Rule(OperatorClass.MATMUL_CONV, Kind.CONV, 2, 1, -1, 0, 0));
        // Conv with its activation (and, with a 4th input, a residual sum) fused: one more op per output.
        put("FusedConv", new Rule(OperatorClass.MATMUL_CONV, Kind.CONV, 2, 1, 2, 1, 0));
        put("NhwcFusedConv", new Rule(OperatorClass.MATMUL_CONV, Kind.CONV, 2, 1, 2, 1, 0));
        // Requantisation of each int32 accumulator: scale, round, add the zero point.
        put("QLinearConv", new Rule(OperatorClass.MATMUL_CONV, Kind.CONV, 2, 3, 8, 2, 0));
        put("ConvTranspose", new Rule(OperatorClass.MATMUL_CONV, Kind.CONV_TRANSPOSE, 2, 1, 2, 0, 0));
        put("Attention", new Rule(OperatorClass.MATMUL_CONV, Kind.ATTENTION, 2, 1, 2, 0, 0));
        put("QAttention", new Rule(OperatorClass.MATMUL_CONV, Kind.ATTENTION, 2, 1, 2, 0, 0));
        put("MultiHeadAttention", new Rule(OperatorClass.MATMUL_CONV, Kind.MULTI_HEAD_ATTENTION, 2, -1, -1, 0, 0));
        put("Einsum", new Rule(OperatorClass.MATMUL_CONV, Kind.EINSUM, 2, -1, -1, 0, 0));

        for (String op : new String[] {"Add", "Sub", "Mul", "Div", "Pow", "Sqrt", "Relu", "Neg", "Abs", "Max", "Min",
                "Sum", "Mean", "Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "Not", "And", "Or", "Xor",
                "Where", "Clip", "Reciprocal", "Floor", "Ceil", "Round", "Sign", "Cast", "CastLike", "Mod", "BitShift",
                "IsNaN", "IsInf", "PRelu", "LeakyRelu", "ThresholdedRelu", "Exp", "Log", "Erf", "Tanh", "Sigmoid",
                "Sin", "Cos", "Tan", "Softplus", "Softsign", "Elu", "Selu", "Celu", "HardSigmoid", "HardSwish",
                "Shrink", "BiasAdd", "QLinearAdd", "QLinearMul", "QLinearSigmoid", "QLinearLeakyRelu",
                "QLinearWhere"}) {
            elementwise(op, OperatorClass.ELEMENTWISE, Kind.PER_OUTPUT, 1);
        }
        // Composite activations: their elementwise steps (GELU = x * 0.5 * (1 + erf(x / sqrt 2))).
        elementwise("Gelu", OperatorClass.ELEMENTWISE, Kind.PER_OUTPUT, 4);
        elementwise("FastGelu", OperatorClass.ELEMENTWISE, Kind.PER_OUTPUT, 6);
        elementwise("BiasGelu", OperatorClass.ELEMENTWISE, Kind.PER_OUTPUT, 5);
        elementwise("QuickGelu", OperatorClass.ELEMENTWISE, Kind.PER_OUTPUT, 3);
        elementwise("Mish", OperatorClass.ELEMENTWISE, Kind.PER_OUTPUT, 3);
        // Quantisation: scale and shift per element; the dynamic one first finds min and max.
        elementwise("QuantizeLinear", OperatorClass.ELEMENTWISE, Kind.PER_OUTPUT, 2);
        elementwise("DequantizeLinear", OperatorClass.ELEMENTWISE, Kind.PER_OUTPUT, 2);
        elementwise("DynamicQuantizeLinear", OperatorClass.ELEMENTWISE, Kind.PER_INPUT, 4);
        for (String op : new String[] {"MaxPool", "AveragePool", "LpPool", "GlobalAveragePool", "GlobalMaxPool",
                "GlobalLpPool", "QLinearAveragePool", "QLinearGlobalAveragePool"}) {
            elementwise(op, OperatorClass.ELEMENTWISE, Kind.PER_INPUT, 1);
        }

        // Normalisation: mean, variance, subtract, scale, shift per element.
        elementwise("LayerNormalization", OperatorClass.NORMALIZATION, Kind.PER_OUTPUT, 8);
        elementwise("SkipLayerNormalization", OperatorClass.NORMALIZATION, Kind.PER_OUTPUT, 9);
        elementwise("SimplifiedLayerNormalization", OperatorClass.NORMALIZATION, Kind.PER_OUTPUT, 6);
        elementwise("SkipSimplifiedLayerNormalization", OperatorClass.NORMALIZATION, Kind.PER_OUTPUT, 7);
        elementwise("RMSNormalization", OperatorClass.NORMALIZATION, Kind.PER_OUTPUT, 6);
        elementwise("BatchNormalization", OperatorClass.NORMALIZATION, Kind.PER_OUTPUT, 2);
        elementwise("InstanceNormalization", OperatorClass.NORMALIZATION, Kind.PER_OUTPUT, 8);
        elementwise("GroupNormalization", OperatorClass.NORMALIZATION, Kind.PER_OUTPUT, 8);
        elementwise("MeanVarianceNormalization", OperatorClass.NORMALIZATION, Kind.PER_OUTPUT, 8);
        elementwise("LpNormalization", OperatorClass.NORMALIZATION, Kind.PER_OUTPUT, 3);
        elementwise("LRN", OperatorClass.NORMALIZATION, Kind.PER_OUTPUT, 6);
        put("EmbedLayerNormalization", new Rule(OperatorClass.NORMALIZATION, Kind.EMBED_LAYER_NORM, 10, -1, -1, 0, 0));
        for (String op : new String[] {"ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1",
                "ReduceL2", "ReduceSumSquare", "ReduceLogSum", "ReduceLogSumExp", "ArgMax", "ArgMin"}) {
            elementwise(op, OperatorClass.NORMALIZATION, Kind.PER_INPUT, 1);
        }

        // Softmax: max, subtract, exp, sum, divide per element.
        elementwise("Softmax", OperatorClass.SOFTMAX, Kind.PER_OUTPUT, 5);
        elementwise("LogSoftmax", OperatorClass.SOFTMAX, Kind.PER_OUTPUT, 5);
        elementwise("QLinearSoftmax", OperatorClass.SOFTMAX, Kind.PER_OUTPUT, 5);
        elementwise("BiasSoftmax", OperatorClass.SOFTMAX, Kind.PER_OUTPUT, 6);
        elementwise("Hardmax", OperatorClass.SOFTMAX, Kind.PER_OUTPUT, 2);

        for (String op : new String[] {"Gather", "GatherElements", "GatherND"}) {
            elementwise(op, OperatorClass.GATHER, Kind.GATHER, 0);
        }
        for (String op : new String[] {"ScatterND", "ScatterElements", "Scatter"}) {
            elementwise(op, OperatorClass.GATHER, Kind.COPY, 0);
        }

        for (String op : new String[] {"Transpose", "Concat", "Split", "Slice", "Expand", "Tile", "Pad", "Resize",
                "Upsample", "DepthToSpace", "SpaceToDepth", "ConstantOfShape", "Range", "Trilu", "OneHot", "TopK",
                "NonZero", "Compress", "ReverseSequence", "EyeLike", "SequenceAt", "CumSum", "QLinearConcat"}) {
            elementwise(op, OperatorClass.DATA_MOVEMENT, Kind.COPY, 0);
        }
        for (String op : new String[] {"Reshape", "Squeeze", "Unsqueeze", "Flatten", "Identity", "Dropout", "Shape",
                "Size", "Constant"}) {
            elementwise(op, OperatorClass.DATA_MOVEMENT, Kind.FREE, 0);
        }
    }

    private OperatorCosts() {
    }

    private static void matmul(String op, double extraPerOutput, double extraPerInput) {
        put(op, new Rule(OperatorClass.MATMUL_CONV, Kind.MATMUL, 2, -1, -1, extraPerOutput, extraPerInput));
    }

    private static void elementwise(String op, OperatorClass operatorClass, Kind kind, double flopsPerElement) {
        put(op, new Rule(operatorClass, kind, flopsPerElement, -1, -1, 0, 0));
    }

    private static void put(String op, Rule rule) {
        RULES.put(op, rule);
    }

    /** The rule for {@code opType}, or null when the analysis does not know the operator. */
    static Rule rule(String opType) {
        return RULES.get(opType);
    }

    /** Elements of a shape as a double (no overflow); 0 for a missing shape. */
    static double elements(long[] shape) {
        if (shape == null) {
            return 0;
        }
        double count = 1;
        for (long dim : shape) {
            count *= dim;
        }
        return count;
    }

    private static long[] at(long[][] shapes, int index) {
        return index >= 0 && index < shapes.length ? shapes[index] : null;
    }

    private static long last(long[] shape, int fromEnd) {
        return shape != null && shape.length >= fromEnd ? shape[shape.length - fromEnd] : 0;
    }

    /**
     * The FLOPs of one operator, or NaN when a shape it needs is missing.
     *
     * @param inputs input shapes, null where unknown (optional input absent or shape not found)
     * @param outputs output shapes, null where unknown
     */
    static double flops(Rule rule, OnnxModelFile.Node node, long[][] inputs, long[][] outputs) {
        double out = 0;
        for (long[] shape : outputs) {
            out = Math.max(out, elements(shape));
        }
        long[] first = at(inputs, 0);
        double extra = rule.extraPerOutput * out + rule.extraPerInput * elements(first);
        double bias = at(inputs, rule.biasInput) != null ? elements(at(outputs, 0)) : 0;
        switch (rule.kind) {
            case MATMUL: {
                if (first == null || first.length == 0 || outputs.length == 0 || outputs[0] == null) {
                    return Double.NaN;
                }
                boolean transposed = node.intAttribute("transA", 0) != 0;
                long k = transposed && first.length >= 2 ? last(first, 2) : last(first, 1);
                // FusedMatMul scales by alpha (e.g. 1 / sqrt(head size) folded into Q K^T): one multiply per output.
                double scaled = node.floatAttribute("alpha", 1) != 1 ? elements(outputs[0]) : 0;
                return rule.flopsPerElement * elements(outputs[0]) * k + scaled + extra;
            }
            case GEMM: {
                long[] y = at(outputs, 0);
                if (first == null || y == null || y.length == 0 || y[0] == 0) {
                    return Double.NaN;
                }
                boolean transposed = node.intAttribute("transA", 0) != 0;
                double k = transposed ? first[0] : elements(first) / y[0];
                return rule.flopsPerElement * elements(y) * k + bias + extra;
            }
            case CONV: {
                long[] w = at(inputs, rule.weightInput);
                if (w == null || w.length == 0 || w[0] == 0 || at(outputs, 0) == null) {
                    return Double.NaN;
                }
                double perOutput = elements(w) / w[0];
                double residual = "FusedConv".equals(node.opType()) && at(inputs, 3) != null ? out : 0;
                return rule.flopsPerElement * elements(outputs[0]) * perOutput + bias + residual + extra;
            }
            case CONV_TRANSPOSE: {
                long[] w = at(inputs, 1);
                if (w == null || w.length == 0 || w[0] == 0 || first == null) {
                    return Double.NaN;
                }
                return rule.flopsPerElement * elements(first) * (elements(w) / w[0]) + bias;
            }
            case ATTENTION:
                return attention(node, inputs, outputs);
            case MULTI_HEAD_ATTENTION:
                return multiHeadAttention(node, inputs, outputs);
            case EINSUM:
                return einsum(node, inputs);
            case EMBED_LAYER_NORM:
            case PER_OUTPUT:
                return outputs.length == 0 || at(outputs, 0) == null ? Double.NaN : rule.flopsPerElement * out;
            case PER_INPUT:
                return first == null ? Double.NaN : rule.flopsPerElement * elements(first);
            default:
                return 0;
        }
    }

    /**
     * com.microsoft Attention: input [B, S, H_in], packed weights [H_in, 3H], bias [3H], output [B, S, H].
     * Projection 2 B S H_in 3H plus its bias; Q K^T and P V 2 B S L H each (L = S plus any past);
     * softmax 5 per score over B heads S L.
     */
    private static double attention(OnnxModelFile.Node node, long[][] inputs, long[][] outputs) {
        long[] x = at(inputs, 0);
        long[] w = at(inputs, 1);
        long[] y = at(outputs, 0);
        if (x == null || w == null || y == null || x.length != 3 || w.length != 2) {
            return Double.NaN;
        }
        double tokens = (double) x[0] * x[1];
        long[] past = at(inputs, 4);
        double length = x[1] + (past != null && past.length == 5 ? past[3] : 0);
        long heads = Math.max(1, node.intAttribute("num_heads", 1));
        double projection = 2 * tokens * w[0] * w[1] + tokens * w[1];
        double products = 2 * (2 * tokens * length * y[2]);
        return projection + products + 5 * x[0] * heads * x[1] * length;
    }

    /** com.microsoft MultiHeadAttention: query [B, S, H], key [B, L, H] or [B, heads, L, head size]. */
    private static double multiHeadAttention(OnnxModelFile.Node node, long[][] inputs, long[][] outputs) {
        long[] q = at(inputs, 0);
        long[] key = at(inputs, 1);
        long[] y = at(outputs, 0);
        if (q == null || y == null || q.length < 3 || y.length != 3) {
            return Double.NaN;
        }
        double length = key == null ? q[1] : key.length == 3 ? key[1] : key.length == 4 ? key[2] : q[1];
        long heads = Math.max(1, node.intAttribute("num_heads", 1));
        double tokens = (double) q[0] * q[1];
        return 2 * (2 * tokens * length * y[2]) + 5 * q[0] * heads * q[1] * length;
    }

    /**
     * Einsum: two inputs that share a summed index multiply-add over every index combination
     * (2 FLOPs each); one input sums or permutes (1 per combination). Ellipses are not counted.
     */
    private static double einsum(OnnxModelFile.Node node, long[][] inputs) {
        String equation = node.stringAttribute("equation", "").replace(" ", "");
        int arrow = equation.indexOf("->");
        if (equation.isEmpty() || equation.contains("...") || arrow < 0) {
            return Double.NaN;
        }
        String[] operands = equation.substring(0, arrow).split(",");
        if (operands.length != inputs.length) {
            return Double.NaN;
        }
        Map<Character, Long> sizes = new HashMap<>();
        for (int i = 0; i < operands.length; i++) {
            long[] shape = inputs[i];
            if (shape == null || shape.length != operands[i].length()) {
                return Double.NaN;
            }
            for (int d = 0; d < shape.length; d++) {
                sizes.put(operands[i].charAt(d), Math.max(shape[d], sizes.getOrDefault(operands[i].charAt(d), 1L)));
            }
        }
        double combinations = 1;
        for (long size : sizes.values()) {
            combinations *= size;
        }
        return (operands.length >= 2 ? 2 : 1) * combinations;
    }
}
