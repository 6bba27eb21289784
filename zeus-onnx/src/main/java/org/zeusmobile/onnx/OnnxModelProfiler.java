package org.zeusmobile.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.zeusmobile.core.workload.ModelProfiler;
import org.zeusmobile.core.workload.OperatorClass;
import org.zeusmobile.core.workload.OperatorProfile;
import org.zeusmobile.core.workload.WorkloadProfile;

/**
 * A model's workload profile from its .onnx file: per operator, op type, class, FLOPs and bytes
 * read and written, for any batch size and sequence length.
 *
 * <p>Shapes come from ONNX Runtime's own profiler: the model runs once, unoptimised (so the nodes
 * are those of the file), at three probe sizes, (1, 16), (2, 16) and (1, 32), and each node's
 * output shapes are read from the profiler's JSON ({@code output_type_shape}). Every dimension is
 * then fitted as {@code c * batch^p * seq^q} (integer p, q; e.g. 1, B, S, B*S, S*S), or as an
 * affine function of batch and seq where no such power fits, so that any (batch, seq) is derived
 * by arithmetic without running the model again. Weight shapes come from the file's initializers
 * (ONNX Runtime's profiler omits pre-packed weights). Results are cached per (batch, seq), so the
 * simulator can ask for profiles hundreds of times per run.
 *
 * <p>An operator the analysis does not know is kept, with zero FLOPs, and listed in
 * {@link #unknownOperators()}.
 */
public final class OnnxModelProfiler implements ModelProfiler {

    static final int PROBE_SEQ = 16;
    private static final int[][] PROBES = {{1, PROBE_SEQ}, {2, PROBE_SEQ}, {1, 2 * PROBE_SEQ}};

    private final OnnxModel model;
    private final Path workDir;
    private final Map<Long, WorkloadProfile> profiles = new ConcurrentHashMap<>();
    private final Map<Long, Map<String, Object>> reports = new ConcurrentHashMap<>();
    private volatile Analysis analysis;

    /**
     * @param workDir where ONNX Runtime writes its profiler JSON (deleted after reading)
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

    @Override
    public String modelHash() {
        return model.sha256();
    }

    @Override
    public WorkloadProfile profile(int batch, int sequenceLength) {
        check(batch, sequenceLength);
        long key = ((long) batch << 32) | sequenceLength;
        WorkloadProfile cached = profiles.get(key);
        if (cached == null) {
            cached = analysis().profile(batch, sequenceLength);
            profiles.put(key, cached);
        }
        return cached;
    }

    /** Bytes of the file's initializers (the weights), by shape and element type. */
    public long parameterBytes() {
        return model.graph().parameterBytes();
    }

    /** Bytes of every tensor the operators produce at this batch and sequence length. */
    public long activationBytes(int batch, int sequenceLength) {
        check(batch, sequenceLength);
        return analysis().activationBytes(batch, sequenceLength);
    }

    /** The op types the analysis does not know (counted with zero FLOPs), sorted. */
    public List<String> unknownOperators() {
        return new ArrayList<>(analysis().unknown);
    }

    /**
     * The result of {@code zeus-mobile model MODEL --batch B --seq L --json}, as a Jackson-serialisable
     * ordered map: {@code {"model", "batch", "seq", "flops", "parameter_bytes", "activation_bytes",
     * "operators": [{"name", "op_type", "class", "flops", "bytes"}], "unknown_operators": [...]}}.
     * Unknown operators have class {@code unknown} here.
     */
    public Map<String, Object> report(int batch, int sequenceLength) {
        check(batch, sequenceLength);
        long key = ((long) batch << 32) | sequenceLength;
        Map<String, Object> cached = reports.get(key);
        if (cached != null) {
            return cached;
        }
        WorkloadProfile profile = profile(batch, sequenceLength);
        Analysis a = analysis();
        List<Map<String, Object>> operators = new ArrayList<>();
        for (OperatorProfile op : profile.operators()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", op.name());
            row.put("op_type", op.opType());
            row.put("class", a.unknown.contains(op.opType()) ? "unknown" : op.operatorClass().id());
            row.put("flops", Math.round(op.flops()));
            row.put("bytes", Math.round(op.bytes()));
            operators.add(Collections.unmodifiableMap(row));
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("model", model.name());
        report.put("batch", batch);
        report.put("seq", sequenceLength);
        report.put("flops", Math.round(profile.totalFlops()));
        report.put("parameter_bytes", parameterBytes());
        report.put("activation_bytes", activationBytes(batch, sequenceLength));
        report.put("operators", Collections.unmodifiableList(operators));
        report.put("unknown_operators", Collections.unmodifiableList(new ArrayList<>(a.unknown)));
        Map<String, Object> result = Collections.unmodifiableMap(report);
        reports.put(key, result);
        return result;
    }

    private static void check(int batch, int sequenceLength) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        if (sequenceLength < 2) {
            throw new IllegalArgumentException("sequence length must be >= 2 tokens, got " + sequenceLength);
        }
    }

