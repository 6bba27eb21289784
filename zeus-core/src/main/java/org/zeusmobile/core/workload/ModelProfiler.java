package org.zeusmobile.core.workload;

/**
 * Computes a model's workload profile for any batch size and sequence length.
 * zeus-onnx implements it from an .onnx file; the simulator executes what it returns.
 */
public interface ModelProfiler {

    /** The model's name, e.g. {@code minilm}. */
    String model();

    /** A stable hash of the model's content, for keying stored profiles. */
    String modelHash();

    /** The profile of one batch of {@code batch} inferences at {@code sequenceLength} tokens. */
    WorkloadProfile profile(int batch, int sequenceLength);
}
