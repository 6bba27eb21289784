package org.zeusmobile.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Builds the input tensors of one batch at the shapes {@link InputShapes} gives: tokenized corpus
 * sentences for models with a tokenizer, random values of the right type for any other input.
 */
final class ModelInputs {

    private ModelInputs() {
    }

    /** The tensors of one batch, {@code shapes} by input name; the caller closes them. */
    static Map<String, OnnxTensor> build(OrtEnvironment env, OnnxModel model, Map<String, NodeInfo> inputInfo,
            Map<String, long[]> shapes, List<String> sentences, long seed) throws OrtException {
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        try {
            Random random = new Random(seed);
            WordPieceTokenizer.Encoding[] encodings = null;
            for (Map.Entry<String, NodeInfo> entry : inputInfo.entrySet()) {
                String name = entry.getKey();
                if (!(entry.getValue().getInfo() instanceof TensorInfo)) {
                    throw new IllegalArgumentException("model " + model.name() + " input " + name
                            + " is not a tensor (" + entry.getValue().getInfo() + "): only tensor inputs are supported");
                }
                TensorInfo info = (TensorInfo) entry.getValue().getInfo();
                long[] shape = shapes.get(name);
                if (shape == null) {
                    throw new IllegalStateException("no shape bound for input " + name + " of " + model.name());
                }
                if (model.hasTokenizer() && shape.length == 2 && encodings == null) {
                    encodings = new WordPieceTokenizer.Encoding[(int) shape[0]];
                    for (int i = 0; i < encodings.length; i++) {
                        encodings[i] = model.tokenizer().encode(sentences.get(i % sentences.size()), (int) shape[1]);
                    }
                }
                long[] tokens = encodings == null ? null : tokenInput(name, encodings, shape);
                tensors.put(name, tokens != null && info.type == OnnxJavaType.INT64
                        ? OnnxTensor.createTensor(env, LongBuffer.wrap(tokens), shape)
                        : random(env, info.type, shape, name, random));
            }
            return tensors;
        } catch (OrtException | RuntimeException e) {
            close(tensors);
            throw e;
        }
    }

    static void close(Map<String, OnnxTensor> tensors) {
        for (OnnxTensor tensor : tensors.values()) {
            tensor.close();
        }
        tensors.clear();
    }

    /** The token ids, mask or type ids for a BERT-style input, or null when the name is none of those. */
    private static long[] tokenInput(String name, WordPieceTokenizer.Encoding[] encodings, long[] shape) {
        if (shape.length != 2 || shape[0] != encodings.length) {
            return null;
        }
        String key = name.toLowerCase(Locale.ROOT);
        long[] flat = new long[(int) (shape[0] * shape[1])];
        int length = (int) shape[1];
        for (int row = 0; row < encodings.length; row++) {
            long[] values;
            if (key.contains("input_ids")) {
                values = encodings[row].inputIds();
            } else if (key.contains("attention_mask")) {
                values = encodings[row].attentionMask();
            } else if (key.contains("token_type")) {
                values = encodings[row].tokenTypeIds();
            } else {
                return null;
            }
            System.arraycopy(values, 0, flat, row * length, Math.min(length, values.length));
        }
        return flat;
    }

    private static OnnxTensor random(OrtEnvironment env, OnnxJavaType type, long[] shape, String name, Random random)
            throws OrtException {
        long count = 1;
        for (long dim : shape) {
            count *= dim;
        }
        if (count > Integer.MAX_VALUE / 8) {
            throw new IllegalArgumentException("input " + name + " of shape " + InputShapes.format(shape)
                    + " is too large: lower the batch size or the input size");
        }
        int n = (int) count;
        String key = name.toLowerCase(Locale.ROOT);
        boolean mask = key.contains("mask");
        switch (type) {
            case FLOAT: {
                float[] values = new float[n];
                for (int i = 0; i < n; i++) {
                    values[i] = mask ? 1f : (float) random.nextGaussian();
                }
                return OnnxTensor.createTensor(env, FloatBuffer.wrap(values), shape);
            }
            case DOUBLE: {
                double[] values = new double[n];
                for (int i = 0; i < n; i++) {
                    values[i] = mask ? 1.0 : random.nextGaussian();
                }
                return OnnxTensor.createTensor(env, DoubleBuffer.wrap(values), shape);
            }
            case INT64: {
                // Small non-negative integers: valid token ids and indices for any vocabulary.
                long[] values = new long[n];
                for (int i = 0; i < n; i++) {
                    values[i] = mask ? 1 : key.contains("type") ? 0 : random.nextInt(100);
                }
                return OnnxTensor.createTensor(env, LongBuffer.wrap(values), shape);
            }
            case INT32: {
                int[] values = new int[n];
                for (int i = 0; i < n; i++) {
                    values[i] = mask ? 1 : key.contains("type") ? 0 : random.nextInt(100);
                }
                return OnnxTensor.createTensor(env, IntBuffer.wrap(values), shape);
            }
            default: {
                // Bytes of any other element type: random, or ones for masks (bool/uint8/int8 = 1).
                int bytes = n * Math.max(1, type.size);
                ByteBuffer buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
                for (int i = 0; i < bytes; i++) {
                    buffer.put((byte) (mask || type == OnnxJavaType.BOOL ? 1 : random.nextInt(64)));
                }
                buffer.rewind();
                return OnnxTensor.createTensor(env, buffer, shape, type);
            }
        }
    }
}
