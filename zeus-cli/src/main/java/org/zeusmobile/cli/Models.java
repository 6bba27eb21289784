package org.zeusmobile.cli;

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

    static OnnxModelProfiler profiler(String nameOrPath) {
        try {
            return OnnxModelProfiler.of(load(nameOrPath));
        } catch (OnnxFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
