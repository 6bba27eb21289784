package org.zeusmobile.android;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The ONNX Runtime execution providers an Android app can choose without root, as the values of the
 * {@code execution_provider} knob (knob values are positive numbers, so each provider has a code).
 */
public enum ExecutionProvider {
    CPU(1, OrtProvider.CPU),
    NNAPI(2, OrtProvider.NNAPI),
    XNNPACK(3, OrtProvider.XNNPACK);

    private final long code;
    private final OrtProvider ortProvider;

    ExecutionProvider(long code, OrtProvider ortProvider) {
        this.code = code;
        this.ortProvider = ortProvider;
    }

    /** The knob value that stands for this provider. */
    public long code() {
        return code;
    }

    public OrtProvider ortProvider() {
        return ortProvider;
    }

    public static ExecutionProvider ofCode(long code) {
        for (ExecutionProvider provider : values()) {
            if (provider.code == code) {
                return provider;
            }
        }
        throw new IllegalArgumentException("no execution provider has code " + code + "; codes: 1 CPU, 2 NNAPI, 3 XNNPACK");
    }

    /** The providers of this list that the loaded ONNX Runtime library was built with (CPU always). */
    public static List<ExecutionProvider> available() {
        return availableAmong(OrtEnvironment.getAvailableProviders());
    }

    static List<ExecutionProvider> availableAmong(EnumSet<OrtProvider> built) {
        List<ExecutionProvider> result = new ArrayList<>();
        for (ExecutionProvider provider : values()) {
            if (provider == CPU || built.contains(provider.ortProvider)) {
                result.add(provider);
            }
        }
        return result;
    }
}
