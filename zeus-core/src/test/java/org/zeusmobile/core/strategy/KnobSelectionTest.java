package org.zeusmobile.core.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Knob;

class KnobSelectionTest {

    private static final Knob GPU_ALL = Knob.frequencyHz("gpu.freq", 200, 300, 400, 500, 600);
    private static final Knob GPU_THINNED = Knob.frequencyHz("gpu.freq", 200, 400, 600);
    private static final Knob CPU = Knob.frequencyHz("cpu.policy4.freq", 1000, 2000);
    private static final Knob BATCH = Knob.count("batch", 1, 2, 4, 8);
    private static final Knob THREADS = Knob.count("threads", 1, 2, 4);
    private static final List<Knob> DEVICE = Arrays.asList(GPU_ALL, CPU, BATCH, THREADS);
    private static final SearchSpace SPACE = new SearchSpace(Arrays.asList(GPU_THINNED, CPU, BATCH));

    @Test
    void aHeldKnobKeepsItsOneValueForEveryStrategyAndTheBaselines() {
        SearchSpace space = KnobSelection.of(null, Configuration.governed().with("batch", 1)).restrict(SPACE, DEVICE);

        assertThat(space.size()).isEqualTo(3 * 2);
        Random random = new Random(3);
        for (int i = 0; i < 20; i++) {
            assertThat(space.random(random).get("batch")).isEqualTo(1L);
        }
        assertThat(StaticStrategy.governed(space).best()).isEqualTo(Configuration.governed().with("batch", 1));
        assertThat(StaticStrategy.maxPerformance(space).best().get("batch")).isEqualTo(1L);
    }

    @Test
    void aHeldFrequencyMayBeAnyLegalValueOfTheDeviceAndStaysPinnedUnderDefault() {
        SearchSpace space = KnobSelection.of(null, Configuration.governed().with("gpu.freq", 300)).restrict(SPACE, DEVICE);

        assertThat(space.knobs().get(0).values()).containsExactly(300L);
        assertThat(StaticStrategy.governed(space).best()).isEqualTo(Configuration.governed().with("gpu.freq", 300)
                .with("batch", 1));
    }

    @Test
    void onlyTunedAndHeldKnobsStayInTheSpace() {
        KnobSelection selection = KnobSelection.of(Collections.singletonList("gpu.freq"),
                Configuration.governed().with("threads", 2));
        SearchSpace space = selection.restrict(SPACE, DEVICE);

        assertThat(space.knobs()).extracting(Knob::name).containsExactly("gpu.freq", "threads");
        assertThat(selection.respect(Configuration.governed().with("gpu.freq", 400).with("batch", 8)
                .with("threads", 4))).isEqualTo(Configuration.governed().with("gpu.freq", 400).with("threads", 2));
    }

    @Test
    void badSelectionsSayWhatThereIs() {
        assertThatThrownBy(() -> KnobSelection.of(Collections.singletonList("gpu.freq"),
                Configuration.governed().with("gpu.freq", 400))).hasMessageContaining("both tuned and held");
        assertThatThrownBy(() -> KnobSelection.of(Collections.<String>emptyList(), null))
                .hasMessageContaining("at least one knob");
        assertThatThrownBy(() -> KnobSelection.of(Collections.singletonList("npu.freq"), null).restrict(SPACE, DEVICE))
                .hasMessageContaining("'npu.freq' cannot be tuned here").hasMessageContaining("gpu.freq");
        assertThatThrownBy(() -> KnobSelection.of(null, Configuration.governed().with("gpu.freq", 333))
                .restrict(SPACE, DEVICE)).hasMessageContaining("legal values");
        assertThatThrownBy(() -> KnobSelection.of(null, Configuration.governed().with("fan.speed", 3))
                .restrict(SPACE, DEVICE)).hasMessageContaining("cannot hold knob 'fan.speed'");
    }

    @Test
    void everyKnobIsTheSpaceAsItIs() {
        assertThat(KnobSelection.all().restrict(SPACE, DEVICE)).isSameAs(SPACE);
        assertThat(KnobSelection.all().toString()).isEqualTo("every knob");
    }
}
