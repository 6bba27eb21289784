package org.zeusmobile.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxTensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeusmobile.core.ManualClock;
import org.zeusmobile.core.SystemClock;

/** Runs the real all-MiniLM-L6-v2 model; the model is loaded once for the class. */
class OnnxEngineTest {

    private static OnnxModel minilm;
    private static OnnxEngine engine;

    @BeforeAll
    static void open() {
        minilm = OnnxModel.load("minilm");
        engine = OnnxEngine.create(minilm, 32, 1);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot; // both are unit vectors
    }

    @Test
    void paraphrasesAreCloserThanUnrelatedSentences() {
        float[][] e = engine.embed(Arrays.asList(
                "A man is playing a guitar on stage.",
                "Someone performs music with a guitar in front of an audience.",
                "The stock market fell sharply after the interest rate decision."));
        assertThat(e[0]).hasSize(384);
        double paraphrase = cosine(e[0], e[1]);
        double unrelated = cosine(e[0], e[2]);
        assertThat(paraphrase).isGreaterThan(unrelated + 0.2);
        assertThat(paraphrase).isGreaterThan(0.5);
        assertThat(unrelated).isLessThan(0.3);
    }

    @Test
    void bgeSmallAlsoRanksTheParaphraseFirst() {
        try (OnnxEngine bge = OnnxEngine.create(OnnxModel.load("bge-small"), 32, 1)) {
            float[][] e = bge.embed(Arrays.asList(
                    "How do I reset my password?",
                    "What are the steps to change a forgotten password?",
                    "Penguins live in large colonies on the Antarctic coast."));
            assertThat(e[0]).hasSize(384);
            assertThat(cosine(e[0], e[1])).isGreaterThan(cosine(e[0], e[2]) + 0.1);
        }
    }

    @Test
    void embeddingsAreUnitLengthAndDeterministic() {
        float[][] first = engine.embed(Arrays.asList("The phone lowers its GPU clock."));
        float[][] second = engine.embed(Arrays.asList("The phone lowers its GPU clock."));
        assertThat(cosine(first[0], first[0])).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(second[0]).containsExactly(first[0]);
    }

    @Test
    void inputsAreTokenizedCorpusSentencesOfTheBatchAndSequenceLength() throws Exception {
        Map<String, OnnxTensor> inputs = engine.inputs(2);
        assertThat(inputs.keySet()).containsExactlyInAnyOrder("input_ids", "attention_mask", "token_type_ids");
        OnnxTensor ids = inputs.get("input_ids");
        assertThat(ids.getInfo().getShape()).containsExactly(2, 32);
        long[][] values = (long[][]) ids.getValue();
        assertThat(values[0]).containsExactly(minilm.tokenizer().encode(Corpus.sentences().get(0), 32).inputIds());
        assertThat(values[1]).containsExactly(minilm.tokenizer().encode(Corpus.sentences().get(1), 32).inputIds());
        assertThat(engine.inputs(2)).isSameAs(inputs);
    }

    @Test
    void runsBatchesAndCachesOneSessionPerThreadCount() {
        AtomicInteger threads = new AtomicInteger(1);
        try (OnnxEngine switching = new OnnxEngine(minilm, 16, threads::get, SystemClock.INSTANCE, 1)) {
            switching.runBatch(1);
            switching.runBatch(4);
            threads.set(2);
            switching.runBatch(1);
            threads.set(1);
            switching.runBatch(2);
            assertThat(switching.cachedThreadCounts()).containsExactlyInAnyOrder(1, 2);
            switching.setInputSize(8);
            assertThat(switching.inputs(1).get("input_ids").getInfo().getShape()).containsExactly(1, 8);
            switching.runBatch(1);
        }
    }

