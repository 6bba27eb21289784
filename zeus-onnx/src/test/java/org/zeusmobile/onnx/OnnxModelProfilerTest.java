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
import org.zeusmobile.core.workload.InputSize;
import org.zeusmobile.core.workload.OperatorClass;
import org.zeusmobile.core.workload.OperatorProfile;
import org.zeusmobile.core.workload.WorkloadProfile;

/** Analyses the real all-MiniLM-L6-v2 model (once for the class), and small models that each make one point. */
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
     * (de)quantisation add about 1% on top; the embedding lookup is a gather (0 FLOPs).
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
        // The matrix products are the architecture's count, plus the scales, biases and activation quantisation
        // that ONNX Runtime fuses into them (MatMulIntegerToFloat, DynamicQuantizeMatMul): under 1% more.
        assertThat(matmul).isCloseTo(ARCHITECTURE_FLOPS, within(0.01 * ARCHITECTURE_FLOPS));
        assertThat(profile.totalFlops() - matmul).isBetween(0.002 * ARCHITECTURE_FLOPS, 0.05 * ARCHITECTURE_FLOPS);
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
    void theProfileIsTheGraphOnnxRuntimeRunsWithShapeOnlyNodesCostingNothing() {
        // 772 nodes in the file; ONNX Runtime 1.23.2 at EXTENDED folds constants and shape computations and
        // fuses layer norms, GELUs and the quantised MatMuls with their scales and biases.
        assertThat(profiler.nodesInFile()).isEqualTo(772);
        assertThat(profiler.nodesAfterOptimisation()).isEqualTo(162);
        WorkloadProfile profile = profiler.profile(1, 128);
        assertThat(profile.operators()).hasSize(162);
        List<OperatorProfile> free = profile.operators().stream().filter(op -> op.flops() == 0 && op.bytes() == 0)
                .collect(java.util.stream.Collectors.toList());
        assertThat(free).hasSize(profiler.zeroWorkNodes()).hasSize(29);
        // The views and the one shape chain left (Shape, Gather of its length, Unsqueeze) do no device work.
        assertThat(free).extracting(OperatorProfile::opType).containsOnly("Reshape", "Shape", "Gather", "Unsqueeze");
        assertThat(profile.operators()).extracting(OperatorProfile::opType)
                .contains("LayerNormalization", "Gelu", "DynamicQuantizeMatMul", "MatMulIntegerToFloat")
                .doesNotContain("Constant", "Erf", "Pow", "Sqrt", "ReduceMean", "MatMulInteger");
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
    void costsScaleWithBatchAndSequenceLength() {
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
        assertThat(matmul256).isCloseTo(expected, within(0.01 * expected));
        assertThat(profiler.profile(8, 128)).isSameAs(eight);
        double activations = profiler.activationBytes(1, 64);
        assertThat((double) profiler.activationBytes(2, 64)).isCloseTo(2 * activations, within(0.01 * activations));
    }

    @Test
    void sizesOutsideTheModelsBoundsAreRefusedWithTheBound() {
        InputSize size = profiler.inputSize();
        assertThat(size.kind()).isEqualTo(InputSize.Kind.TOKENS);
        assertThat(size.defaultSize()).isEqualTo(128);
        // all-MiniLM-L6-v2 has 512 position embeddings (max_position_embeddings in its config.json).
        assertThat(size.minSize()).isEqualTo(2);
        assertThat(size.maxSize()).isEqualTo(512);
        assertThatThrownBy(() -> profiler.profile(1, 100_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 to 512 tokens").hasMessageContaining("position table has 512 rows")
                .hasMessageContaining("100000");
        assertThatThrownBy(() -> profiler.profile(1, 100_000_000)).hasMessageContaining("2 to 512 tokens");
        assertThatThrownBy(() -> profiler.profile(1, 1)).hasMessageContaining("2 to 512 tokens");
        assertThatThrownBy(() -> profiler.profile(0, 128)).hasMessageContaining("batch");
        // 128 tokens hold about 42 MB of tensors per inference: a million of them would not fit anywhere.
        assertThatThrownBy(() -> profiler.profile(1_000_000, 128)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("give a batch of at most 205");
        assertThat(profiler.profile(1, 512).totalFlops()).isGreaterThan(4 * profiler.profile(1, 128).totalFlops());
    }

    @Test
    void reportHasTheCliJsonShape() throws Exception {
        Map<String, Object> report = profiler.report(1, 128);
        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(report));
        List<String> keys = new java.util.ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("model", "batch", "input", "flops", "parameter_bytes", "activation_bytes",
                "optimization", "nodes_in_file", "nodes_after_optimization", "zero_work_nodes", "operators",
                "unknown_operators");
        assertThat(json.get("model").asText()).isEqualTo("minilm");
        assertThat(json.get("batch").asInt()).isEqualTo(1);
        JsonNode input = json.get("input");
        assertThat(input.get("kind").asText()).isEqualTo("tokens");
        assertThat(input.get("size").asInt()).isEqualTo(128);
        assertThat(input.get("unit").asText()).isEqualTo("tokens");
        assertThat(input.get("description").asText()).isEqualTo("128 tokens");
        assertThat(input.get("max_size").asInt()).isEqualTo(512);
        assertThat(input.get("batch_axis").asBoolean()).isTrue();
        assertThat(input.get("shapes").get("input_ids").toString()).isEqualTo("[1,128]");
        assertThat(json.get("flops").asDouble()).isCloseTo(profiler.profile(1, 128).totalFlops(), within(1.0));
        assertThat(json.get("parameter_bytes").asLong()).isEqualTo(profiler.parameterBytes());
        assertThat(json.get("activation_bytes").asLong()).isPositive();
        assertThat(json.get("optimization").asText()).startsWith("ONNX Runtime 1.").endsWith(" EXTENDED");
        assertThat(json.get("nodes_in_file").asInt()).isEqualTo(772);
        JsonNode first = json.get("operators").get(0);
        List<String> operatorKeys = new java.util.ArrayList<>();
        first.fieldNames().forEachRemaining(operatorKeys::add);
        assertThat(operatorKeys).containsExactly("name", "op_type", "class", "flops", "bytes");
        assertThat(json.get("operators").size()).isEqualTo(json.get("nodes_after_optimization").asInt());
        assertThat(json.get("unknown_operators").isArray()).isTrue();
        assertThat(profiler.modelHash()).isEqualTo(minilm.sha256());
        assertThat(profiler.model()).isEqualTo("minilm");
    }

    private static OnnxModelProfiler small(Path dir, String name, byte[] bytes) throws Exception {
        Path file = dir.resolve(name + ".onnx");
        Files.write(file, bytes);
        return new OnnxModelProfiler(OnnxModel.load(file.toString()), dir);
    }

    @Test
    void unnamedNodesAreCountedLikeNamedOnes(@TempDir Path dir) throws Exception {
        WorkloadProfile named = small(dir, "named", SmallModels.matMulThenDet(true)).profile(3, 1);
        WorkloadProfile unnamed = small(dir, "unnamed", SmallModels.matMulThenDet(false)).profile(3, 1);
        // MatMul of [3,4,4] by [4,4]: 2 * 3*4*4 outputs * K=4, whatever the nodes are called.
        assertThat(named.operators().get(0).flops()).isEqualTo(2.0 * 3 * 4 * 4 * 4);
        assertThat(unnamed.operators().get(0).flops()).isEqualTo(2.0 * 3 * 4 * 4 * 4);
        assertThat(unnamed.operators()).extracting(OperatorProfile::name).containsExactly("MatMul_0", "Det_1");
    }

    @Test
    void unknownOperatorsAreListedWithZeroFlopsNeverDropped(@TempDir Path dir) throws Exception {
        OnnxModelProfiler tiny = small(dir, "tiny", SmallModels.matMulThenDet(true));
        WorkloadProfile profile = tiny.profile(3, 1);
        assertThat(profile.operators()).extracting(OperatorProfile::opType).containsExactly("MatMul", "Det");
        assertThat(profile.operators().get(1).flops()).isZero();
        assertThat(profile.operators().get(1).bytesRead()).isEqualTo(3 * 4 * 4 * 4.0);
        assertThat(tiny.unknownOperators()).containsExactly("Det");
        Map<String, Object> report = tiny.report(3, 1);
        assertThat(report.get("unknown_operators")).isEqualTo(java.util.Collections.singletonList("Det"));
        assertThat(report.get("parameter_bytes")).isEqualTo(64L);
    }

    @Test
    void aModelThatComesOutAtZeroFlopsIsAnErrorNamingItsOperators(@TempDir Path dir) throws Exception {
        OnnxModelProfiler onlyDet = small(dir, "det", SmallModels.onlyDet());
        assertThatThrownBy(() -> onlyDet.profile(1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 FLOPs").hasMessageContaining("[Det]");
    }

    @Test
    void anInputWhoseSizeCannotBeToldIsAnErrorSayingWhichShapeToGive(@TempDir Path dir) throws Exception {
        OnnxModelProfiler points = small(dir, "points", SmallModels.pointCloud());
        assertThatThrownBy(points::inputSize).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'num_points'").hasMessageContaining("--input points=1xNx3");
        OnnxModel given = OnnxModel.load(dir.resolve("points.onnx").toString())
                .withInputs(java.util.Collections.singletonMap("points", new long[] {1, 1024, 3}));
        WorkloadProfile profile = new OnnxModelProfiler(given, dir).profile(2, 1);
        assertThat(profile.totalFlops()).isEqualTo(2.0 * 2 * 1024 * 64 * 3);
    }

    @Test
    void audioAndTextWithoutATokenizerAreSizedInTheirOwnUnits(@TempDir Path dir) throws Exception {
        OnnxModelProfiler audio = small(dir, "audio", SmallModels.audioFrames());
        assertThat(audio.inputSize().kind()).isEqualTo(InputSize.Kind.FRAMES);
        assertThat(audio.profile(1, 3000).totalFlops()).isEqualTo(2.0 * 3000 * 80 * 256);
        OnnxModelProfiler text = small(dir, "text", SmallModels.tokenEmbedding());
        assertThat(text.inputSize().kind()).isEqualTo(InputSize.Kind.TOKENS);
        assertThat(text.profile(2, 50).totalFlops()).isEqualTo(2.0 * 2 * 50 * 64 * 64);
    }

    @Test
    void dynamicallyQuantisedConvolutionsCountTheirIntegerProductsOnOneByteTensors(@TempDir Path dir)
            throws Exception {
        WorkloadProfile profile = small(dir, "dq", SmallModels.dynamicQuantizedConv()).profile(2, 32);
        assertThat(profile.operators()).extracting(OperatorProfile::opType)
                .containsExactly("DynamicQuantizeLinear", "ConvInteger");
        OperatorProfile quantise = profile.operators().get(0);
        OperatorProfile conv = profile.operators().get(1);
        // Min, max, scale and round per input element; 2 per multiply-add of the int8 products.
        assertThat(quantise.flops()).isEqualTo(4.0 * 2 * 3 * 32 * 32);
        assertThat(conv.flops()).isEqualTo(2.0 * 2 * 8 * 30 * 30 * 27);
        // It reads uint8 activations, 216 uint8 weights and a 1-byte zero point; writes int32 sums.
        assertThat(conv.bytesRead()).isEqualTo(2 * 3 * 32 * 32 + 216 + 1);
        assertThat(conv.bytesWritten()).isEqualTo(4.0 * 2 * 8 * 30 * 30);
    }

    @Test
    void aModelWithoutABatchAxisRunsOncePerInference(@TempDir Path dir) throws Exception {
        OnnxModelProfiler single = small(dir, "single", SmallModels.fixedBatchConv());
        WorkloadProfile one = single.profile(1, 32);
        WorkloadProfile three = single.profile(3, 32);
        assertThat(three.operators()).hasSize(3 * one.operators().size());
        assertThat(three.totalFlops()).isEqualTo(3 * one.totalFlops());
        assertThat(three.operators().get(one.operators().size()).name()).endsWith("#2");
        assertThat(single.report(3, 32).get("input").toString()).contains("batch_axis=false");
        assertThatThrownBy(() -> single.profile(1, 64)).hasMessageContaining("fixed at 32x32 px");
    }

    @Test
    void bgeSmallHasTwelveLayersOfTheSameWidth() {
        // bge-small-en-v1.5: 12 layers, hidden 384, intermediate 1536 (BAAI config.json): twice MiniLM's count.
        OnnxModelProfiler bge = new OnnxModelProfiler(OnnxModel.load("bge-small"), work);
        double expected = 12 * PER_LAYER;
        assertThat(bge.profile(1, 128).totalFlops()).isCloseTo(expected, within(0.10 * expected));
        assertThat(bge.unknownOperators()).isEmpty();
        assertThat(bge.nodesInFile()).isEqualTo(1511);
        assertThat(bge.nodesAfterOptimisation()).isEqualTo(306);
        assertThat(bge.inputSize().maxSize()).isEqualTo(512);
    }

    @Test
    void aTruncatedFileFailsBeforeAnyAnalysis(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cut.onnx");
        Files.write(file, java.util.Arrays.copyOf(SmallModels.matMulThenDet(true), 40));
        assertThatThrownBy(() -> OnnxModelProfiler.of(file.toString()))
                .isInstanceOf(OnnxFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("truncated");
    }
}
