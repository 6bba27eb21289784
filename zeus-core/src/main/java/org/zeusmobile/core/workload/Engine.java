package org.zeusmobile.core.workload;

/**
 * Runs inferences of one model on one device, at the device's current configuration.
 * The simulator's engine executes a workload profile in simulated time; zeus-onnx's runs ONNX Runtime.
 * The controller drives it: requests arrive by a trace, are batched, and run.
 */
public interface Engine extends AutoCloseable {

    /** The model this engine runs. */
    String model();

    /** Runs one batch of {@code batchSize} inferences now and returns when it is done (the device clock advances). */
    void runBatch(int batchSize);

    /**
     * Sets the input size for the batches that follow, in the model's unit (tokens for text, pixels of
     * height for images; see {@link ModelProfiler#inputSize()}); models without one ignore it.
     */
    void setInputSize(int size);

    /** Waits idle until the device clock reaches {@code clockNs}; returns at once if it already has. */
    void idleUntil(long clockNs);

    @Override
    void close();
}
