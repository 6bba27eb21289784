package org.zeusmobile.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.workload.InputSize;
import org.zeusmobile.core.workload.ModelProfiler;
import org.zeusmobile.lab.OnProcessor;
import org.zeusmobile.onnx.InputShapes;
import org.zeusmobile.onnx.OnnxModel;
import org.zeusmobile.onnx.OnnxModelProfiler;

/**
 * Loads models named on the command line, fed at the shapes given with {@code --input}; a missing or
 * broken model file, or a shape that does not fit, is bad input (exit 2).
 */
final class Models {

    /** The help of {@code --input}, on model, compare, profile and optimize. */
    static final String INPUT_HELP = "Shape of a model input, e.g. pixel_values=1x3x224x224 (repeatable; the batch axis "
            + "stays 1): sets open dimensions and the input size (default: the model's declared shapes; 224x224 px "
            + "images, 128 tokens, 1 s of audio where they are open).";

    private Models() {
    }

    /** {@code nameOrPath} with the {@code --input NAME=DIMS} shapes applied. */
    static OnnxModel load(String nameOrPath, List<String> inputs) {
        OnnxModel model = OnnxModel.load(nameOrPath);
        return inputs == null || inputs.isEmpty() ? model : model.withInputs(parseInputs(inputs));
    }

    /** {@code NAME=DIMS} options by input name. */
    static Map<String, long[]> parseInputs(List<String> specs) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (String spec : specs) {
            int equals = spec.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("--input '" + spec + "' must be NAME=DIMS, e.g. "
                        + "--input pixel_values=1x3x224x224");
            }
            shapes.put(spec.substring(0, equals).trim(), InputShapes.parseShape(spec.substring(equals + 1)));
        }
        return shapes;
    }

    /** The model's profiler, analysed at its default input size now, so that a model it cannot analyse fails here. */
    static OnnxModelProfiler profiler(String nameOrPath, List<String> inputs) {
        OnnxModelProfiler profiler = OnnxModelProfiler.of(load(nameOrPath, inputs));
        InputSize size = profiler.inputSize();
        profiler.profile(1, size.defaultSize());
        return profiler;
    }

    /**
     * The model's workload profile as the simulated device runs it: on devices with a GPU knob the model
     * runs on the GPU, as an app with a GPU delegate does; elsewhere on the CPU clusters.
     */
    static ModelProfiler forDevice(ModelProfiler profiler, Device device) {
        boolean hasGpu = device.knobs().stream().anyMatch(k -> k.name().equals(Knob.GPU_FREQ));
        return hasGpu ? new OnProcessor(profiler, "gpu") : profiler;
    }

    /**
     * The input size to run at: {@code --seq} for a text model, else the model's default (from its declared
     * shapes or {@code --input}).
     */
    static int inputSize(String model, InputSize bounds, Integer seq, String inputs) {
        if (seq == null) {
            return bounds.defaultSize();
        }
        if (bounds.kind() != InputSize.Kind.TOKENS) {
            throw new IllegalArgumentException("--seq sets a sequence length in tokens, but " + model + " takes "
                    + (bounds.kind() == InputSize.Kind.FIXED ? "inputs of one shape" : bounds.kind().quantity() + " in "
                    + bounds.kind().unit()) + " (" + inputs + "): leave --seq out, or give the shape with --input "
                    + "NAME=DIMS");
        }
        return seq;
    }
}
