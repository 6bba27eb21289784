package org.zeusmobile.core.workload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The cost structure of one batch of inferences of a model: its operators in execution order,
 * each with FLOPs, bytes and class. What the simulator executes.
 */
public final class WorkloadProfile {

    private final String model;
    private final int batch;
    private final int inputSize;
    private final List<OperatorProfile> operators;

    /**
     * @param inputSize the input size in the model's unit (see {@link ModelProfiler#inputSize()}), 0 when it has none
     */
    public WorkloadProfile(String model, int batch, int inputSize, List<OperatorProfile> operators) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        if (operators.isEmpty()) {
            throw new IllegalArgumentException("workload profile of " + model + " has no operators");
        }
        this.model = model;
        this.batch = batch;
        this.inputSize = inputSize;
        this.operators = Collections.unmodifiableList(new ArrayList<>(operators));
    }

    public String model() {
        return model;
    }

    public int batch() {
        return batch;
    }

    /** The input size in the model's unit (tokens, pixels of height...), or 0 for models without one. */
    public int inputSize() {
        return inputSize;
    }

    public List<OperatorProfile> operators() {
        return operators;
    }

    public double totalFlops() {
        double sum = 0;
        for (OperatorProfile op : operators) {
            sum += op.flops();
        }
        return sum;
    }

    public double totalBytes() {
        double sum = 0;
        for (OperatorProfile op : operators) {
            sum += op.bytes();
        }
        return sum;
    }
}
