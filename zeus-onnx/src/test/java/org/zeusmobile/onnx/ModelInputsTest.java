package org.zeusmobile.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelInputsTest {

    @Test
    void symbolicDimensionsTakeTheBatchOrSequenceLengthByNameThenByPosition() {
        assertThat(ModelInputs.concreteShape(new long[] {-1, -1}, new String[] {"batch_size", "sequence_length"}, 4, 64))
                .containsExactly(4, 64);
        assertThat(ModelInputs.concreteShape(new long[] {-1, 3, -1, -1}, new String[] {"N", "", "", ""}, 2, 224))
                .containsExactly(2, 3, 224, 224);
        assertThat(ModelInputs.concreteShape(new long[] {1, -1}, new String[] {"", "batch"}, 8, 32))
                .containsExactly(1, 8);
        assertThat(ModelInputs.concreteShape(new long[] {-1, 10}, null, 5, 32)).containsExactly(5, 10);
    }
}