    @Test
    void engineForTheHostPreparesTheAppliedConfigurationBeforeItIsTimed() {
        try (HostDevice host = HostDevice.open(java.util.Collections.emptyList());
                OnnxEngine onHost = OnnxEngine.forDevice(minilm, 8, host)) {
            assertThat(onHost.cachedThreadCounts()).isEmpty();
            host.apply(org.zeusmobile.core.device.Configuration.governed().with("threads", 1).with("batch", 2));
            assertThat(onHost.cachedThreadCounts()).containsExactly(1);
            assertThat(onHost.inputs(2).get("input_ids").getInfo().getShape()).containsExactly(2, 8);
            onHost.runBatch(host.batch());
            host.restore();
            assertThat(onHost.cachedThreadCounts()).containsExactlyInAnyOrder(1, 0);
        }
    }

    @Test
    void idleUntilWaitsOnTheEnginesClock() {
        ManualClock clock = new ManualClock(1_000L);
        try (OnnxEngine onClock = new OnnxEngine(minilm, 16, () -> 1, clock, 1)) {
            onClock.idleUntil(31_000_000L);
            assertThat(clock.nanoTime()).isEqualTo(31_000_000L);
            onClock.idleUntil(5L);
            assertThat(clock.nanoTime()).as("a time already past returns at once, the clock untouched")
                    .isEqualTo(31_000_000L);
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> engine.runBatch(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch size");
        assertThatThrownBy(() -> engine.setInputSize(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sequence length of 2 to");
        assertThatThrownBy(() -> OnnxEngine.create(minilm, 16, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threads");
    }

    @Test
    void closedEngineRefusesToRun() {
        OnnxEngine closed = OnnxEngine.create(minilm, 8, 1);
        closed.close();
        assertThatThrownBy(() -> closed.runBatch(1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void anyModelRunsOnSeededRandomFloatsWithTheBatchInItsSymbolicDimension(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tiny.onnx");
        Files.write(file, SmallModels.matMulThenDet(false));
        try (OnnxEngine tiny = OnnxEngine.create(OnnxModel.load(file.toString()), 1, 1)) {
            OnnxTensor x = tiny.inputs(5).get("X");
            assertThat(x.getInfo().getShape()).containsExactly(5, 4, 4);
            float[][][] values = (float[][][]) x.getValue();
            assertThat(values[0][0][0]).isNotEqualTo(values[0][0][1]);
            tiny.runBatch(5);
        }
    }

    @Test
    void plainOnnxFileRunsOnRandomInputsOfTheRightShape(@TempDir Path dir) throws Exception {
        Path copy = dir.resolve("encoder.onnx");
        Files.write(copy, minilm.bytes());
        try (OnnxEngine plain = OnnxEngine.create(OnnxModel.load(copy.toString()), 12, 1)) {
            Map<String, OnnxTensor> inputs = plain.inputs(3);
            assertThat(inputs.get("input_ids").getInfo().getShape()).containsExactly(3, 12);
            long[][] mask = (long[][]) inputs.get("attention_mask").getValue();
            assertThat(mask[2]).containsOnly(1L);
            plain.runBatch(3);
            assertThatThrownBy(() -> plain.embed(Arrays.asList("x"))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("tokenizer");
        }
    }

    @Test
    void imagesRunAtTheResolutionAskedChannelsLast(@TempDir Path dir) throws Exception {
        Path file = VisionModels.write(dir.resolve("stem.onnx"), VisionModels.resnet18StemNhwc());
        try (OnnxEngine stem = OnnxEngine.create(OnnxModel.load(file.toString()), 160, 1)) {
            assertThat(stem.inputs(2).get("image").getInfo().getShape()).containsExactly(2, 160, 160, 3);
            stem.runBatch(2);
            stem.setInputSize(96);
            assertThat(stem.inputs(1).get("image").getInfo().getShape()).containsExactly(1, 96, 96, 3);
            stem.runBatch(1);
        }
    }

    @Test
    void aModelWithoutABatchAxisRunsEachInferenceOfABatchOnItsOwn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("single.onnx");
        Files.write(file, SmallModels.fixedBatchConv());
        try (OnnxEngine single = OnnxEngine.create(OnnxModel.load(file.toString()), 32, 1)) {
            assertThat(single.inputs(4).get("image").getInfo().getShape()).containsExactly(1, 3, 32, 32);
            single.runBatch(4);
            assertThatThrownBy(() -> single.setInputSize(64)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("32 to 32 px");
        }
    }
}
