package org.zeusmobile.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.workload.ModelProfiler;
import org.zeusmobile.core.workload.OperatorProfile;
import org.zeusmobile.core.workload.WorkloadProfile;
import org.zeusmobile.onnx.OnnxFormatException;
import org.zeusmobile.onnx.OnnxModel;
import org.zeusmobile.onnx.OnnxModelProfiler;

/** Loads models named on the command line; a missing or broken model file is bad input (exit 2). */
final class Models {

    private Models() {
    }

    static OnnxModel load(String nameOrPath) {
        try {
            return OnnxModel.load(nameOrPath);
        } catch (OnnxFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * The model's workload profile as the simulated device runs it: on devices with a GPU knob the model
     * runs on the GPU, as an app with a GPU delegate does; elsewhere on the CPU clusters.
     */
    static ModelProfiler forDevice(String nameOrPath, String deviceSpec) {
        ModelProfiler profiler = profiler(nameOrPath);
        boolean hasGpu;
        try (Device device = Devices.open(deviceSpec)) {
            hasGpu = device.knobs().stream().anyMatch(k -> k.name().equals(Knob.GPU_FREQ));
        }
        return hasGpu ? new OnProcessor(profiler, "gpu") : profiler;
    }

    /** A model profile with every operator moved to one processor. */
    private static final class OnProcessor implements ModelProfiler {
        private final ModelProfiler inner;
        private final String processor;
        private final Map<String, WorkloadProfile> cache = new ConcurrentHashMap<>();

        OnProcessor(ModelProfiler inner, String processor) {
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
        public WorkloadProfile profile(int batch, int sequenceLength) {
            return cache.computeIfAbsent(batch + "/" + sequenceLength, key -> {
                WorkloadProfile original = inner.profile(batch, sequenceLength);
                List<OperatorProfile> moved = new ArrayList<>();
                for (OperatorProfile op : original.operators()) {
                    moved.add(op.onProcessor(processor));
                }
                return new WorkloadProfile(original.model(), batch, sequenceLength, moved);
            });
        }
    }

    static OnnxModelProfiler profiler(String nameOrPath) {
        try {
            return OnnxModelProfiler.of(load(nameOrPath));
        } catch (OnnxFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
