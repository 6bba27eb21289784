package org.zeusmobile.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeusmobile.core.workload.InputSize;
import org.zeusmobile.core.workload.OperatorClass;
import org.zeusmobile.core.workload.OperatorProfile;
import org.zeusmobile.core.workload.WorkloadProfile;

/**
 * ResNet-18, MobileNetV2 and EfficientNet-B0 written without node names and with a symbolic batch
 * (see {@link VisionModels}), analysed against their papers' multiply-add counts: FLOPs = 2 x MACs.
 */
class VisionArchitecturesTest {

    @TempDir
    static Path dir;

    private static OnnxModelProfiler analyse(String name, byte[] bytes) {
        OnnxModel model = OnnxModel.load(VisionModels.write(dir.resolve(name + ".onnx"), bytes).toString());
        assertThat(model.graph().nodes()).allSatisfy(node -> assertThat(node.name()).isEmpty());
        return new OnnxModelProfiler(model, dir);
    }

    private static void assertTwicePaperMultiplyAdds(OnnxModelProfiler profiler, double multiplyAdds) {
        InputSize size = profiler.inputSize();
        assertThat(size.kind()).isEqualTo(InputSize.Kind.RESOLUTION);
        assertThat(size.describe(size.defaultSize())).isEqualTo("224x224 px");
        WorkloadProfile one = profiler.profile(1, 224);
        assertThat(one.totalFlops()).isCloseTo(2 * multiplyAdds, within(0.05 * 2 * multiplyAdds));
        assertThat(profiler.unknownOperators()).isEmpty();
        // The symbolic batch: 8 images cost 8 times one.
        assertThat(profiler.profile(8, 224).totalFlops()).isCloseTo(8 * one.totalFlops(), within(1e-6 * one.totalFlops()));
    }

    @Test
    void resNet18IsTwiceThePapers1Point8GMultiplyAddsWithin5Percent() {
        OnnxModelProfiler resnet = analyse("resnet18", VisionModels.resnet18());
        assertTwicePaperMultiplyAdds(resnet, VisionModels.RESNET18_MULTIPLY_ADDS);
        // ONNX Runtime folds every BatchNorm into its Conv and fuses Conv + Relu: fewer nodes, same arithmetic.
        assertThat(resnet.nodesInFile()).isEqualTo(69);
        assertThat(resnet.nodesAfterOptimisation()).isLessThan(45);
        List<String> types = resnet.profile(1, 224).operators().stream().map(OperatorProfile::opType)
                .collect(Collectors.toList());
        assertThat(types).doesNotContain("BatchNormalization").contains("FusedConv", "Conv", "MaxPool", "Gemm");
    }

    @Test
    void mobileNetV2IsTwiceThePapers300MMultiplyAddsWithin5Percent() {
        assertTwicePaperMultiplyAdds(analyse("mobilenetv2", VisionModels.mobileNetV2()),
                VisionModels.MOBILENETV2_MULTIPLY_ADDS);
    }

    @Test
    void efficientNetB0IsTwiceThePapers390MMultiplyAddsWithin5Percent() {
        assertTwicePaperMultiplyAdds(analyse("efficientnet-b0", VisionModels.efficientNetB0()),
                VisionModels.EFFICIENTNETB0_MULTIPLY_ADDS);
    }

    @Test
    void int8ResNet18CountsTheSameArithmeticOnOneByteWeightsAndActivations() {
        OnnxModelProfiler int8 = analyse("resnet18-int8", VisionModels.resnet18Int8());
        assertTwicePaperMultiplyAdds(int8, VisionModels.RESNET18_MULTIPLY_ADDS);
        WorkloadProfile profile = int8.profile(1, 224);
        List<OperatorProfile> convs = profile.operators().stream().filter(op -> op.opType().equals("QLinearConv"))
                .collect(Collectors.toList());
        assertThat(convs).hasSize(20);
        assertThat(convs).allSatisfy(op -> assertThat(op.operatorClass()).isEqualTo(OperatorClass.MATMUL_CONV));
        // 11.7M parameters at one byte each (int32 biases and the scales are a few KB).
        long parameters = OnnxModel.load(dir.resolve("resnet18-int8.onnx").toString()).graph().parameterCount();
        assertThat((double) int8.parameterBytes()).isCloseTo(parameters, within(0.01 * parameters));
        // The first conv reads its uint8 image and int8 weights, writes uint8: one byte per element.
        OperatorProfile first = convs.get(0);
        double image = 3 * 224 * 224;
        double weights = 64 * 3 * 7 * 7;
        double output = 64 * 112 * 112;
        assertThat(first.bytesWritten()).isEqualTo(output);
        assertThat(first.bytesRead()).isCloseTo(image + weights + 64 * 4, within(64.0));
    }

    @Test
    void channelsLastImagesOfAnyResolutionScaleWithTheirPixels() {
        OnnxModelProfiler stem = analyse("stem-nhwc", VisionModels.resnet18StemNhwc());
        InputSize size = stem.inputSize();
        assertThat(size.kind()).isEqualTo(InputSize.Kind.RESOLUTION);
        assertThat(size.fixed()).isFalse();
        assertThat(stem.inputShapes().shapes(2, 320).get("image")).containsExactly(2, 320, 320, 3);
        double conv224 = convFlops(stem.profile(1, 224));
        double conv448 = convFlops(stem.profile(1, 448));
        // The 7x7 stride-2 conv: 2 * (112 * 112 * 64) outputs * (3 * 7 * 7), plus a bias and the fused ReLU per output.
        assertThat(conv224).isCloseTo(2.0 * 112 * 112 * 64 * 147 + 2.0 * 112 * 112 * 64, within(1.0));
        assertThat(conv448).isCloseTo(4 * conv224, within(1e-9 * conv448));
    }

    private static double convFlops(WorkloadProfile profile) {
        return profile.operators().stream().filter(op -> op.opType().endsWith("Conv"))
                .mapToDouble(OperatorProfile::flops).sum();
    }
}
