package org.zeusmobile.onnx;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.zeusmobile.core.workload.InputSize;
import org.zeusmobile.core.workload.ModelProfiler;
import org.zeusmobile.core.workload.OperatorClass;
import org.zeusmobile.core.workload.OperatorProfile;
import org.zeusmobile.core.workload.WorkloadProfile;

/**
 * A model's workload profile from its .onnx file: per operator of the graph ONNX Runtime executes
 * (after its EXTENDED optimisations, see {@link ShapeProbe}), op type, class, FLOPs and bytes read
 * and written, for any batch and input size.
 *
 * <p>Shapes are the runtime's own, read by tensor name at each input size the caller asks for
 * (batch fitted from two runs, see {@link BatchShapes}), so unnamed nodes, symbolic batches and
 * vision, audio or text inputs are all measured the same way. Operators that only compute shapes
 * (a Shape and the few int64 values derived from it) and views cost nothing: no FLOPs, no bytes.
 *
 * <p>Never a silent zero: an operator whose shapes the runtime did not give, or a model whose
 * total comes out at 0 FLOPs, is an error naming the operators. An operator the analysis has no
 * rule for is kept with zero FLOPs and listed in {@link #unknownOperators()}.
 */
public final class OnnxModelProfiler implements ModelProfiler {

    private final OnnxModel model;
    private final Path workDir;
    private final Map<Integer, BatchShapes> shapesBySize = new ConcurrentHashMap<>();
    private final Map<Long, WorkloadProfile> profiles = new ConcurrentHashMap<>();
    private final Map<Long, Map<String, Object>> reports = new ConcurrentHashMap<>();
    private volatile Graph graph;
    private volatile InputSize inputSize;
    private volatile String maxReason;

    /**
     * @param workDir where ONNX Runtime writes the optimised model (deleted after reading)
     */
    public OnnxModelProfiler(OnnxModel model, Path workDir) {
        this.model = model;
        this.workDir = workDir;
    }

    /** A profiler writing its temporary files under {@code java.io.tmpdir}. */
    public static OnnxModelProfiler of(OnnxModel model) {
        return new OnnxModelProfiler(model, Paths.get(System.getProperty("java.io.tmpdir")));
    }

    /** A profiler of a built-in model name or an .onnx path (see {@link OnnxModel#load}). */
    public static OnnxModelProfiler of(String nameOrPath) {
        return of(OnnxModel.load(nameOrPath));
    }

    @Override
    public String model() {
        return model.name();
    }

    /** The .onnx file's SHA-256, with the input shapes when some were given (they change the profile). */
    @Override
    public String modelHash() {
        return model.sha256WithInputs();
    }

    /** The model's inputs: what they are, their batch axis and input-size axes. */
    public InputShapes inputShapes() {
        return graph().inputs;
    }

    /**
     * What the input size counts, its default and its bounds: the model's own (a fixed shape, a position
     * table) and the analysis's (see {@link InputSizeBounds}). Analyses the model at its default size.
     */
    @Override
    public InputSize inputSize() {
        InputSize result = inputSize;
        if (result == null) {
            InputSize declared = graph().inputs.inputSize();
            int max = declared.maxSize();
            String reason = "its input shape is fixed";
            if (!declared.fixed()) {
                int size = declared.defaultSize();
                BatchShapes shapes = shapes(size);
                InputSizeBounds bounds = InputSizeBounds.of(graph().optimised, graph().inputs, shapes, size,
                        graph().tensorBytes(shapes, 1));
                max = bounds.maxSize;
                reason = bounds.reason;
            }
            maxReason = reason;
            result = new InputSize(declared.kind(), declared.defaultSize(), declared.minSize(), max,
                    declared.widthPerHeight());
            inputSize = result;
        }
        return result;
    }

    @Override
    public WorkloadProfile profile(int batch, int size) {
        check(batch, size);
        long key = ((long) batch << 32) | size;
        WorkloadProfile cached = profiles.get(key);
        if (cached == null) {
            cached = graph().profile(shapes(size), batch, size);
            profiles.put(key, cached);
        }
        return cached;
    }

    /** Bytes of the file's initializers (the weights), by shape and element type. */
    public long parameterBytes() {
        return model.graph().parameterBytes();
    }

    /** Bytes of every tensor the operators produce for one batch (views and shape values excluded). */
    public long activationBytes(int batch, int size) {
        check(batch, size);
        BatchShapes shapes = shapes(size);
        int runs = shapes.batched() ? 1 : batch;
        return Math.round(graph().tensorBytes(shapes, shapes.batched() ? batch : 1) * runs);
    }

