package org.zeusmobile.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeusmobile.core.workload.OperatorClass;
import org.zeusmobile.core.workload.OperatorProfile;
import org.zeusmobile.core.workload.WorkloadProfile;

/** Analyses the real all-MiniLM-L6-v2 model (probed once for the class). */
class OnnxModelProfilerTest {

    @TempDir
    static Path work;

    private static OnnxModel minilm;
    private static OnnxModelProfiler profiler;

    @BeforeAll
    static void analyse() {
        minilm = OnnxModel.load("minilm");
        profiler = new OnnxModelProfiler(minilm, work);
    }

    /**
     * Independent count from the architecture of all-MiniLM-L6-v2 (6 layers, hidden H = 384,
     * 12 heads, intermediate I = 1536), batch 1, sequence S = 128, multiply-add = 2 FLOPs:
     * per layer
     *   Q, K, V projections   3 * 2*S*H*H = 113,246,208
     *   scores Q K^T          2*S*S*H     =  12,582,912
     *   context P V           2*S*S*H     =  12,582,912
     *   output projection     2*S*H*H     =  37,748,736
     *   FFN up and down       2 * 2*S*H*I = 301,989,888
     *   total                             = 478,150,656
     * times 6 layers = 2,868,903,936 FLOPs. LayerNorm, softmax, GELU, biases and the int8
     * (de)quantisation add about 2% on top; the embedding lookup is a gather (0 FLOPs).
     */
    private static final double S = 128;
    private static final double H = 384;
    private static final double I = 1536;
    private static final double PER_LAYER = 3 * 2 * S * H * H + 2 * (2 * S * S * H) + 2 * S * H * H + 2 * (2 * S * H * I);
    private static final double ARCHITECTURE_FLOPS = 6 * PER_LAYER;

    @Test
    void miniLmFlopsMatchTheArchitectureCount() {
        assertThat(PER_LAYER).isEqualTo(478_150_656.0);
        assertThat(ARCHITECTURE_FLOPS).isEqualTo(2_868_903_936.0);
        WorkloadProfile profile = profiler.profile(1, 128);
        assertThat(profile.totalFlops()).isCloseTo(ARCHITECTURE_FLOPS, within(0.10 * ARCHITECTURE_FLOPS));
        double matmul = 0;
        for (OperatorProfile op : profile.operators()) {
            if (op.operatorClass() == OperatorClass.MATMUL_CONV) {
                matmul += op.flops();
            }
        }
        // The matrix products alone are the architecture's count: 36 int8 MatMulInteger + 12 float MatMul.
        assertThat(matmul).isCloseTo(ARCHITECTURE_FLOPS, within(0.005 * ARCHITECTURE_FLOPS));
        assertThat(profile.totalFlops() - matmul).isBetween(0.005 * ARCHITECTURE_FLOPS, 0.05 * ARCHITECTURE_FLOPS);
    }

    @Test
    void parameterBytesMatchTheInitializersStoredInTheFile() {
        long stored = 0;
        for (OnnxModelFile.Initializer initializer : minilm.graph().initializers()) {
            stored += initializer.storedBytes();
        }
        assertThat((double) profiler.parameterBytes()).isCloseTo(stored, within(0.05 * stored));
        // The weights are nearly the whole file: 22.7M int8 parameters in a 23 MB file.
        assertThat((double) profiler.parameterBytes()).isCloseTo(minilm.sizeBytes(), within(0.05 * minilm.sizeBytes()));
    }

    @Test
    void everyNodeOfTheFileIsAnOperatorInOrderAndMiniLmHasNoUnknownOnes() {
        WorkloadProfile profile = profiler.profile(1, 128);
        assertThat(profile.operators()).hasSize(minilm.graph().nodes().size());
        assertThat(profile.operators().get(0).name()).isEqualTo(minilm.graph().nodes().get(0).name());
        assertThat(profiler.unknownOperators()).isEmpty();
        long softmax = profile.operators().stream().filter(op -> op.operatorClass() == OperatorClass.SOFTMAX).count();
        assertThat(softmax).isEqualTo(6);
        OperatorProfile embedding = profile.operators().stream()
                .filter(op -> op.name().equals("/embeddings/word_embeddings/Gather")).findFirst().get();
        assertThat(embedding.operatorClass()).isEqualTo(OperatorClass.GATHER);
        assertThat(embedding.flops()).isZero();
        // It reads only the 128 gathered int8 rows of the 30522 x 384 table, plus 128 int64 token ids.
        assertThat(embedding.bytesWritten()).isEqualTo(S * H);
        assertThat(embedding.bytesRead()).isEqualTo(S * H + S * 8);
    }

