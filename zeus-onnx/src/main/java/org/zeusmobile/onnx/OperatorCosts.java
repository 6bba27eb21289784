package org.zeusmobile.onnx;

import java.util.HashMap;
import java.util.Map;
import org.zeusmobile.core.workload.OperatorClass;

/**
 * The cost rules of ONNX operators: class, and how FLOPs and bytes follow from the input and
 * output shapes. A multiply-add counts as 2 FLOPs; elementwise operators count their FLOPs per
 * output element (transcendentals as 1, like fvcore and thop count them); reductions count 1 per
 * input element. View operators (Reshape, Squeeze...) move no bytes: ONNX Runtime aliases them.
 */
final class OperatorCosts {

    /** How an operator's FLOPs are computed. */
    enum Kind {
        /** 2 * output elements * K, K the last dimension of input 0. */
        MATMUL,
        /** 2 * output elements * K, K = elements(A) / rows(out); plus C. */
        GEMM,
        /** 2 * output elements * weight elements per output channel (weight at input {@code weightInput}). */
        CONV,
        /** 2 * input elements * weight elements per input channel. */
        CONV_TRANSPOSE,
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

        Rule(OperatorClass operatorClass, Kind kind, double flopsPerElement, int weightInput) {
            this.operatorClass = operatorClass;
            this.kind = kind;
            this.flopsPerElement = flopsPerElement;
            this.weightInput = weightInput;
        }
    }

    private static final Map<String, Rule> RULES = new HashMap<>();

    static {
        for (String op : new String[] {"MatMul", "MatMulInteger", "QLinearMatMul", "FusedMatMul",
                "MatMulIntegerToFloat", "DynamicQuantizeMatMul"}) {
            put(op, OperatorClass.MATMUL_CONV, Kind.MATMUL, 2, 0);
        }
        put("Gemm", OperatorClass.MATMUL_CONV, Kind.GEMM, 2, 1);
        put("QGemm", OperatorClass.MATMUL_CONV, Kind.GEMM, 2, 3);
        put("Conv", OperatorClass.MATMUL_CONV, Kind.CONV, 2, 1);
        put("ConvInteger", OperatorClass.MATMUL_CONV, Kind.CONV, 2, 1);
        put("FusedConv", OperatorClass.MATMUL_CONV, Kind.CONV, 2, 1);
        put("QLinearConv", OperatorClass.MATMUL_CONV, Kind.CONV, 2, 3);
        put("ConvTranspose", OperatorClass.MATMUL_CONV, Kind.CONV_TRANSPOSE, 2, 1);

        for (String op : new String[] {"Add", "Sub", "Mul", "Div", "Pow", "Sqrt", "Relu", "Neg", "Abs", "Max", "Min",
                "Sum", "Mean", "Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "Not", "And", "Or", "Xor",
                "Where", "Clip", "Reciprocal", "Floor", "Ceil", "Round", "Sign", "Cast", "CastLike", "Mod", "BitShift",
                "IsNaN", "IsInf", "PRelu", "LeakyRelu", "ThresholdedRelu", "Exp", "Log", "Erf", "Tanh", "Sigmoid",
                "Sin", "Cos", "Tan", "Softplus", "Softsign", "Elu", "Selu", "Celu", "HardSigmoid", "HardSwish",
                "Shrink", "BiasAdd"}) {
            put(op, OperatorClass.ELEMENTWISE, Kind.PER_OUTPUT, 1, -1);
        }
        // Composite activations: their elementwise steps (GELU = x * 0.5 * (1 + erf(x / sqrt 2))).
        put("Gelu", OperatorClass.ELEMENTWISE, Kind.PER_OUTPUT, 4, -1);
        put("FastGelu", OperatorClass.ELEMENTWISE, Kind.PER_OUTPUT, 6, -1);
        put("BiasGelu", OperatorClass.ELEMENTWISE, Kind.PER_OUTPUT, 5, -1);
        put("QuickGelu", OperatorClass.ELEMENTWISE, Kind.PER_OUTPUT, 3, -1);
        put("Mish", OperatorClass.ELEMENTWISE, Kind.PER_OUTPUT, 3, -1);
        // Quantisation: scale and shift per element; the dynamic one first finds min and max.
        put("QuantizeLinear", OperatorClass.ELEMENTWISE, Kind.PER_OUTPUT, 2, -1);
        put("DequantizeLinear", OperatorClass.ELEMENTWISE, Kind.PER_OUTPUT, 2, -1);
        put("DynamicQuantizeLinear", OperatorClass.ELEMENTWISE, Kind.PER_INPUT, 4, -1);
        for (String op : new String[] {"MaxPool", "AveragePool", "LpPool", "GlobalAveragePool", "GlobalMaxPool",
                "GlobalLpPool"}) {
            put(op, OperatorClass.ELEMENTWISE, Kind.PER_INPUT, 1, -1);
        }

        // Normalisation: mean, variance, subtract, scale, shift per element.
        put("LayerNormalization", OperatorClass.NORMALIZATION, Kind.PER_OUTPUT, 8, -1);
        put("SkipLayerNormalization", OperatorClass.NORMALIZATION, Kind.PER_OUTPUT, 9, -1);
        put("SimplifiedLayerNormalization", OperatorClass.NORMALIZATION, Kind.PER_OUTPUT, 6, -1);
        put("SkipSimplifiedLayerNormalization", OperatorClass.NORMALIZATION, Kind.PER_OUTPUT, 7, -1);
        put("RMSNormalization", OperatorClass.NORMALIZATION, Kind.PER_OUTPUT, 6, -1);
        put("BatchNormalization", OperatorClass.NORMALIZATION, Kind.PER_OUTPUT, 2, -1);
        put("InstanceNormalization", OperatorClass.NORMALIZATION, Kind.PER_OUTPUT, 8, -1);
        put("GroupNormalization", OperatorClass.NORMALIZATION, Kind.PER_OUTPUT, 8, -1);
        put("MeanVarianceNormalization", OperatorClass.NORMALIZATION, Kind.PER_OUTPUT, 8, -1);
        put("LpNormalization", OperatorClass.NORMALIZATION, Kind.PER_OUTPUT, 3, -1);
        put("LRN", OperatorClass.NORMALIZATION, Kind.PER_OUTPUT, 6, -1);
        for (String op : new String[] {"ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1",
                "ReduceL2", "ReduceSumSquare", "ReduceLogSum", "ReduceLogSumExp", "ArgMax", "ArgMin"}) {
            put(op, OperatorClass.NORMALIZATION, Kind.PER_INPUT, 1, -1);
        }

        // Softmax: max, subtract, exp, sum, divide per element.
        put("Softmax", OperatorClass.SOFTMAX, Kind.PER_OUTPUT, 5, -1);
        put("LogSoftmax", OperatorClass.SOFTMAX, Kind.PER_OUTPUT, 5, -1);
        put("Hardmax", OperatorClass.SOFTMAX, Kind.PER_OUTPUT, 2, -1);

        for (String op : new String[] {"Gather", "GatherElements", "GatherND"}) {
            put(op, OperatorClass.GATHER, Kind.GATHER, 0, -1);
        }
        for (String op : new String[] {"ScatterND", "ScatterElements", "Scatter"}) {
            put(op, OperatorClass.GATHER, Kind.COPY, 0, -1);
        }

        for (String op : new String[] {"Transpose", "Concat", "Split", "Slice", "Expand", "Tile", "Pad", "Resize",
                "Upsample", "DepthToSpace", "SpaceToDepth", "ConstantOfShape", "Range", "Trilu", "OneHot", "TopK",
                "NonZero", "Compress", "ReverseSequence", "EyeLike", "SequenceAt", "CumSum"}) {
            put(op, OperatorClass.DATA_MOVEMENT, Kind.COPY, 0, -1);
        }
        for (String op : new String[] {"Reshape", "Squeeze", "Unsqueeze", "Flatten", "Identity", "Dropout", "Shape",
                "Size", "Constant"}) {
            put(op, OperatorClass.DATA_MOVEMENT, Kind.FREE, 0, -1);
        }
    }

