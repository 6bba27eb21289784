package org.zeusmobile.sim;

import java.util.HashMap;
import java.util.Map;
import org.zeusmobile.core.workload.Engine;
import org.zeusmobile.core.workload.ModelProfiler;

/** Executes a model's workload profiles on a {@link SimulatedDevice} in simulated time. */
public final class SimEngine implements Engine {

    private final SimulatedDevice device;
    private final ModelProfiler model;
    private int inputSize;
    private final Map<Long, Plan> plans = new HashMap<>();

    SimEngine(SimulatedDevice device, ModelProfiler model, int inputSize) {
        if (inputSize < 0) {
            throw new IllegalArgumentException("input size must be >= 0, got " + inputSize);
        }
        this.device = device;
        this.model = model;
        this.inputSize = inputSize;
    }

    @Override
    public String model() {
        return model.model();
    }

    /** The plan for one batch size at the current input size, compiled once. */
    private Plan plan(int batchSize) {
        long key = ((long) batchSize << 32) | inputSize;
        Plan plan = plans.get(key);
        if (plan == null) {
            plan = device.compile(model.profile(batchSize, inputSize));
            plans.put(key, plan);
        }
        return plan;
    }

    @Override
    public void runBatch(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        device.run(plan(batchSize));
    }

    @Override
    public void setInputSize(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("input size must be >= 0, got " + size);
        }
        inputSize = size;
    }

    /** The input size in the model's unit (tokens, pixels of height...). */
    public int inputSize() {
        return inputSize;
    }

    @Override
    public void idleUntil(long clockNs) {
        device.idleUntil(clockNs);
    }

    @Override
    public void close() {
        plans.clear();
    }
}
