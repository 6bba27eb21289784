package org.zeusmobile.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.zeusmobile.core.workload.InputSize;
import org.zeusmobile.core.workload.ModelProfiler;
import org.zeusmobile.core.workload.OperatorProfile;
import org.zeusmobile.core.workload.WorkloadProfile;

/**
 * A model's workload profile with every operator moved to one processor: a model analysed from its
 * .onnx file (operators on "cpu") run on the simulated GPU, as an app with a GPU delegate runs it.
 */
public final class OnProcessor implements ModelProfiler {

    private final ModelProfiler inner;
    private final String processor;
    private final Map<String, WorkloadProfile> cache = new ConcurrentHashMap<>();

    public OnProcessor(ModelProfiler inner, String processor) {
        this.inner = inner;
        this.processor = processor;
    }

    @Override
    public String model() {
        return inner.model();
    }

    @Override
    public String modelHash() {
        return inner.modelHash() + "@" + processor;
    }

    @Override
    public InputSize inputSize() {
        return inner.inputSize();
    }

    @Override
    public WorkloadProfile profile(int batch, int inputSize) {
        return cache.computeIfAbsent(batch + "/" + inputSize, key -> {
            WorkloadProfile original = inner.profile(batch, inputSize);
            List<OperatorProfile> moved = new ArrayList<>();
            for (OperatorProfile op : original.operators()) {
                moved.add(op.onProcessor(processor));
            }
            return new WorkloadProfile(original.model(), batch, inputSize, moved);
        });
    }
}
