package org.zeusmobile.onnx;

import java.util.HashMap;
import java.util.Map;

/**
 * Every tensor's shape at one input size, as a function of the batch: the optimised graph runs at
 * batch 1 and batch 2 and each dimension is fitted as {@code c * batch^p} (p in 0..3), or as an
 * affine function of the batch where no power fits, so any batch follows without running again.
 * Weights take their shapes from the graph's initializers.
 */
final class BatchShapes {

    /** One dimension as a function of the batch B, from its values at B = 1 and B = 2. */
    static final class Dim {
        private final long atOne;
        private final long atTwo;
        private final int power;

        Dim(long atOne, long atTwo) {
            this.atOne = atOne;
            this.atTwo = atTwo;
            this.power = power(atOne, atTwo);
        }

        private static int power(long one, long two) {
            if (one <= 0) {
                return one == two ? 0 : -1;
            }
            for (int p = 0; p <= 3; p++) {
                if (two == one << p) {
                    return p;
                }
            }
            return -1;
        }

        long at(int batch) {
            if (power >= 0) {
                return Math.round(atOne * Math.pow(batch, power));
            }
            return Math.max(0, atOne + (atTwo - atOne) * (long) (batch - 1));
        }
    }

    private static final class Shape {
        final int elementBytes;
        final Dim[] dims;

        Shape(int elementBytes, Dim[] dims) {
            this.elementBytes = elementBytes;
            this.dims = dims;
        }
    }

    private final Map<String, Shape> shapes = new HashMap<>();
    private final boolean batched;

    private BatchShapes(boolean batched) {
        this.batched = batched;
    }

    /**
     * Runs {@code probe} at {@code size}: at batch 1 and 2 when the inputs have a batch axis, else once.
     *
     * @throws IllegalArgumentException when ONNX Runtime cannot run the model at that size
     */
    static BatchShapes at(ShapeProbe probe, InputShapes inputs, int size) {
        @SuppressWarnings("unchecked")
        Map<String, long[]>[] one = new Map[] {inputs.shapes(1, size)};
        Map<String, ShapeProbe.Tensor>[] results;
        if (inputs.hasBatchAxis()) {
            @SuppressWarnings("unchecked")
            Map<String, long[]>[] both = new Map[] {inputs.shapes(1, size), inputs.shapes(2, size)};
            try {
                results = probe.run(both);
            } catch (IllegalArgumentException batchTwoFails) {
                // A symbolic batch that the graph fixes inside (a Reshape to 1 x ...): one inference per run.
                results = probe.run(one);
            }
        } else {
            results = probe.run(one);
        }
        BatchShapes fitted = new BatchShapes(results.length == 2);
        for (OnnxModelFile.Initializer weight : probe.optimised().initializers()) {
            fitted.put(weight.name(), OnnxTypes.elementBytes(weight.dataType()), weight.dims(), weight.dims());
        }
        for (Map.Entry<String, ShapeProbe.Tensor> tensor : results[0].entrySet()) {
            ShapeProbe.Tensor other = results[results.length - 1].get(tensor.getKey());
            long[] two = other != null && other.dims.length == tensor.getValue().dims.length ? other.dims
                    : tensor.getValue().dims;
            fitted.put(tensor.getKey(), tensor.getValue().elementBytes, tensor.getValue().dims, two);
        }
        return fitted;
    }

    private void put(String name, int elementBytes, long[] atOne, long[] atTwo) {
        Dim[] dims = new Dim[atOne.length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = new Dim(atOne[i], atTwo[i]);
        }
        shapes.put(name, new Shape(Math.max(1, elementBytes), dims));
    }

    /** Whether the shapes follow the batch (false: the model runs one inference at a time). */
    boolean batched() {
        return batched;
    }

    /** Whether the runtime produced (or the graph stores) a tensor of this name. */
    boolean has(String tensor) {
        return shapes.containsKey(tensor);
    }

    /** The tensor's shape at {@code batch}, or null when unknown (an absent optional input, a non-tensor). */
    long[] dims(String tensor, int batch) {
        Shape shape = tensor.isEmpty() ? null : shapes.get(tensor);
        if (shape == null) {
            return null;
        }
        long[] dims = new long[shape.dims.length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.dims[i].at(batch);
        }
        return dims;
    }

    /** Bytes per element of the tensor (0 when unknown). */
    int elementBytes(String tensor) {
        Shape shape = tensor.isEmpty() ? null : shapes.get(tensor);
        return shape == null ? 0 : shape.elementBytes;
    }

    /** Bytes of the tensor at {@code batch} (0 when unknown). */
    double bytes(String tensor, int batch) {
        return OperatorCosts.elements(dims(tensor, batch)) * elementBytes(tensor);
    }
}
