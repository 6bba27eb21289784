package org.zeusmobile.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zeusmobile.core.workload.InputSize;

/** Binding a model's inputs from their declared shapes, without running it. */
class InputShapesTest {

    private static InputShapes bind(OnnxGraph graph, Map<String, long[]> given) {
        return InputShapes.of("m", OnnxModelFile.parse("m.onnx", graph.output("out", 1).build(13)), given, false);
    }

    private static InputShapes bind(OnnxGraph graph) {
        return bind(graph, Collections.emptyMap());
    }

    private static OnnxGraph withInput(String name, int type, Object... dims) {
        OnnxGraph g = new OnnxGraph(1).input(name, type, dims);
        g.node("", "Identity", "", new String[] {name}, new String[] {"out"});
        return g;
    }

    private static Map<String, long[]> given(String name, long... dims) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put(name, dims);
        return shapes;
    }

    @Test
    void imagesChannelsFirstOrLastAreSizedByTheirHeight() {
        InputShapes nchw = bind(withInput("pixel_values", OnnxGraph.FLOAT, "batch", 3, "height", "width"));
        assertThat(nchw.inputSize().kind()).isEqualTo(InputSize.Kind.RESOLUTION);
        assertThat(nchw.inputSize().defaultSize()).isEqualTo(224);
        assertThat(nchw.shapes(4, 320).get("pixel_values")).containsExactly(4, 3, 320, 320);
        InputShapes nhwc = bind(withInput("image", OnnxGraph.UINT8, "N", "H", "W", 3));
        assertThat(nhwc.inputSize().kind()).isEqualTo(InputSize.Kind.RESOLUTION);
        assertThat(nhwc.shapes(2, 128).get("image")).containsExactly(2, 128, 128, 3);
        assertThat(nhwc.describe(1, 224)).isEqualTo("image 1x224x224x3 uint8");
    }

    @Test
    void anImageWhoseChannelCountIsOpenIsTakenAsRgbUnlessGiven() {
        // As Hugging Face's exporters declare pixel_values: every dimension open.
        InputShapes open = bind(withInput("pixel_values", OnnxGraph.FLOAT, "batch_size", "num_channels", "height",
                "width"));
        assertThat(open.inputSize().kind()).isEqualTo(InputSize.Kind.RESOLUTION);
        assertThat(open.shapes(1, 224).get("pixel_values")).containsExactly(1, 3, 224, 224);
        InputShapes gray = bind(withInput("pixel_values", OnnxGraph.FLOAT, "batch_size", "num_channels", "height",
                "width"), given("pixel_values", 1, 1, 28, 28));
        assertThat(gray.inputSize().kind()).isEqualTo(InputSize.Kind.RESOLUTION);
        assertThat(gray.shapes(2, 56).get("pixel_values")).containsExactly(2, 1, 56, 56);
    }

    @Test
    void aDeclaredResolutionIsFixedAndSaysSo() {
        InputShapes fixed = bind(withInput("input", OnnxGraph.FLOAT, "N", 3, 224, 224));
        InputSize size = fixed.inputSize();
        assertThat(size.kind()).isEqualTo(InputSize.Kind.RESOLUTION);
        assertThat(size.fixed()).isTrue();
        assertThat(size.describe(size.defaultSize())).isEqualTo("224x224 px");
        assertThat(fixed.hasBatchAxis()).isTrue();
    }

    @Test
    void tokenIdsShareTheirSequenceLengthByName() {
        OnnxGraph g = new OnnxGraph(1).input("input_ids", OnnxGraph.INT64, "batch_size", "sequence_length")
                .input("attention_mask", OnnxGraph.FLOAT, "batch_size", "sequence_length");
        g.node("", "Identity", "", new String[] {"input_ids"}, new String[] {"out"});
        InputShapes text = bind(g);
        assertThat(text.inputSize().kind()).isEqualTo(InputSize.Kind.TOKENS);
        assertThat(text.inputSize().defaultSize()).isEqualTo(128);
        // The float mask has no kind of its own: its dimensions follow input_ids' by name.
        assertThat(text.shapes(3, 64).get("attention_mask")).containsExactly(3, 64);
        assertThat(text.describe(1, 16)).isEqualTo("input_ids 1x16 int64, attention_mask 1x16 float");
    }

    @Test
    void audioIsSizedInFramesOrSamples() {
        InputShapes frames = bind(withInput("input_features", OnnxGraph.FLOAT, "batch", 80, "frames"));
        assertThat(frames.inputSize().kind()).isEqualTo(InputSize.Kind.FRAMES);
        assertThat(frames.inputSize().defaultSize()).isEqualTo(100);
        assertThat(frames.shapes(1, 3000).get("input_features")).containsExactly(1, 80, 3000);
        InputShapes samples = bind(withInput("input_values", OnnxGraph.FLOAT, "batch", "samples"));
        assertThat(samples.inputSize().kind()).isEqualTo(InputSize.Kind.SAMPLES);
        assertThat(samples.shapes(2, 16000).get("input_values")).containsExactly(2, 16000);
    }

    @Test
    void anImageBesideTextIsSizedByTheImageAndTheTextKeepsItsDefault() {
        OnnxGraph g = new OnnxGraph(1).input("pixel_values", OnnxGraph.FLOAT, "batch", 3, "h", "w")
                .input("input_ids", OnnxGraph.INT64, "batch", "sequence");
        g.node("", "Identity", "", new String[] {"pixel_values"}, new String[] {"out"});
        InputShapes both = bind(g);
        assertThat(both.inputSize().kind()).isEqualTo(InputSize.Kind.RESOLUTION);
        Map<String, long[]> shapes = both.shapes(2, 256);
        assertThat(shapes.get("pixel_values")).containsExactly(2, 3, 256, 256);
        assertThat(shapes.get("input_ids")).containsExactly(2, 128);
    }

    @Test
    void aGivenShapeSetsTheDefaultSizeAndTheAspectRatio() {
        InputShapes wide = bind(withInput("pixel_values", OnnxGraph.FLOAT, "batch", 3, "height", "width"),
                given("pixel_values", 1, 3, 240, 320));
        assertThat(wide.inputSize().defaultSize()).isEqualTo(240);
        assertThat(wide.inputSize().describe(240)).isEqualTo("240x320 px");
        assertThat(wide.shapes(1, 480).get("pixel_values")).containsExactly(1, 3, 480, 640);
    }

    @Test
    void aDimensionNothingExplainsMustBeGivenAndTheErrorSaysHow() {
        OnnxGraph points = withInput("points", OnnxGraph.FLOAT, "batch", "num_points", 3);
        assertThatThrownBy(() -> bind(points)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("input 'points'").hasMessageContaining("'num_points'")
                .hasMessageContaining("--input points=1xNx3");
        InputShapes givenPoints = bind(withInput("points", OnnxGraph.FLOAT, "batch", "num_points", 3),
                given("points", 1, 1024, 3));
        assertThat(givenPoints.inputSize().kind()).isEqualTo(InputSize.Kind.FIXED);
        assertThat(givenPoints.shapes(4, 1).get("points")).containsExactly(4, 1024, 3);
    }

    @Test
    void givenShapesThatDoNotFitAreRefusedWithTheReason() {
        OnnxGraph image = withInput("pixel_values", OnnxGraph.FLOAT, "batch", 3, "height", "width");
        assertThatThrownBy(() -> bind(image, given("pixels", 1, 3, 224, 224)))
                .hasMessageContaining("no input 'pixels'").hasMessageContaining("[pixel_values]");
        OnnxGraph image2 = withInput("pixel_values", OnnxGraph.FLOAT, "batch", 3, "height", "width");
        assertThatThrownBy(() -> bind(image2, given("pixel_values", 1, 224, 224)))
                .hasMessageContaining("has 4 dimensions");
        OnnxGraph image3 = withInput("pixel_values", OnnxGraph.FLOAT, "batch", 3, "height", "width");
        assertThatThrownBy(() -> bind(image3, given("pixel_values", 1, 1, 224, 224)))
                .hasMessageContaining("dimension 1 is fixed at 3");
        OnnxGraph image4 = withInput("pixel_values", OnnxGraph.FLOAT, "batch", 3, "height", "width");
        assertThatThrownBy(() -> bind(image4, given("pixel_values", 8, 3, 224, 224)))
                .hasMessageContaining("batch axis").hasMessageContaining("--batch");
    }

    @Test
    void withoutASymbolicFirstDimensionThereIsNoBatchAxis() {
        InputShapes single = bind(withInput("image", OnnxGraph.FLOAT, 1, 3, 32, 32));
        assertThat(single.hasBatchAxis()).isFalse();
        assertThat(single.shapes(8, 32).get("image")).containsExactly(1, 3, 32, 32);
    }

    @Test
    void shapesParseFromTheCommandLine() {
        assertThat(InputShapes.parseShape("1x3x224x224")).containsExactly(1, 3, 224, 224);
        assertThat(InputShapes.parseShape("1,128")).containsExactly(1, 128);
        assertThatThrownBy(() -> InputShapes.parseShape("1x3xHx224")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1x3xHx224").hasMessageContaining("e.g. 1x3x224x224");
        assertThatThrownBy(() -> InputShapes.parseShape("1x0")).isInstanceOf(IllegalArgumentException.class);
    }
}
