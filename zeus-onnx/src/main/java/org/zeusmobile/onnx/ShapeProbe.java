package org.zeusmobile.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The graph ONNX Runtime executes, and the shape of every tensor in it at given input shapes.
 *
 * <p>The model is first optimised by ONNX Runtime at {@code EXTENDED} level, the level an app runs
 * (written out with {@code SessionOptions.setOptimizedModelFilePath}): constants and shape
 * computations are folded, and fusions (layer norm, GELU, bias-add into MatMul, Conv with its
 * BatchNorm and activation, attention where the pattern allows) become single operators.
 * {@code ALL} would add layout changes specific to the CPU it runs on (NCHWc), which a phone's GPU
 * does not run, so the analysis stops at EXTENDED.
 *
 * <p>Shapes are the runtime's own: the optimised graph runs with every node output fetched as a
 * graph output, so each tensor's shape and element type is read by tensor name (node names are
 * optional in ONNX and play no part).
 */
final class ShapeProbe {

    /** One tensor as the runtime produced it. */
    static final class Tensor {
        final int elementBytes;
        final long[] dims;

        Tensor(int elementBytes, long[] dims) {
            this.elementBytes = elementBytes;
            this.dims = dims;
        }
    }

    private final OnnxModel model;
    private final OnnxModelFile optimised;
    private final byte[] probeBytes;

    private ShapeProbe(OnnxModel model, OnnxModelFile optimised, byte[] probeBytes) {
        this.model = model;
        this.optimised = optimised;
        this.probeBytes = probeBytes;
    }

    /**
     * Optimises {@code model} with ONNX Runtime, writing the optimised file under {@code workDir}
     * (deleted once read).
     *
     * @throws OnnxFormatException when ONNX Runtime cannot load the model
     */
    static ShapeProbe of(OnnxModel model, Path workDir) {
        Path file = null;
        try {
            Files.createDirectories(workDir);
            file = Files.createTempFile(workDir, "zeus-onnx-optimised-", ".onnx");
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.EXTENDED_OPT);
                options.setOptimizedModelFilePath(file.toString());
                OrtEnvironment.getEnvironment().createSession(model.bytes(), options).close();
            }
            byte[] bytes = Files.readAllBytes(file);
            OnnxModelFile optimised = OnnxModelFile.parse(model.source() + " (optimised by ONNX Runtime)", bytes);
            return new ShapeProbe(model, optimised, OnnxRewriter.fetchEveryNodeOutput(bytes));
        } catch (OrtException e) {
            throw new OnnxFormatException("ONNX Runtime cannot load " + model.source() + ": " + e.getMessage()
                    + " (check that the file is a complete, valid .onnx model)", e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write or read ONNX Runtime's optimised model under " + workDir
                    + ": " + e.getMessage() + " (give a writable directory)", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // A leftover file in the temporary directory is harmless.
                }
            }
        }
    }

    /** The graph as ONNX Runtime runs it after its EXTENDED optimisations. */
    OnnxModelFile optimised() {
        return optimised;
    }

    /**
     * Runs the optimised graph once per entry of {@code runs} (input shapes by name) and returns, for
     * each run, every tensor's shape by name: the inputs fed and every node output.
     *
     * @throws IllegalArgumentException when ONNX Runtime cannot run the model at those shapes
     */
    Map<String, Tensor>[] run(Map<String, long[]>[] runs) {
        @SuppressWarnings("unchecked")
        Map<String, Tensor>[] result = new Map[runs.length];
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = OnnxEngine.sessionOptions(1)) {
            // Already optimised: run the nodes as they are, so that every fetched name still exists.
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            try (OrtSession session = env.createSession(probeBytes, options)) {
                for (int r = 0; r < runs.length; r++) {
                    result[r] = runOnce(env, session, runs[r]);
                }
            }
        } catch (OrtException e) {
            throw new OnnxFormatException("ONNX Runtime cannot load the optimised " + model.source() + ": "
                    + e.getMessage(), e);
        }
        return result;
    }

    private Map<String, Tensor> runOnce(OrtEnvironment env, OrtSession session, Map<String, long[]> shapes)
            throws OrtException {
        Map<String, Tensor> tensors = new HashMap<>();
        Map<String, OnnxTensor> inputs = ModelInputs.build(env, model, session.getInputInfo(), shapes,
                Corpus.sentences(), 1);
        try {
            for (Map.Entry<String, OnnxTensor> input : inputs.entrySet()) {
                TensorInfo info = input.getValue().getInfo();
                tensors.put(input.getKey(), new Tensor(Math.max(1, info.type.size), info.getShape()));
            }
            try (OrtSession.Result outputs = session.run(inputs)) {
                for (Map.Entry<String, OnnxValue> output : outputs) {
                    if (output.getValue().getInfo() instanceof TensorInfo) {
                        TensorInfo info = (TensorInfo) output.getValue().getInfo();
                        tensors.put(output.getKey(), new Tensor(Math.max(1, info.type.size), info.getShape()));
                    }
                }
            }
        } catch (OrtException e) {
            StringBuilder fed = new StringBuilder();
            for (Map.Entry<String, long[]> input : shapes.entrySet()) {
                fed.append(fed.length() == 0 ? "" : ", ").append(input.getKey()).append('=')
                        .append(InputShapes.format(input.getValue()));
            }
            throw new IllegalArgumentException(model.name() + " does not run at input shapes " + fed
                    + " (ONNX Runtime: " + firstLine(e.getMessage()) + "): give shapes the model takes with --input "
                    + "NAME=DIMS", e);
        } finally {
            ModelInputs.close(inputs);
        }
        return tensors;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
