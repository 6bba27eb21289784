package org.zeusmobile.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.zeusmobile.onnx.OnnxEngine;
import org.zeusmobile.onnx.OnnxModel;

/**
 * The cost of running inference through {@link OnnxEngine} against calling ONNX Runtime directly:
 * the same session (same options: 1 intra-op thread, no spinning) and the same input tensors,
 * batch 1. The ratio engine / plain is the overhead; the target is below 1.01. Sample mode: on a
 * shared machine compare the medians (p0.50) and minima, which other processes disturb least, and
 * alternate short runs of the two methods ({@code OnnxOverheadBenchmark.plainSessionRun}, then
 * {@code OnnxOverheadBenchmark.engineRunBatch}, several times) so that changing load hits both alike.
 *
 * <p>Run: {@code java -jar zeus-bench/target/benchmarks.jar OnnxOverheadBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OnnxOverheadBenchmark {

    @Param({"minilm"})
    public String model;

    @Param({"128"})
    public int sequenceLength;

    private OnnxEngine engine;
    private OrtSession session;
    private Map<String, OnnxTensor> inputs;

    @Setup
    public void setUp() {
        engine = OnnxEngine.create(OnnxModel.load(model), sequenceLength, 1);
        session = engine.prepare(1);
        inputs = engine.inputs(1);
    }

    @TearDown
    public void tearDown() {
        engine.close();
    }

    /** ONNX Runtime alone: run and close the result. */
    @Benchmark
    public long plainSessionRun() throws OrtException {
        try (OrtSession.Result result = session.run(inputs)) {
            return result.size();
        }
    }

    /** The same run through the Engine API. */
    @Benchmark
    public void engineRunBatch() {
        engine.runBatch(1);
    }
}
