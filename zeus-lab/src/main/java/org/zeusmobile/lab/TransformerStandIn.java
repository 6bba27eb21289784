package org.zeusmobile.lab;

import java.util.ArrayList;
import java.util.List;
import org.zeusmobile.core.workload.ModelProfiler;
import org.zeusmobile.core.workload.OperatorClass;
import org.zeusmobile.core.workload.OperatorProfile;
import org.zeusmobile.core.workload.WorkloadProfile;

/**
 * A STAND-IN for the real MiniLM / bge-small profiles of zeus-onnx, for runs without ONNX Runtime: an
 * analytic BERT-style encoder with the published shapes. all-MiniLM-L6-v2: 6 layers, hidden 384, FFN 1536,
 * 12 heads (its Hugging Face config.json); bge-small-en-v1.5: 12 layers, hidden 384, FFN 1536, 12 heads
 * (its config.json). Per layer 14 operators (Q, K, V, scores, softmax, context, output projection, add,
 * layernorm, FFN up, GELU, FFN down, add, layernorm), plus embedding gather, embedding layernorm and mean
 * pooling: 87 operators for MiniLM. FLOPs count a multiply-add as 2; int8 weights (the quantised
 * langchain4j models) and fp32 activations. Operators run on {@code processor}.
 */
public final class TransformerStandIn implements ModelProfiler {

    private static final double WEIGHT_BYTES = 1;     // int8 quantised weights
    private static final double ACTIVATION_BYTES = 4; // fp32 activations

    private final String name;
    private final int layers;
    private final int hidden;
    private final int intermediate;
    private final int heads;
    private final String processor;

    public TransformerStandIn(String name, int layers, int hidden, int intermediate, int heads, String processor) {
        this.name = name;
        this.layers = layers;
        this.hidden = hidden;
        this.intermediate = intermediate;
        this.heads = heads;
        this.processor = processor;
    }

    /** all-MiniLM-L6-v2's shapes. */
    public static TransformerStandIn minilm(String processor) {
        return new TransformerStandIn("minilm", 6, 384, 1536, 12, processor);
    }

    /** bge-small-en-v1.5's shapes. */
    public static TransformerStandIn bgeSmall(String processor) {
        return new TransformerStandIn("bge-small", 12, 384, 1536, 12, processor);
    }

    /** {@code minilm} or {@code bge-small}. */
    public static TransformerStandIn named(String model, String processor) {
        if (model.equals("minilm")) {
            return minilm(processor);
        }
        if (model.equals("bge-small")) {
            return bgeSmall(processor);
        }
        throw new IllegalArgumentException("no stand-in profile for model '" + model + "'; known: minilm, bge-small");
    }

    @Override
    public String model() {
        return name;
    }

    @Override
    public String modelHash() {
        return "stand-in-" + name + "-" + layers + "x" + hidden + "x" + intermediate + "-" + processor;
    }

    @Override
    public WorkloadProfile profile(int batch, int sequenceLength) {
        double tokens = (double) batch * Math.max(1, sequenceLength);
        double d = hidden;
        double scores = (double) batch * heads * sequenceLength * (double) sequenceLength;
        List<OperatorProfile> ops = new ArrayList<>();
        ops.add(op("embeddings.gather", "Gather", OperatorClass.GATHER, 0, tokens * d * WEIGHT_BYTES,
                tokens * d * ACTIVATION_BYTES));
        ops.add(norm("embeddings.layernorm", tokens * d));
        for (int layer = 0; layer < layers; layer++) {
            String p = "layer" + layer + ".";
            ops.add(matmul(p + "query", tokens, d, d));
            ops.add(matmul(p + "key", tokens, d, d));
            ops.add(matmul(p + "value", tokens, d, d));
            ops.add(op(p + "scores", "MatMul", OperatorClass.MATMUL_CONV, 2 * scores * (d / heads),
                    2 * tokens * d * ACTIVATION_BYTES, scores * ACTIVATION_BYTES));
            ops.add(op(p + "softmax", "Softmax", OperatorClass.SOFTMAX, 5 * scores, scores * ACTIVATION_BYTES,
                    scores * ACTIVATION_BYTES));
            ops.add(op(p + "context", "MatMul", OperatorClass.MATMUL_CONV, 2 * scores * (d / heads),
                    (scores + tokens * d) * ACTIVATION_BYTES, tokens * d * ACTIVATION_BYTES));
            ops.add(matmul(p + "attention.output", tokens, d, d));
            ops.add(elementwise(p + "attention.add", "Add", tokens * d, 2));
            ops.add(norm(p + "attention.layernorm", tokens * d));
            ops.add(matmul(p + "ffn.up", tokens, d, intermediate));
            ops.add(elementwise(p + "ffn.gelu", "Gelu", tokens * intermediate, 1));
            ops.add(matmul(p + "ffn.down", tokens, intermediate, d));
            ops.add(elementwise(p + "ffn.add", "Add", tokens * d, 2));
            ops.add(norm(p + "ffn.layernorm", tokens * d));
        }
        ops.add(op("pooling.mean", "ReduceMean", OperatorClass.ELEMENTWISE, tokens * d, tokens * d * ACTIVATION_BYTES,
                batch * d * ACTIVATION_BYTES));
        return new WorkloadProfile(name, batch, sequenceLength, ops);
    }

    private OperatorProfile op(String opName, String type, OperatorClass cls, double flops, double read,
            double written) {
        return new OperatorProfile(opName, type, cls, flops, read, written, processor);
    }

    private OperatorProfile matmul(String opName, double tokens, double in, double out) {
        return op(opName, "MatMul", OperatorClass.MATMUL_CONV, 2 * tokens * in * out,
                in * out * WEIGHT_BYTES + tokens * in * ACTIVATION_BYTES, tokens * out * ACTIVATION_BYTES);
    }

    private OperatorProfile elementwise(String opName, String type, double elements, int inputs) {
        return op(opName, type, OperatorClass.ELEMENTWISE, elements * (type.equals("Gelu") ? 8 : 1),
                inputs * elements * ACTIVATION_BYTES, elements * ACTIVATION_BYTES);
    }

    private OperatorProfile norm(String opName, double elements) {
        return op(opName, "LayerNormalization", OperatorClass.NORMALIZATION, 8 * elements,
                elements * ACTIVATION_BYTES, elements * ACTIVATION_BYTES);
    }
}