    /** The op types the analysis does not know (counted with zero FLOPs), sorted. */
    public List<String> unknownOperators() {
        return new ArrayList<>(graph().unknown);
    }

    /** Nodes in the .onnx file, and in the graph ONNX Runtime executes after its optimisations. */
    public int nodesInFile() {
        return model.graph().nodes().size();
    }

    public int nodesAfterOptimisation() {
        return graph().optimised.nodes().size();
    }

    /** Nodes of the optimised graph that do no work on the device: views and shape computations. */
    public int zeroWorkNodes() {
        int count = 0;
        for (boolean free : graph().zeroWork) {
            count += free ? 1 : 0;
        }
        return count;
    }

    /**
     * The result of {@code zeus-mobile model MODEL --json} at this batch and input size, as a
     * Jackson-serialisable ordered map (schema in docs/cli.md). Unknown operators have class {@code unknown}.
     */
    public Map<String, Object> report(int batch, int size) {
        check(batch, size);
        long key = ((long) batch << 32) | size;
        Map<String, Object> cached = reports.get(key);
        if (cached != null) {
            return cached;
        }
        WorkloadProfile profile = profile(batch, size);
        Graph g = graph();
        List<Map<String, Object>> operators = new ArrayList<>();
        for (OperatorProfile op : profile.operators()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", op.name());
            row.put("op_type", op.opType());
            row.put("class", g.unknown.contains(op.opType()) ? "unknown" : op.operatorClass().id());
            row.put("flops", Math.round(op.flops()));
            row.put("bytes", Math.round(op.bytes()));
            operators.add(Collections.unmodifiableMap(row));
        }
        InputSize bounds = inputSize();
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("kind", bounds.kind().id());
        input.put("size", size);
        input.put("unit", bounds.kind().unit());
        input.put("description", bounds.describe(size));
        input.put("max_size", bounds.maxSize());
        Map<String, Object> feeds = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> feed : g.inputs.shapes(batch, size).entrySet()) {
            feeds.put(feed.getKey(), toList(feed.getValue()));
        }
        input.put("shapes", feeds);
        input.put("batch_axis", shapes(size).batched());
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("model", model.name());
        report.put("batch", batch);
        report.put("input", Collections.unmodifiableMap(input));
        report.put("flops", Math.round(profile.totalFlops()));
        report.put("parameter_bytes", parameterBytes());
        report.put("activation_bytes", activationBytes(batch, size));
        report.put("optimization", "ONNX Runtime " + ai.onnxruntime.OrtEnvironment.getEnvironment().getVersion()
                + " EXTENDED");
        report.put("nodes_in_file", nodesInFile());
        report.put("nodes_after_optimization", nodesAfterOptimisation());
        report.put("zero_work_nodes", zeroWorkNodes());
        report.put("operators", Collections.unmodifiableList(operators));
        report.put("unknown_operators", Collections.unmodifiableList(new ArrayList<>(g.unknown)));
        Map<String, Object> result = Collections.unmodifiableMap(report);
        reports.put(key, result);
        return result;
    }

    private static List<Long> toList(long[] dims) {
        List<Long> list = new ArrayList<>();
        for (long dim : dims) {
            list.add(dim);
        }
        return list;
    }

    private void check(int batch, int size) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        InputSize bounds = inputSize();
        if (bounds.fixed() && size != bounds.defaultSize()) {
            throw new IllegalArgumentException(model.name() + "'s input is fixed at " + bounds.describe(
                    bounds.defaultSize()) + " (" + graph().inputs.describe(1, bounds.defaultSize()) + "); got "
                    + bounds.describe(size) + "; export the model with dynamic axes to vary it");
        }
        if (size < bounds.minSize() || size > bounds.maxSize()) {
            throw new IllegalArgumentException(model.name() + " takes a " + bounds.kind().quantity() + " of "
                    + bounds.minSize() + " to " + bounds.maxSize() + " " + bounds.kind().unit()
                    + (size > bounds.maxSize() ? " (" + maxReason + ")" : "") + ", got " + size);
        }
        double perInference = graph().tensorBytes(shapes(size), 1);
        if ((double) batch * perInference > InputSizeBounds.MAX_TENSOR_BYTES) {
            long most = Math.max(1, (long) (InputSizeBounds.MAX_TENSOR_BYTES / perInference));
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "a batch of %d at %s would hold "
                    + "%.1f GiB of %s's tensors, above the %.0f GiB the analysis takes: give a batch of at most %d",
                    batch, bounds.describe(size), batch * perInference / (1L << 30), model.name(),
                    InputSizeBounds.MAX_TENSOR_BYTES / (1L << 30), most));
        }
    }

    private Graph graph() {
        Graph result = graph;
        if (result == null) {
            synchronized (this) {
                result = graph;
                if (result == null) {
                    // Inputs first: an input whose shape cannot be told fails before ONNX Runtime starts.
                    InputShapes inputs = model.inputShapes();
                    result = new Graph(model, inputs, ShapeProbe.of(model, workDir));
                    graph = result;
                }
            }
        }
        return result;
    }

    private BatchShapes shapes(int size) {
        BatchShapes shapes = shapesBySize.get(size);
        if (shapes == null) {
            synchronized (this) {
                shapes = shapesBySize.get(size);
                if (shapes == null) {
                    shapes = BatchShapes.at(graph().probe, graph().inputs, size);
                    graph().checkResolved(shapes);
                    shapesBySize.put(size, shapes);
                }
            }
        }
        return shapes;
    }

    /** The optimised graph and what holds at every size: inputs, zero-work nodes, unknown op types. */
    private static final class Graph {
        final OnnxModel model;
        final ShapeProbe probe;
        final OnnxModelFile optimised;
        final InputShapes inputs;
        final boolean[] zeroWork;
        final TreeSet<String> unknown = new TreeSet<>();

        Graph(OnnxModel model, InputShapes inputs, ShapeProbe probe) {
            this.model = model;
            this.probe = probe;
            this.optimised = probe.optimised();
            this.inputs = inputs;
            this.zeroWork = zeroWork(optimised);
            for (OnnxModelFile.Node node : optimised.nodes()) {
                if (OperatorCosts.rule(node.opType()) == null || node.hasSubgraph()) {
                    unknown.add(node.opType());
                }
            }
        }

        /**
         * Views, shape queries, and arithmetic on shapes (every input a shape value or a small
         * constant): the host computes a few int64 values while it prepares kernels; no device kernel.
         */
        private static boolean[] zeroWork(OnnxModelFile graph) {
            Map<String, Long> constants = new HashMap<>();
            for (OnnxModelFile.Initializer initializer : graph.initializers()) {
                constants.put(initializer.name(), initializer.elements());
            }
            Set<String> shapeValues = new HashSet<>();
            List<OnnxModelFile.Node> nodes = graph.nodes();
            boolean[] free = new boolean[nodes.size()];
            for (int i = 0; i < free.length; i++) {
                OnnxModelFile.Node node = nodes.get(i);
                OperatorCosts.Rule rule = OperatorCosts.rule(node.opType());
                boolean shapeQuery = node.opType().equals("Shape") || node.opType().equals("Size");
                boolean onShapes = OperatorCosts.SHAPE_ARITHMETIC.contains(node.opType());
                boolean anyShape = false;
                for (String input : node.inputs()) {
                    boolean shape = shapeValues.contains(input);
                    boolean small = constants.containsKey(input) && constants.get(input) <= 16;
                    anyShape |= shape;
                    onShapes &= input.isEmpty() || shape || small;
                }
                if (shapeQuery || (onShapes && anyShape)) {
                    shapeValues.addAll(node.outputs());
                    free[i] = true;
                } else {
                    free[i] = rule != null && rule.kind == OperatorCosts.Kind.FREE;
                }
            }
            return free;
        }

        /** Every operator's output shapes must have come from the runtime: otherwise say which did not. */
        void checkResolved(BatchShapes shapes) {
            List<String> missing = new ArrayList<>();
            List<OnnxModelFile.Node> nodes = optimised.nodes();
            for (int i = 0; i < nodes.size(); i++) {
                OnnxModelFile.Node node = nodes.get(i);
                if (!node.outputs().isEmpty() && !node.outputs().get(0).isEmpty()
                        && !shapes.has(node.outputs().get(0))) {
                    missing.add(label(node, i));
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException(model.name() + ": ONNX Runtime gave no tensor shape for "
                        + missing.size() + " operators (" + first(missing) + "), so their cost is unknown: "
                        + "they produce sequences or optional values, which zeus-onnx does not analyse; give a model "
                        + "whose operators produce tensors");
            }
        }

        double tensorBytes(BatchShapes shapes, int batch) {
            double sum = 0;
            List<OnnxModelFile.Node> nodes = optimised.nodes();
            for (int i = 0; i < nodes.size(); i++) {
                if (!zeroWork[i]) {
                    for (String output : nodes.get(i).outputs()) {
                        sum += shapes.bytes(output, batch);
                    }
                }
            }
            return sum;
        }

        WorkloadProfile profile(BatchShapes shapes, int batch, int size) {
            int runs = shapes.batched() ? 1 : batch;
            int perRun = shapes.batched() ? batch : 1;
            List<OperatorProfile> operators = new ArrayList<>();
            List<String> unresolved = new ArrayList<>();
            List<OnnxModelFile.Node> nodes = optimised.nodes();
            for (int run = 1; run <= runs; run++) {
                for (int i = 0; i < nodes.size(); i++) {
                    OnnxModelFile.Node node = nodes.get(i);
                    OperatorProfile op = cost(node, label(node, i), zeroWork[i], shapes, perRun);
                    if (op == null) {
                        unresolved.add(label(node, i));
                        continue;
                    }
                    operators.add(runs == 1 ? op : new OperatorProfile(op.name() + "#" + run, op.opType(),
                            op.operatorClass(), op.flops(), op.bytesRead(), op.bytesWritten(), op.processor()));
                }
                if (!unresolved.isEmpty()) {
                    throw new IllegalArgumentException(model.name() + ": the shapes of " + unresolved.size()
                            + " operators could not be resolved (" + first(unresolved) + "); give the input "
                            + "shapes with --input NAME=DIMS (inputs: " + inputs.describe(1, size) + ")");
                }
            }
            WorkloadProfile profile = new WorkloadProfile(model.name(), batch, size, operators);
            if (!(profile.totalFlops() > 0)) {
                throw new IllegalArgumentException(model.name() + " comes out at 0 FLOPs at "
                        + inputs.describe(batch, size) + ": " + (unknown.isEmpty()
                        ? "its operators compute nothing zeus-onnx counts" : "its operators " + unknown
                        + " have no cost rule in zeus-onnx") + "; no workload profile can be made from it");
            }
            return profile;
        }

        /** One operator's cost at this batch; null when a shape its rule needs is missing. */
        private OperatorProfile cost(OnnxModelFile.Node node, String name, boolean free, BatchShapes shapes,
                int batch) {
            long[][] in = new long[node.inputs().size()][];
            long[][] out = new long[node.outputs().size()][];
            double read = 0;
            double written = 0;
            for (int j = 0; j < in.length; j++) {
                in[j] = shapes.dims(node.inputs().get(j), batch);
                read += shapes.bytes(node.inputs().get(j), batch);
            }
            for (int j = 0; j < out.length; j++) {
                out[j] = shapes.dims(node.outputs().get(j), batch);
                written += shapes.bytes(node.outputs().get(j), batch);
            }
            OperatorCosts.Rule rule = OperatorCosts.rule(node.opType());
            if (free) {
                return new OperatorProfile(name, node.opType(), OperatorClass.DATA_MOVEMENT, 0, 0, 0, "cpu");
            }
            if (rule == null || node.hasSubgraph()) {
                return new OperatorProfile(name, node.opType(), OperatorClass.ELEMENTWISE, 0, read, written, "cpu");
            }
            double flops = OperatorCosts.flops(rule, node, in, out);
            if (Double.isNaN(flops)) {
                return null;
            }
            if (rule.kind == OperatorCosts.Kind.GATHER || rule.kind == OperatorCosts.Kind.EMBED_LAYER_NORM) {
                // Only the gathered rows are read (one per output element and table), plus the indices.
                int tables = rule.kind == OperatorCosts.Kind.GATHER ? 1 : 3;
                int firstTable = rule.kind == OperatorCosts.Kind.GATHER ? 0 : 2;
                read = 0;
                for (int j = 0; j < in.length; j++) {
                    if (j < firstTable || j >= firstTable + tables) {
                        read += shapes.bytes(node.inputs().get(j), batch);
                    }
                }
                read += tables * OperatorCosts.elements(out[0])
                        * shapes.elementBytes(node.inputs().get(Math.min(firstTable, in.length - 1)));
            }
            return new OperatorProfile(name, node.opType(), rule.operatorClass, flops, read, written, "cpu");
        }

        private static String label(OnnxModelFile.Node node, int index) {
            return node.name().isEmpty() ? node.opType() + "_" + index : node.name();
        }

        private static String first(List<String> names) {
            return names.size() <= 5 ? String.join(", ", names)
                    : String.join(", ", names.subList(0, 5)) + " and " + (names.size() - 5) + " more";
        }
    }
}