    private OperatorCosts() {
    }

    private static void put(String op, OperatorClass operatorClass, Kind kind, double flopsPerElement, int weightInput) {
        RULES.put(op, new Rule(operatorClass, kind, flopsPerElement, weightInput));
    }

    /** The rule for {@code opType}, or null when the analysis does not know the operator. */
    static Rule rule(String opType) {
        return RULES.get(opType);
    }

    static long elements(long[] shape) {
        if (shape == null) {
            return 0;
        }
        long count = 1;
        for (long dim : shape) {
            count *= dim;
        }
        return count;
    }

    /**
     * The FLOPs of one operator.
     *
     * @param inputs input shapes, null where unknown (optional input absent or shape not found)
     * @param outputs output shapes, null where unknown
     */
    static double flops(Rule rule, long[][] inputs, long[][] outputs) {
        long out = outputs.length > 0 ? elements(outputs[0]) : 0;
        long[] first = inputs.length > 0 ? inputs[0] : null;
        switch (rule.kind) {
            case MATMUL: {
                if (first == null || first.length == 0) {
                    return 0;
                }
                return rule.flopsPerElement * out * first[first.length - 1];
            }
            case GEMM: {
                long[] a = first;
                long rows = outputs.length > 0 && outputs[0] != null && outputs[0].length > 0 ? outputs[0][0] : 0;
                if (a == null || rows == 0) {
                    return 0;
                }
                long k = elements(a) / rows;
                boolean bias = inputs.length > 2 && inputs[2] != null;
                return rule.flopsPerElement * out * k + (bias ? out : 0);
            }
            case CONV: {
                long[] w = inputs.length > rule.weightInput ? inputs[rule.weightInput] : null;
                if (w == null || w.length == 0 || w[0] == 0) {
                    return 0;
                }
                long perOutput = elements(w) / w[0];
                boolean bias = rule.weightInput == 1 && inputs.length > 2 && inputs[2] != null;
                return rule.flopsPerElement * out * perOutput + (bias ? out : 0);
            }
            case CONV_TRANSPOSE: {
                long[] w = inputs.length > 1 ? inputs[1] : null;
                if (w == null || w.length == 0 || w[0] == 0) {
                    return 0;
                }
                return rule.flopsPerElement * elements(first) * (elements(w) / w[0]);
            }
            case PER_OUTPUT: {
                long total = 0;
                for (long[] shape : outputs) {
                    total = Math.max(total, elements(shape));
                }
                return rule.flopsPerElement * total;
            }
            case PER_INPUT:
                return rule.flopsPerElement * elements(first);
            default:
                return 0;
        }
    }
}