    private Analysis analysis() {
        Analysis result = analysis;
        if (result == null) {
            synchronized (this) {
                result = analysis;
                if (result == null) {
                    result = new Analysis(model, probe());
                    analysis = result;
                }
            }
        }
        return result;
    }

    // ---- shapes from ONNX Runtime's profiler ----

    /** One dimension as a function of batch B and sequence length S, fitted from the three probes. */
    static final class Dim {
        private final long atBase;
        private final long atDoubleBatch;
        private final long atDoubleSeq;
        private final int batchPower;
        private final int seqPower;

        Dim(long atBase, long atDoubleBatch, long atDoubleSeq) {
            this.atBase = atBase;
            this.atDoubleBatch = atDoubleBatch;
            this.atDoubleSeq = atDoubleSeq;
            this.batchPower = power(atBase, atDoubleBatch);
            this.seqPower = power(atBase, atDoubleSeq);
        }

        /** p with {@code doubled = base * 2^p} for p in 0..3, or -1 when there is none. */
        private static int power(long base, long doubled) {
            if (base <= 0) {
                return base == doubled ? 0 : -1;
            }
            for (int p = 0; p <= 3; p++) {
                if (doubled == base << p) {
                    return p;
                }
            }
            return -1;
        }

        long at(int batch, int seq) {
            int baseBatch = PROBES[0][0];
            if (batchPower >= 0 && seqPower >= 0) {
                double value = atBase * Math.pow((double) batch / baseBatch, batchPower)
                        * Math.pow((double) seq / PROBE_SEQ, seqPower);
                return Math.round(value);
            }
            // Affine fallback (e.g. S + 1): slope from each doubling.
            double value = atBase + (double) (atDoubleBatch - atBase) * (batch - baseBatch) / baseBatch
                    + (double) (atDoubleSeq - atBase) * (seq - PROBE_SEQ) / PROBE_SEQ;
            return Math.max(0, Math.round(value));
        }
    }

    /** A tensor's element size and its dimensions as functions of (batch, seq). */
    static final class Shape {
        final int elementBytes;
        final Dim[] dims;

        Shape(int elementBytes, Dim[] dims) {
            this.elementBytes = elementBytes;
            this.dims = dims;
        }

        static Shape fixed(int elementBytes, long[] dims) {
            Dim[] fitted = new Dim[dims.length];
            for (int i = 0; i < dims.length; i++) {
                fitted[i] = new Dim(dims[i], dims[i], dims[i]);
            }
            return new Shape(elementBytes, fitted);
        }

        static Shape fit(int elementBytes, long[][] probes) {
            long[] base = probes[0];
            for (long[] other : probes) {
                if (other == null || other.length != base.length) {
                    return fixed(elementBytes, base);
                }
            }
            Dim[] fitted = new Dim[base.length];
            for (int i = 0; i < base.length; i++) {
                fitted[i] = new Dim(base[i], probes[1][i], probes[2][i]);
            }
            return new Shape(elementBytes, fitted);
        }

        long[] at(int batch, int seq) {
            long[] dimsNow = new long[dims.length];
            for (int i = 0; i < dims.length; i++) {
                dimsNow[i] = dims[i].at(batch, seq);
            }
            return dimsNow;
        }
    }

    /** What one profiler run says: each node's output shapes, and the fed inputs' shapes. */
    private static final class ProbeRun {
        final Map<String, List<long[]>> outputShapes = new HashMap<>();
        final Map<String, List<Integer>> outputElementBytes = new HashMap<>();
        final Map<String, long[]> inputShapes = new HashMap<>();
        final Map<String, Integer> inputElementBytes = new HashMap<>();
    }

    private List<ProbeRun> probe() {
        List<ProbeRun> runs = new ArrayList<>();
        for (int[] probe : PROBES) {
            runs.add(probeOnce(probe[0], probe[1]));
        }
        return runs;
    }

