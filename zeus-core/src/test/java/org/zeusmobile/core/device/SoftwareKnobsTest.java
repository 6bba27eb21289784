package org.zeusmobile.core.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SoftwareKnobsTest {

    private final SoftwareKnobs knobs = new SoftwareKnobs()
            .add(Knob.count(Knob.THREADS, 1, 2, 4), 4)
            .add(Knob.count(Knob.BATCH, 1, 2, 8), 1);

    @Test
    void aKnobTheConfigurationLeavesOutGoesBackToItsUntunedValue() {
        knobs.apply(Configuration.governed().with(Knob.THREADS, 1).with(Knob.BATCH, 8));
        assertThat(knobs.values()).isEqualTo(Configuration.governed().with(Knob.THREADS, 1).with(Knob.BATCH, 8));
        assertThat(knobs.pinned(Knob.BATCH)).isTrue();

        knobs.apply(Configuration.governed().with(Knob.BATCH, 2).with("gpu.freq", 300_000_000L));
        assertThat(knobs.current(Knob.THREADS)).as("left out: untuned again").isEqualTo(4);
        assertThat(knobs.pinned(Knob.THREADS)).isFalse();
        assertThat(knobs.current(Knob.BATCH)).isEqualTo(2);

        knobs.restore();
        assertThat(knobs.values()).isEqualTo(Configuration.governed().with(Knob.THREADS, 4).with(Knob.BATCH, 1));
        assertThat(knobs.pinned(Knob.BATCH)).isFalse();
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> knobs.current("provider")).hasMessageContaining("no software knob 'provider'")
                .hasMessageContaining("threads");
        assertThatThrownBy(() -> new SoftwareKnobs().add(Knob.count(Knob.BATCH, 1, 2), 3))
                .hasMessageContaining("illegal value 3").hasMessageContaining("batch");
        assertThatThrownBy(() -> knobs.add(Knob.count(Knob.BATCH, 1), 1)).hasMessageContaining("added twice");
    }
}
