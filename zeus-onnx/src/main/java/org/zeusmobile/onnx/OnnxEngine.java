package org.zeusmobile.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import org.zeusmobile.core.Clock;
import org.zeusmobile.core.SystemClock;
import org.zeusmobile.core.workload.Engine;

/**
 * Runs a model for real through ONNX Runtime. Batch size and intra-op threads are knobs: one
 * session is cached per thread count, the inputs of each batch size are built once (outside
 * any timed region) and reused, and every (threads, batch) pair is warmed up before its first
 * counted run. Spinning of ONNX Runtime's worker threads is off
 * ({@code session.intra_op.allow_spinning = 0}): spinning burns CPU after each run and distorts
 * energy measurements.
 *
 * <p>Not thread-safe: one controller drives it.
 */
public final class OnnxEngine implements Engine {

    /** Default number of warm-up runs per (threads, batch) pair. */
    public static final int DEFAULT_WARMUP_RUNS = 3;

    private final OnnxModel model;
    private final IntSupplier threads;
    private final Clock clock;
    private final int warmupRuns;
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final Map<Integer, OrtSession> sessions = new HashMap<>();
    private final Map<Integer, Map<String, OnnxTensor>> inputs = new HashMap<>();
    private final Set<Long> warm = new HashSet<>();
    private final Set<Integer> batchSizes = new java.util.TreeSet<>();
    private final InputShapes shapes;
    private int inputSize;
    private boolean closed;
    private Runnable detach = () -> { };
    private int lastThreads = -1;
    private int lastBatch = -1;
    private OrtSession lastSession;
    private Map<String, OnnxTensor> lastInputs;

    /**
     * @param threads the intra-op thread count to use for each batch, read before every run; 0 means
     *     ONNX Runtime's default (one per physical core). {@link HostDevice#threadsSupplier()} gives the host's knob.
     * @param inputSize in the model's unit ({@link InputShapes#inputSize()}: tokens, pixels of height...)
     * @param clock the time base of {@link #idleUntil} (wall time: {@link SystemClock#INSTANCE})
     */
    public OnnxEngine(OnnxModel model, int inputSize, IntSupplier threads, Clock clock, int warmupRuns) {
        if (warmupRuns < 1) {
            throw new IllegalArgumentException("warm-up runs must be >= 1, got " + warmupRuns);
        }
        this.model = model;
        this.shapes = model.inputShapes();
        this.threads = threads;
        this.clock = clock;
        this.warmupRuns = warmupRuns;
        setInputSize(inputSize);
    }

    /** An engine with a fixed thread count (0 = ONNX Runtime's default), wall-clock time and 3 warm-up runs. */
    public static OnnxEngine create(OnnxModel model, int inputSize, int threads) {
        requireThreads(threads);
        return new OnnxEngine(model, inputSize, () -> threads, SystemClock.INSTANCE, DEFAULT_WARMUP_RUNS);
    }

    /**
     * An engine whose thread count follows {@code device}'s {@code threads} knob. Each
     * {@link HostDevice#apply} prepares (opens, fills and warms up) the session of the new thread
     * count and the device's batch size at once, so that the next timed batch pays no setup.
     */
    public static OnnxEngine forDevice(OnnxModel model, int inputSize, HostDevice device) {
        final OnnxEngine engine = new OnnxEngine(model, inputSize, device.threadsSupplier(), device.clock(),
                DEFAULT_WARMUP_RUNS);
        final Runnable listener = () -> {
            if (!engine.closed) {
                engine.prepare(device.batch());
            }
        };
        device.addApplyListener(listener);
        engine.detach = () -> device.removeApplyListener(listener);
        return engine;
    }