    private ProbeRun probeOnce(int batch, int seq) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        ProbeRun run = new ProbeRun();
        Path json = null;
        try {
            Files.createDirectories(workDir);
            String prefix = workDir.resolve("zeus-onnx-profile-" + model.sha256().substring(0, 12) + "-" + batch + "x"
                    + seq + "-" + System.nanoTime()).toString();
            try (OrtSession.SessionOptions options = OnnxEngine.sessionOptions(1)) {
                // Unoptimised, so that profiled nodes are the file's nodes, with their names.
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
                options.enableProfiling(prefix);
                try (OrtSession session = env.createSession(model.bytes(), options)) {
                    Map<String, OnnxTensor> inputs = ModelInputs.build(env, model, session.getInputInfo(), batch, seq,
                            Corpus.sentences(), 1);
                    try {
                        for (Map.Entry<String, OnnxTensor> input : inputs.entrySet()) {
                            TensorInfo info = input.getValue().getInfo();
                            run.inputShapes.put(input.getKey(), info.getShape());
                            run.inputElementBytes.put(input.getKey(), Math.max(1, info.type.size));
                        }
                        session.run(inputs).close();
                    } finally {
                        ModelInputs.close(inputs);
                    }
                    json = Paths.get(session.endProfiling());
                }
            }
            readProfile(json, run);
            return run;
        } catch (OrtException e) {
            throw new OnnxFormatException("ONNX Runtime cannot run " + model.source() + " at batch " + batch
                    + ", sequence length " + seq + " to read its shapes: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write or read ONNX Runtime's profile under " + workDir + ": "
                    + e.getMessage() + " (give a writable directory)", e);
        } finally {
            if (json != null) {
                try {
                    Files.deleteIfExists(json);
                } catch (IOException e) {
                    // A leftover profile file in the temp directory is harmless.
                }
            }
        }
    }

    /** Reads the {@code cat: Node} events of ONNX Runtime's profiler JSON (a Chrome trace). */
    private static void readProfile(Path json, ProbeRun run) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        JsonNode events = root.isArray() ? root : root.path("traceEvents");
        String suffix = "_kernel_time";
        for (JsonNode event : events) {
            String name = event.path("name").asText("");
            if (!"Node".equals(event.path("cat").asText()) || !name.endsWith(suffix)) {
                continue;
            }
            String node = name.substring(0, name.length() - suffix.length());
            if (run.outputShapes.containsKey(node)) {
                continue; // one event per node and run
            }
            List<long[]> shapes = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            for (JsonNode typed : event.path("args").path("output_type_shape")) {
                Iterator<Map.Entry<String, JsonNode>> fields = typed.fields();
                if (!fields.hasNext()) {
                    continue;
                }
                Map.Entry<String, JsonNode> only = fields.next();
                long[] dims = new long[only.getValue().size()];
                for (int i = 0; i < dims.length; i++) {
                    dims[i] = only.getValue().get(i).asLong();
                }
                shapes.add(dims);
                sizes.add(elementBytes(only.getKey()));
            }
            run.outputShapes.put(node, shapes);
            run.outputElementBytes.put(node, sizes);
        }
    }

    /** Bytes per element of ONNX Runtime's type names (float, int64, MLFloat16, uint8, bool...). */
    static int elementBytes(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        if (t.equals("double") || t.contains("64")) {
            return 8;
        }
        if (t.contains("16")) {
            return 2;
        }
        if (t.equals("float") || t.contains("32")) {
            return 4;
        }
        if (t.equals("bool") || t.contains("8")) {
            return 1;
        }
        return 4;
    }

    // ---- the analysis ----

    /** Every tensor's shape function, and per node the rule, from which any (batch, seq) profile follows. */
    private static final class Analysis {
        private final OnnxModel model;
        private final Map<String, Shape> shapes = new HashMap<>();
        private final Set<String> producedByNodes = new HashSet<>();
        private final TreeSet<String> unknown = new TreeSet<>();

        Analysis(OnnxModel model, List<ProbeRun> runs) {
            this.model = model;
            OnnxModelFile graph = model.graph();
            for (OnnxModelFile.Initializer initializer : graph.initializers()) {
                shapes.put(initializer.name(), Shape.fixed(Math.max(1,
                        OnnxModelFile.elementBytes(initializer.dataType())), initializer.dims()));
            }
            ProbeRun base = runs.get(0);
            for (Map.Entry<String, long[]> input : base.inputShapes.entrySet()) {
                long[][] probes = new long[runs.size()][];
                for (int i = 0; i < runs.size(); i++) {
                    probes[i] = runs.get(i).inputShapes.get(input.getKey());
                }
                shapes.put(input.getKey(), Shape.fit(base.inputElementBytes.get(input.getKey()), probes));
            }
            for (OnnxModelFile.Node node : graph.nodes()) {
                if (node.constant() != null && !node.outputs().isEmpty()) {
                    OnnxModelFile.Initializer value = node.constant();
                    shapes.put(node.outputs().get(0),
                            Shape.fixed(Math.max(1, OnnxModelFile.elementBytes(value.dataType())), value.dims()));
                }
                List<long[]> baseShapes = base.outputShapes.get(node.name());
                if (baseShapes == null) {
                    continue;
                }
                int produced = 0;
                for (String output : node.outputs()) {
                    if (output.isEmpty()) {
                        continue;
                    }
                    if (produced >= baseShapes.size()) {
                        break;
                    }
                    long[][] probes = new long[runs.size()][];
                    for (int i = 0; i < runs.size(); i++) {
                        List<long[]> shapesOfRun = runs.get(i).outputShapes.get(node.name());
                        probes[i] = shapesOfRun != null && shapesOfRun.size() > produced ? shapesOfRun.get(produced)
                                : null;
                    }
                    shapes.put(output, Shape.fit(base.outputElementBytes.get(node.name()).get(produced), probes));
                    producedByNodes.add(output);
                    produced++;
                }
            }
            for (OnnxModelFile.Node node : graph.nodes()) {
                if (OperatorCosts.rule(node.opType()) == null) {
                    unknown.add(node.opType());
                }
            }
        }

        private long[][] shapesOf(List<String> names, int batch, int seq, int[] elementBytes) {
            long[][] result = new long[names.size()][];
            for (int i = 0; i < names.size(); i++) {
                Shape shape = names.get(i).isEmpty() ? null : shapes.get(names.get(i));
                result[i] = shape == null ? null : shape.at(batch, seq);
                elementBytes[i] = shape == null ? 0 : shape.elementBytes;
            }
            return result;
        }

        private static double bytes(long[][] shapes, int[] elementBytes) {
            double sum = 0;
            for (int i = 0; i < shapes.length; i++) {
                sum += (double) OperatorCosts.elements(shapes[i]) * elementBytes[i];
            }
            return sum;
        }

        WorkloadProfile profile(int batch, int seq) {
            List<OperatorProfile> operators = new ArrayList<>();
            List<OnnxModelFile.Node> nodes = model.graph().nodes();
            for (int index = 0; index < nodes.size(); index++) {
                OnnxModelFile.Node node = nodes.get(index);
                int[] inBytes = new int[node.inputs().size()];
                int[] outBytes = new int[node.outputs().size()];
                long[][] inputs = shapesOf(node.inputs(), batch, seq, inBytes);
                long[][] outputs = shapesOf(node.outputs(), batch, seq, outBytes);
                OperatorCosts.Rule rule = OperatorCosts.rule(node.opType());
                double flops = 0;
                double read;
                double written;
                OperatorClass operatorClass;
                if (rule == null) {
                    operatorClass = OperatorClass.ELEMENTWISE;
                    read = bytes(inputs, inBytes);
                    written = bytes(outputs, outBytes);
                } else {
                    operatorClass = rule.operatorClass;
                    flops = OperatorCosts.flops(rule, inputs, outputs);
                    written = bytes(outputs, outBytes);
                    switch (rule.kind) {
                        case FREE:
                            read = 0;
                            written = 0;
                            break;
                        case GATHER: {
                            // Only the gathered rows are read, plus the indices.
                            double indices = inputs.length > 1 ? (double) OperatorCosts.elements(inputs[1]) * inBytes[1]
                                    : 0;
                            read = written + indices;
                            break;
                        }
                        default:
                            read = bytes(inputs, inBytes);
                    }
                }
                String name = node.name().isEmpty() ? node.opType() + "_" + index : node.name();
                operators.add(new OperatorProfile(name, node.opType(), operatorClass, flops, read, written, "cpu"));
            }
            return new WorkloadProfile(model.name(), batch, seq, operators);
        }

        long activationBytes(int batch, int seq) {
            long sum = 0;
            for (String tensor : producedByNodes) {
                Shape shape = shapes.get(tensor);
                sum += OperatorCosts.elements(shape.at(batch, seq)) * shape.elementBytes;
            }
            return sum;
        }
    }
}
