package org.zeusmobile.cli;

import org.zeusmobile.lab.OnProcessor;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.workload.ModelProfiler;
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
    static ModelProfiler forDevice(String nameOrPath, Device device) {
        ModelProfiler profiler = profiler(nameOrPath);
        boolean hasGpu = device.knobs().stream().anyMatch(k -> k.name().equals(Knob.GPU_FREQ));
        return hasGpu ? new OnProcessor(profiler, "gpu") : profiler;
    }

    static OnnxModelProfiler profiler(String nameOrPath) {
        try {
            return OnnxModelProfiler.of(load(nameOrPath));
        } catch (OnnxFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
