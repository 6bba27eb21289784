package org.zeusmobile.onnx;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.zeusmobile.core.workload.InputSize;

/**
 * The largest input size a model takes, found from its graph at the default size: a text model
 * cannot take more tokens than its position table has rows (ONNX Runtime's Slice would clamp the
 * position ids and the sum with the token embeddings would fail), and the analysis refuses sizes
 * whose tensors would not fit in memory.
 */
final class InputSizeBounds {

    /**
     * The analysis runs the model once with every tensor kept: above 8 GiB of them the size is refused.
     * That is the memory of the largest boards in the simulator's profiles (Jetson Orin Nano 8 GB) and of
     * most phones; a model needing more for one inference does not run on them.
     */
    static final double MAX_TENSOR_BYTES = 8.0 * (1L << 30);

    final int maxSize;
    final String reason;

    private InputSizeBounds(int maxSize, String reason) {
        this.maxSize = maxSize;
        this.reason = reason;
    }

    /**
     * @param atDefault the tensors' shapes at {@code size}
     * @param tensorBytes the bytes of every node output of one inference at {@code size}
     */
    static InputSizeBounds of(OnnxModelFile graph, InputShapes inputs, BatchShapes atDefault, int size,
            double tensorBytes) {
        InputSize.Kind kind = inputs.inputSize().kind();
        // Tensors grow at most with the square of the size (pixels of an image, scores of attention).
        long byMemory = (long) Math.floor(size * Math.sqrt(MAX_TENSOR_BYTES / Math.max(1, tensorBytes)));
        int max = (int) Math.min(Integer.MAX_VALUE, Math.max(size, byMemory));
        String reason = String.format(Locale.ROOT, "beyond it one inference's tensors would exceed %.0f GiB",
                MAX_TENSOR_BYTES / (1L << 30));
        if (kind == InputSize.Kind.TOKENS) {
            long rows = positionRows(graph, inputs, atDefault, size);
            if (rows > 0 && rows < max) {
                max = (int) rows;
                reason = "its position table has " + rows + " rows";
            }
        }
        return new InputSizeBounds(max, reason);
    }

    /**
     * Rows of the position table: an integer buffer of position ids sliced to the sequence length (as
     * Hugging Face BERT exports do), or a table gathered with computed (not fed) ids of that length.
     * 0 when there is none.
     */
    private static long positionRows(OnnxModelFile graph, InputShapes inputs, BatchShapes shapes, int size) {
        Set<String> fed = new HashSet<>(inputs.names());
        long rows = 0;
        for (OnnxModelFile.Node node : graph.nodes()) {
            if (node.inputs().isEmpty() || node.outputs().isEmpty()) {
                continue;
            }
            OnnxModelFile.Initializer data = initializer(graph, node.inputs().get(0));
            long[] out = shapes.dims(node.outputs().get(0), 1);
            if (data == null || out == null) {
                continue;
            }
            long[] table = data.dims();
            if (node.opType().equals("Slice") && (data.dataType() == 6 || data.dataType() == 7)
                    && table.length == out.length) {
                for (int axis = 0; axis < out.length; axis++) {
                    if (out[axis] == size && table[axis] > size) {
                        rows = rows == 0 ? table[axis] : Math.min(rows, table[axis]);
                    }
                }
            } else if (node.opType().equals("Gather") && node.inputs().size() > 1 && table.length == 2
                    && node.intAttribute("axis", 0) == 0 && !fed.contains(node.inputs().get(1))) {
                long[] ids = shapes.dims(node.inputs().get(1), 1);
                if (ids != null && contains(ids, size) && table[0] > size) {
                    rows = rows == 0 ? table[0] : Math.min(rows, table[0]);
                }
            }
        }
        return rows;
    }

    private static boolean contains(long[] dims, long value) {
        for (long dim : dims) {
            if (dim == value) {
                return true;
            }
        }
        return false;
    }

    private static OnnxModelFile.Initializer initializer(OnnxModelFile graph, String name) {
        for (OnnxModelFile.Initializer initializer : graph.initializers()) {
            if (initializer.name().equals(name)) {
                return initializer;
            }
        }
        return null;
    }
}
