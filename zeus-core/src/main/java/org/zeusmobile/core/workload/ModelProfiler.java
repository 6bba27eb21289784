package org.zeusmobile.core.workload;

/**
 * Computes a model's workload profile for any batch size and input size.
 * zeus-onnx implements it from an .onnx file; the simulator executes what it returns.
 */
public interface ModelProfiler {

    /** The model's name, e.g. {@code minilm}. */
    String model();

    /** A stable hash of the model's content, for keying stored profiles. */
    String modelHash();

    /**
     * What the model's input size counts (tokens, pixels per side, frames...), its default and its
     * bounds. Profilers that say nothing take token sequences of any length, 128 by default.
     */
    default InputSize inputSize() {
        return InputSize.DEFAULT_TOKENS;
    }

    /**
     * The profile of one batch of {@code batch} inferences at {@code inputSize}, in the unit of
     * {@link #inputSize()} (tokens for text models, pixels of height for vision models).
     *
     * @throws IllegalArgumentException when {@code inputSize} is outside the model's bounds
     */
    WorkloadProfile profile(int batch, int inputSize);
}
