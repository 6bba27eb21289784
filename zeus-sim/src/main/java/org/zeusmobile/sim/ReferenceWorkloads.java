package org.zeusmobile.sim;

import java.util.ArrayList;
import java.util.List;
import org.zeusmobile.core.workload.ModelProfiler;
import org.zeusmobile.core.workload.OperatorClass;
import org.zeusmobile.core.workload.OperatorProfile;
import org.zeusmobile.core.workload.WorkloadProfile;

/**
 * Analytic workload profiles for tests, benchmarks and the README tables when no real model is at
 * hand (zeus-onnx computes real ones from .onnx files). FLOPs count a multiply-add as 2; tensors are fp32.
 */
public final class ReferenceWorkloads {

    private static final double FP32_BYTES = 4;

    private ReferenceWorkloads() {
    }

    /**
     * A BERT-like encoder of exactly 50 operators: token-embedding gather, {@code 4} layers of 12
     * operators (QKV, scores, softmax, context, output projection, add, layernorm, FFN up, GELU, FFN
     * down, add, layernorm) and a mean pool on the CPU cluster the device picks. Hidden size {@code hidden},
     * FFN 4x hidden, weights read once per batch.
     */
    public static ModelProfiler transformer(String name, int hidden) {
        return new ModelProfiler() {
            @Override
            public String model() {
                return name;
            }

            @Override
            public String modelHash() {
                return "analytic-transformer-" + hidden;
            }

            @Override
            public WorkloadProfile profile(int batch, int sequenceLength) {
                int tokens = batch * Math.max(1, sequenceLength);
                double d = hidden;
                List<OperatorProfile> ops = new ArrayList<>();
                ops.add(op("embed", "Gather", OperatorClass.GATHER, 0, tokens * d * FP32_BYTES, tokens * d * FP32_BYTES,
                        "gpu"));
                for (int layer = 0; layer < 4; layer++) {
                    String p = "layer" + layer + ".";
                    ops.add(matmul(p + "qkv", tokens, d, 3 * d));
                    double scores = (double) batch * sequenceLength * sequenceLength;
                    ops.add(op(p + "scores", "MatMul", OperatorClass.MATMUL_CONV, 2 * scores * d,
                            2 * tokens * d * FP32_BYTES, scores * FP32_BYTES, "gpu"));
                    ops.add(op(p + "softmax", "Softmax", OperatorClass.SOFTMAX, 5 * scores, scores * FP32_BYTES,
                            scores * FP32_BYTES, "gpu"));
                    ops.add(op(p + "context", "MatMul", OperatorClass.MATMUL_CONV, 2 * scores * d,
                            (scores + tokens * d) * FP32_BYTES, tokens * d * FP32_BYTES, "gpu"));
                    ops.add(matmul(p + "out", tokens, d, d));
                    ops.add(elementwise(p + "add1", "Add", tokens * d, 2));
                    ops.add(norm(p + "ln1", tokens * d));
                    ops.add(matmul(p + "ffn_up", tokens, d, 4 * d));
                    ops.add(elementwise(p + "gelu", "Gelu", tokens * 4 * d, 1));
                    ops.add(matmul(p + "ffn_down", tokens, 4 * d, d));
                    ops.add(elementwise(p + "add2", "Add", tokens * d, 2));
                    ops.add(norm(p + "ln2", tokens * d));
                }
                ops.add(op("pool", "ReduceMean", OperatorClass.ELEMENTWISE, tokens * d, tokens * d * FP32_BYTES,
                        batch * d * FP32_BYTES, "cpu"));
                return new WorkloadProfile(name, batch, sequenceLength, ops);
            }
        };
    }

    /** {@code count} large square GEMMs of size {@code n}, far above every ridge point: compute-bound on any processor. */
    public static ModelProfiler computeBound(int count, int n) {
        return uniform("compute-bound", count, batch -> matmul("gemm", (double) n * batch, n, n));
    }

    /** {@code count} streaming element-wise operators over {@code megabytes} MB each: memory-bound everywhere. */
    public static ModelProfiler memoryBound(int count, double megabytes) {
        return uniform("memory-bound", count, batch -> {
            double elements = megabytes * 1e6 / FP32_BYTES / 2 * batch;
            return op("stream", "Add", OperatorClass.ELEMENTWISE, elements, elements * FP32_BYTES,
                    elements * FP32_BYTES, "gpu");
        });
    }

    private interface OpFactory {
        OperatorProfile make(int batch);
    }

    private static ModelProfiler uniform(String name, int count, OpFactory factory) {
        return new ModelProfiler() {
            @Override
            public String model() {
                return name;
            }

            @Override
            public String modelHash() {
                return name + "-" + count;
            }

            @Override
            public WorkloadProfile profile(int batch, int sequenceLength) {
                List<OperatorProfile> ops = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    ops.add(factory.make(batch));
                }
                return new WorkloadProfile(name, batch, sequenceLength, ops);
            }
        };
    }

    private static OperatorProfile matmul(String name, double rows, double in, double out) {
        return op(name, "MatMul", OperatorClass.MATMUL_CONV, 2 * rows * in * out, (in * out + rows * in) * FP32_BYTES,
                rows * out * FP32_BYTES, "gpu");
    }

    private static OperatorProfile elementwise(String name, String type, double elements, int inputs) {
        return op(name, type, OperatorClass.ELEMENTWISE, elements, inputs * elements * FP32_BYTES,
                elements * FP32_BYTES, "gpu");
    }

    private static OperatorProfile norm(String name, double elements) {
        return op(name, "LayerNormalization", OperatorClass.NORMALIZATION, 8 * elements, elements * FP32_BYTES,
                elements * FP32_BYTES, "gpu");
    }

    private static OperatorProfile op(String name, String type, OperatorClass operatorClass, double flops,
            double read, double written, String processor) {
        return new OperatorProfile(name, type, operatorClass, flops, read, written, processor);
    }
}
