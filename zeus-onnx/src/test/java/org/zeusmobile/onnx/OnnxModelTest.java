package org.zeusmobile.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxModelTest {

    private static OnnxModel minilm;

    @BeforeAll
    static void load() {
        minilm = OnnxModel.load("minilm");
    }

    @Test
    void builtInMiniLmComesFromTheJarWithItsTokenizer() {
        assertThat(minilm.name()).isEqualTo("minilm");
        assertThat(minilm.source()).isEqualTo("classpath:all-minilm-l6-v2-q.onnx");
        assertThat(minilm.hasTokenizer()).isTrue();
        assertThat(minilm.tokenizer().vocabularySize()).isEqualTo(30522);
        // all-MiniLM-L6-v2 has 22.7M parameters (sentence-transformers model card); int8 weights.
        assertThat(minilm.graph().parameterCount()).isBetween(22_000_000L, 23_500_000L);
        assertThat(minilm.sha256()).hasSize(64);
    }

    @Test
    void builtInBgeSmallLoadsToo() {
        OnnxModel bge = OnnxModel.load("BGE-small");
        assertThat(bge.name()).isEqualTo("bge-small");
        assertThat(bge.hasTokenizer()).isTrue();
        // bge-small-en-v1.5: 33.4M parameters (BAAI model card), 12 layers: twice MiniLM's nodes.
        assertThat(bge.graph().parameterCount()).isBetween(32_500_000L, 34_000_000L);
        assertThat(bge.graph().nodes().size()).isGreaterThan(minilm.graph().nodes().size() * 3 / 2);
        assertThat(bge.sha256()).isNotEqualTo(minilm.sha256());
    }

    @Test
    void anyOtherNameIsAPathToAnOnnxFile(@TempDir Path dir) throws IOException {
        Path copy = dir.resolve("my-encoder.onnx");
        Files.write(copy, minilm.bytes());
        OnnxModel model = OnnxModel.load(copy.toString());
        assertThat(model.name()).isEqualTo("my-encoder");
        assertThat(model.hasTokenizer()).isFalse();
        assertThat(model.sha256()).isEqualTo(minilm.sha256());
    }

    @Test
    void missingFileIsNamedInTheError(@TempDir Path dir) {
        Path missing = dir.resolve("nope.onnx");
        assertThatThrownBy(() -> OnnxModel.load(missing.toString()))
                .isInstanceOf(OnnxFormatException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist")
                .hasMessageContaining("minilm");
    }

    @Test
    void truncatedFileIsNamedInTheError(@TempDir Path dir) throws IOException {
        Path truncated = dir.resolve("half.onnx");
        Files.write(truncated, Arrays.copyOf(minilm.bytes(), minilm.bytes().length / 2));
        assertThatThrownBy(() -> OnnxModel.load(truncated.toString()))
                .isInstanceOf(OnnxFormatException.class)
                .hasMessageContaining(truncated.toString())
                .hasMessageContaining("truncated");
    }

    @Test
    void textFileIsNotAModel(@TempDir Path dir) throws IOException {
        Path text = dir.resolve("notes.onnx");
        Files.write(text, "these are my notes, not a neural network\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> OnnxModel.load(text.toString()))
                .isInstanceOf(OnnxFormatException.class)
                .hasMessageContaining(text.toString())
                .hasMessageContaining("not an ONNX model");
    }

    @Test
    void randomBytesAreNotAModel(@TempDir Path dir) throws IOException {
        byte[] noise = new byte[4096];
        new java.util.Random(7).nextBytes(noise);
        Path file = dir.resolve("noise.onnx");
        Files.write(file, noise);
        assertThatThrownBy(() -> OnnxModel.load(file.toString()))
                .isInstanceOf(OnnxFormatException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void emptyFileIsNotAModel(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("empty.onnx");
        Files.write(file, new byte[0]);
        assertThatThrownBy(() -> OnnxModel.load(file.toString()))
                .isInstanceOf(OnnxFormatException.class)
                .hasMessageContaining("not an ONNX model");
    }

    @Test
    void weightsKeptInAnExternalFileBesideTheModelAreReadIn(@TempDir Path dir) throws IOException {
        Path file = SmallModels.externalWeights(dir);
        assertThat(OnnxModelFile.parse("raw", Files.readAllBytes(file)).hasExternalData()).isTrue();
        OnnxModel model = OnnxModel.load(file.toString());
        assertThat(model.graph().hasExternalData()).isFalse();
        assertThat(model.graph().initializers().get(0).storedBytes()).isEqualTo(64 * 64 * 4);
        assertThat(new OnnxModelProfiler(model, dir).profile(2, 1).totalFlops()).isEqualTo(2.0 * 2 * 64 * 64);
        try (OnnxEngine engine = OnnxEngine.create(model, 1, 1)) {
            engine.runBatch(2);
        }
        Files.delete(dir.resolve("weights.bin"));
        assertThatThrownBy(() -> OnnxModel.load(file.toString())).isInstanceOf(OnnxFormatException.class)
                .hasMessageContaining("weights.bin").hasMessageContaining("missing");
    }
}