    private static void requireThreads(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0 = ONNX Runtime's default), got " + threads);
        }
    }

    @Override
    public String model() {
        return model.name();
    }

    public OnnxModel onnxModel() {
        return model;
    }

    /** The input size in the model's unit (tokens, pixels of height...). */
    public int inputSize() {
        return inputSize;
    }

    /** Runs one batch: one run of the model, or one run per inference when its inputs have no batch axis. */
    @Override
    public void runBatch(int batchSize) {
        // Fast path: the same threads and batch as the previous run need no lookup.
        if (batchSize != lastBatch || threads.getAsInt() != lastThreads || lastSession == null) {
            prepare(batchSize);
        }
        int runs = shapes.hasBatchAxis() ? 1 : batchSize;
        for (int i = 0; i < runs; i++) {
            run(lastSession, lastInputs);
        }
    }

    /**
     * Creates (or finds) the session for the current thread count and the inputs for
     * {@code batchSize}, and warms them up. Call it before timing to keep setup out of the window;
     * {@link #runBatch} calls it too. Returns the session it will run.
     */
    public OrtSession prepare(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        requireOpen();
        int threadCount = threads.getAsInt();
        OrtSession session = session(threadCount);
        Map<String, OnnxTensor> batchInputs = inputs(session, batchSize);
        long key = ((long) threadCount << 32) | batchSize;
        if (warm.add(key)) {
            batchSizes.add(batchSize);
            for (int i = 0; i < warmupRuns; i++) {
                run(session, batchInputs);
            }
        }
        lastThreads = threadCount;
        lastBatch = batchSize;
        lastSession = session;
        lastInputs = batchInputs;
        return session;
    }

    /** The input tensors this engine feeds at {@code batchSize} (built on first use; owned by the engine). */
    public Map<String, OnnxTensor> inputs(int batchSize) {
        return inputs(session(threads.getAsInt()), batchSize);
    }

    /** Sets the input size in the model's unit (tokens, pixels of height...; see {@link InputShapes#inputSize()}). */
    @Override
    public void setInputSize(int size) {
        org.zeusmobile.core.workload.InputSize bounds = shapes.inputSize();
        if (size < bounds.minSize() || size > bounds.maxSize()) {
            throw new IllegalArgumentException(model.name() + " takes a " + bounds.kind().quantity() + " of "
                    + bounds.minSize() + " to " + bounds.maxSize() + " " + bounds.kind().unit() + ", got " + size);
        }
        if (size == inputSize) {
            return;
        }
        for (Map<String, OnnxTensor> tensors : inputs.values()) {
            ModelInputs.close(tensors);
        }
        inputs.clear();
        warm.clear();
        lastSession = null;
        lastInputs = null;
        inputSize = size;
        // Rebuild and warm up what was in use, so that the next timed batch pays no setup.
        if (!closed) {
            for (int batchSize : new ArrayList<>(batchSizes)) {
                prepare(batchSize);
            }
        }
    }

    @Override
    public void idleUntil(long clockNs) {
        clock.sleepUntil(clockNs);
    }

    /**
     * Sentence embeddings of {@code sentences}: the model's first output (token vectors), mean-pooled
     * over the attention mask and normalised to unit length. Needs a model with a tokenizer.
     */
    public float[][] embed(List<String> sentences) {
        if (!model.hasTokenizer()) {
            throw new IllegalStateException("model " + model.name() + " has no tokenizer: embed() needs a text model "
                    + "(minilm or bge-small)");
        }
        requireOpen();
        OrtSession session = session(threads.getAsInt());
        Map<String, OnnxTensor> tensors = new HashMap<>();
        try {
            tensors = ModelInputs.build(env, model, session.getInputInfo(), shapes.shapes(sentences.size(), inputSize),
                    sentences, 0);
            try (OrtSession.Result result = session.run(tensors)) {
                OnnxValue first = result.get(0);
                float[][][] tokens = (float[][][]) first.getValue();
                float[][] embeddings = new float[sentences.size()][];
                for (int i = 0; i < sentences.size(); i++) {
                    long[] mask = model.tokenizer().encode(sentences.get(i), inputSize).attentionMask();
                    embeddings[i] = meanPoolNormalised(tokens[i], mask);
                }
                return embeddings;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed to run " + model.name() + ": " + e.getMessage(), e);
        } finally {
            ModelInputs.close(tensors);
        }
    }

    static float[] meanPoolNormalised(float[][] tokens, long[] mask) {
        int width = tokens[0].length;
        double[] sum = new double[width];
        int count = 0;
        for (int t = 0; t < tokens.length; t++) {
            if (mask[t] != 0) {
                count++;
                for (int j = 0; j < width; j++) {
                    sum[j] += tokens[t][j];
                }
            }
        }
        double norm = 0;
        for (int j = 0; j < width; j++) {
            sum[j] /= Math.max(1, count);
            norm += sum[j] * sum[j];
        }
        norm = Math.sqrt(norm);
        float[] out = new float[width];
        for (int j = 0; j < width; j++) {
            out[j] = (float) (sum[j] / (norm > 0 ? norm : 1));
        }
        return out;
    }

    /** Session options for measuring: the given intra-op threads (0 = default) and no spinning. */
    public static OrtSession.SessionOptions sessionOptions(int threadCount) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            if (threadCount > 0) {
                options.setIntraOpNumThreads(threadCount);
            }
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.addConfigEntry("session.inter_op.allow_spinning", "0");
            return options;
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw e;
        }
    }

    /** Opens a session for {@code model} with {@link #sessionOptions}; the caller closes it. */
    public static OrtSession openSession(OnnxModel model, int threadCount) {
        try (OrtSession.SessionOptions options = sessionOptions(threadCount)) {
            return OrtEnvironment.getEnvironment().createSession(model.bytes(), options);
        } catch (OrtException e) {
            throw new OnnxFormatException("ONNX Runtime cannot load " + model.source() + ": " + e.getMessage()
                    + " (check that the file is a complete, valid .onnx model)", e);
        }
    }

    private OrtSession session(int threadCount) {
        requireThreads(threadCount);
        OrtSession session = sessions.get(threadCount);
        if (session == null) {
            session = openSession(model, threadCount);
            sessions.put(threadCount, session);
        }
        return session;
    }

    private Map<String, OnnxTensor> inputs(OrtSession session, int batchSize) {
        Map<String, OnnxTensor> tensors = inputs.get(batchSize);
        if (tensors == null) {
            try {
                Map<String, NodeInfo> info = session.getInputInfo();
                int perRun = shapes.hasBatchAxis() ? batchSize : 1;
                tensors = ModelInputs.build(env, model, info, shapes.shapes(perRun, inputSize), Corpus.sentences(),
                        batchSize);
            } catch (OrtException e) {
                throw new IllegalStateException("cannot build inputs of " + model.name() + " at batch " + batchSize
                        + ", " + shapes.describe(batchSize, inputSize) + ": " + e.getMessage(), e);
            }
            inputs.put(batchSize, tensors);
        }
        return tensors;
    }

    private void run(OrtSession session, Map<String, OnnxTensor> batchInputs) {
        try (OrtSession.Result result = session.run(batchInputs)) {
            if (result.size() == 0) {
                throw new IllegalStateException("model " + model.name() + " produced no output");
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed to run " + model.name() + ": " + e.getMessage(), e);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("engine for " + model.name() + " is closed");
        }
    }

    /** The thread counts that have a cached session (for tests and reports). */
    public List<Integer> cachedThreadCounts() {
        return new ArrayList<>(sessions.keySet());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        detach.run();
        lastSession = null;
        lastInputs = null;
        for (Map<String, OnnxTensor> tensors : inputs.values()) {
            ModelInputs.close(tensors);
        }
        inputs.clear();
        for (OrtSession session : sessions.values()) {
            try {
                session.close();
            } catch (OrtException e) {
                // Closing releases native memory; a failure here leaves nothing for the caller to do.
            }
        }
        sessions.clear();
    }
}
