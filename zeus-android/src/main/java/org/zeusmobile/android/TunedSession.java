package org.zeusmobile.android;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.Collections;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Knob;

/**
 * An ONNX Runtime session that follows the {@code threads} and {@code execution_provider} knobs:
 * both are fixed when a session is created, so a change rebuilds the session (and closes the old one).
 * Use it from the inference thread: {@code optimizer.run(s -> tuned.session(s.configuration()).run(inputs))}.
 */
public final class TunedSession implements AutoCloseable {

    /** ONNX Runtime's session option that stops idle worker threads spinning (DESIGN.md section 6). */
    static final String ALLOW_SPINNING = "session.intra_op.allow_spinning";

    private final OrtEnvironment environment;
    private final byte[] model;
    private OrtSession session;
    private long threads = -1;
    private ExecutionProvider provider;

    public TunedSession(OrtEnvironment environment, byte[] model) {
        if (model == null || model.length == 0) {
            throw new IllegalArgumentException("the ONNX model is empty; pass the bytes of an .onnx file");
        }
        this.environment = environment;
        this.model = model.clone();
    }

    /** The session for {@code configuration}, rebuilt only when its threads or provider changed. */
    public synchronized OrtSession session(Configuration configuration) throws OrtException {
        long wantThreads = configuration.get(Knob.THREADS, 0L);
        ExecutionProvider wantProvider = ExecutionProvider.ofCode(
                configuration.get(AndroidDevice.EXECUTION_PROVIDER, ExecutionProvider.CPU.code()));
        if (session == null || wantThreads != threads || wantProvider != provider) {
            OrtSession fresh;
            try (OrtSession.SessionOptions options = options((int) wantThreads, wantProvider)) {
                fresh = environment.createSession(model, options);
            }
            if (session != null) {
                session.close();
            }
            session = fresh;
            threads = wantThreads;
            provider = wantProvider;
        }
        return session;
    }

    /**
     * Session options for {@code threads} intra-op threads (0: ONNX Runtime's default) on {@code provider}.
     * XNNPACK runs its own thread pool, so ONNX Runtime's is set to one thread and XNNPACK's to {@code threads}
     * (ONNX Runtime's XNNPACK documentation recommends this split).
     */
    public static OrtSession.SessionOptions options(int threads, ExecutionProvider provider) throws OrtException {
        if (threads < 0) {
            throw new IllegalArgumentException("intra-op threads must be 0 (default) or more, got " + threads);
        }
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.addConfigEntry(ALLOW_SPINNING, "0");
            switch (provider) {
                case NNAPI:
                    options.setIntraOpNumThreads(threads);
                    options.addNnapi();
                    break;
                case XNNPACK:
                    options.setIntraOpNumThreads(1);
                    options.addXnnpack(Collections.singletonMap("intra_op_num_threads", Integer.toString(threads)));
                    break;
                default:
                    options.setIntraOpNumThreads(threads);
                    break;
            }
            return options;
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw e;
        }
    }

    @Override
    public synchronized void close() throws OrtException {
        if (session != null) {
            session.close();
            session = null;
        }
    }
}