    @Test
    void costsScaleWithBatchAndSequenceLengthWithoutRunningAgain() {
        WorkloadProfile one = profiler.profile(1, 128);
        WorkloadProfile eight = profiler.profile(8, 128);
        // Everything but a few per-weight scale products scales with the batch.
        assertThat(eight.totalFlops()).isCloseTo(8 * one.totalFlops(), within(1e-3 * eight.totalFlops()));
        // Doubling S doubles the projections and FFN and quadruples the attention products.
        double linear = 6 * (3 * 2 * S * H * H + 2 * S * H * H + 2 * (2 * S * H * I));
        double attention = 6 * 2 * (2 * S * S * H);
        double expected = 2 * linear + 4 * attention;
        double matmul256 = profiler.profile(1, 256).operators().stream()
                .filter(op -> op.operatorClass() == OperatorClass.MATMUL_CONV).mapToDouble(OperatorProfile::flops).sum();
        assertThat(matmul256).isCloseTo(expected, within(0.005 * expected));
        assertThat(profiler.profile(8, 128)).isSameAs(eight);
        double activations = profiler.activationBytes(1, 64);
        assertThat((double) profiler.activationBytes(2, 64)).isCloseTo(2 * activations, within(0.01 * activations));
    }

    @Test
    void reportHasTheCliJsonShape() throws Exception {
        Map<String, Object> report = profiler.report(1, 128);
        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(report));
        List<String> keys = new java.util.ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("model", "batch", "seq", "flops", "parameter_bytes", "activation_bytes",
                "operators", "unknown_operators");
        assertThat(json.get("model").asText()).isEqualTo("minilm");
        assertThat(json.get("batch").asInt()).isEqualTo(1);
        assertThat(json.get("seq").asInt()).isEqualTo(128);
        assertThat(json.get("flops").asDouble()).isCloseTo(profiler.profile(1, 128).totalFlops(), within(1.0));
        assertThat(json.get("parameter_bytes").asLong()).isEqualTo(profiler.parameterBytes());
        assertThat(json.get("activation_bytes").asLong()).isPositive();
        JsonNode first = json.get("operators").get(0);
        List<String> operatorKeys = new java.util.ArrayList<>();
        first.fieldNames().forEachRemaining(operatorKeys::add);
        assertThat(operatorKeys).containsExactly("name", "op_type", "class", "flops", "bytes");
        assertThat(json.get("operators").size()).isEqualTo(minilm.graph().nodes().size());
        assertThat(json.get("unknown_operators").isArray()).isTrue();
        assertThat(profiler.modelHash()).isEqualTo(minilm.sha256());
        assertThat(profiler.model()).isEqualTo("minilm");
    }

    @Test
    void unknownOperatorsAreListedWithZeroFlopsNeverDropped(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tiny.onnx");
        Files.write(file, TinyOnnx.matMulThenDet());
        OnnxModelProfiler tiny = new OnnxModelProfiler(OnnxModel.load(file.toString()), dir);
        WorkloadProfile profile = tiny.profile(3, 16);
        assertThat(profile.operators()).extracting(OperatorProfile::opType).containsExactly("MatMul", "Det");
        // MatMul of [3,4,4] by [4,4]: 2 * 3*4*4 outputs * K=4.
        assertThat(profile.operators().get(0).flops()).isEqualTo(2.0 * 3 * 4 * 4 * 4);
        assertThat(profile.operators().get(1).flops()).isZero();
        assertThat(profile.operators().get(1).bytesRead()).isEqualTo(3 * 4 * 4 * 4.0);
        assertThat(tiny.unknownOperators()).containsExactly("Det");
        Map<String, Object> report = tiny.report(3, 16);
        assertThat(report.get("unknown_operators")).isEqualTo(java.util.Collections.singletonList("Det"));
        assertThat(report.get("parameter_bytes")).isEqualTo(64L);
    }

    @Test
    void dimensionsFitPowersOfBatchAndSequenceOrAnAffineFallback() {
        // Probes at (1,16), (2,16), (1,32).
        assertThat(new OnnxModelProfiler.Dim(384, 384, 384).at(7, 100)).isEqualTo(384);
        assertThat(new OnnxModelProfiler.Dim(1, 2, 1).at(7, 100)).isEqualTo(7);
        assertThat(new OnnxModelProfiler.Dim(16, 32, 32).at(7, 100)).isEqualTo(700);
        assertThat(new OnnxModelProfiler.Dim(256, 256, 1024).at(1, 100)).isEqualTo(10_000);
        assertThat(new OnnxModelProfiler.Dim(17, 17, 33).at(1, 100)).isEqualTo(101);
    }

    @Test
    void bgeSmallHasTwelveLayersOfTheSameWidth() {
        // bge-small-en-v1.5: 12 layers, hidden 384, intermediate 1536 (BAAI config.json): twice MiniLM's count.
        OnnxModelProfiler bge = new OnnxModelProfiler(OnnxModel.load("bge-small"), work);
        double expected = 12 * PER_LAYER;
        assertThat(bge.profile(1, 128).totalFlops()).isCloseTo(expected, within(0.10 * expected));
        assertThat(bge.unknownOperators()).isEmpty();
    }

    @Test
    void aTruncatedFileFailsBeforeAnyAnalysis(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cut.onnx");
        Files.write(file, java.util.Arrays.copyOf(TinyOnnx.matMulThenDet(), 40));
        assertThatThrownBy(() -> OnnxModelProfiler.of(file.toString()))
                .isInstanceOf(OnnxFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("truncated");
    }

    @Test
    void rejectsBadSizes() {
        assertThatThrownBy(() -> profiler.profile(0, 128)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch");
        assertThatThrownBy(() -> profiler.profile(1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sequence length");
    }
}
