package org.zeusmobile.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.strategy.SearchSpace;
import org.zeusmobile.core.workload.Engine;

class RandomSocTest {

    private static final int SEEDS = 200;

    /** The first seed from 0 that draws a board ({@code true}) or a phone. */
    static long firstSeed(boolean board) {
        for (long seed = 0; ; seed++) {
            if (RandomSoc.generate(seed).board() == board) {
                return seed;
            }
        }
    }

    private static String rangeName(String drawName) {
        int hash = drawName.indexOf('#');
        return hash < 0 ? drawName : drawName.substring(0, hash);
    }

    @Test
    void everyConstantIsDrawnWithinItsRangeAndTheRangesAreUsedEndToEnd() {
        Map<String, RandomSocRanges.Range> ranges = RandomSoc.ranges();
        Map<String, double[]> seen = new HashMap<>(); // min, max drawn per range
        for (long seed = 0; seed < SEEDS; seed++) {
            for (Map.Entry<String, Double> draw : RandomSoc.generate(seed).draws().entrySet()) {
                RandomSocRanges.Range range = ranges.get(rangeName(draw.getKey()));
                assertThat(range).as("seed %d: %s has a range", seed, draw.getKey()).isNotNull();
                assertThat(range.contains(draw.getValue())).as("seed %d: %s = %s in [%s, %s]", seed, draw.getKey(),
                        draw.getValue(), range.min, range.max).isTrue();
                seen.merge(range.name, new double[] {draw.getValue(), draw.getValue()},
                        (a, b) -> new double[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            }
        }
        assertThat(seen.keySet()).as("every range is drawn from").containsAll(ranges.keySet());
        for (RandomSocRanges.Range range : ranges.values()) {
            double[] span = seen.get(range.name);
            assertThat(span[1] - span[0]).as("%s: drawn over most of [%s, %s]", range.name, range.min, range.max)
                    .isGreaterThanOrEqualTo(0.5 * (range.max - range.min));
        }
    }

    @Test
    void theProfilesConstantsAreTheDrawsPinnedToTheBuiltInsSpans() {
        for (long seed = 0; seed < SEEDS; seed++) {
            RandomSoc soc = RandomSoc.generate(seed);
            SocProfile p = soc.profile();
            SocProfile.Processor gpu = p.processor("gpu");
            double gpuMaxMhz = gpu.freqHz[gpu.freqHz.length - 1] / 1e6;
            double firstTripC = Double.POSITIVE_INFINITY;
            for (SocProfile.Trip trip : p.trips) {
                firstTripC = Math.min(firstTripC, trip.temperatureC);
            }
            if (soc.board()) {
                assertThat(gpuMaxMhz).isBetween(1020.0 - 0.5, 1300.5 + 0.5);
                assertThat(firstTripC).isBetween(80.0, 85.0);
                assertThat(p.processors).hasSizeBetween(2, 3);
                assertThat(p.sensors.get(0).name).isEqualTo("VDD_IN");
            } else {
                assertThat(gpuMaxMhz).isBetween(585.0 - 0.5, 719.0 + 0.5);
                assertThat(firstTripC).as("seed %d: phones trip at 46-54 °C", seed).isBetween(46.0, 54.0);
                assertThat(p.processors).hasSizeBetween(3, 4);
                assertThat(p.sensors.get(0).energy).as("a fuel gauge").isTrue();
                assertThat(p.sensors.get(0).updatePeriodS).isBetween(0.5, 2.0);
            }
            for (SocProfile.Processor processor : p.processors) {
                for (int i = 1; i < processor.voltageV.length; i++) {
                    assertThat(processor.voltageV[i]).isGreaterThanOrEqualTo(processor.voltageV[i - 1]);
                }
            }
        }
    }

    @Test
    void theSameSeedDrawsTheSameSocAndPhonesOutnumberBoards() {
        assertThat(RandomSoc.generate(42).json()).isEqualTo(RandomSoc.generate(42).json());
        assertThat(RandomSoc.generate(42).json()).isNotEqualTo(RandomSoc.generate(43).json());
        int boards = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            boards += RandomSoc.generate(seed).board() ? 1 : 0;
        }
        assertThat(boards).isBetween(SEEDS / 8, SEEDS * 3 / 8); // one in four, give or take
    }

    @Test
    void aSpecOpensTheDrawnSocWithTheCallersNoiseSeed() {
        SimulatedDevice device = SimulatedDevice.open("sim:random,seed=7", 3);
        assertThat(device.profile().name).isEqualTo("random-7");
        assertThat(device.seed()).as("the spec's seed draws the SoC; the noise keeps the caller's").isEqualTo(3);
        assertThat(device.profile().description).isEqualTo(RandomSoc.generate(7).profile().description);
        assertThatThrownBy(() -> SimulatedDevice.open("sim:random", 3)).hasMessageContaining("sim:random,seed=");
    }

    @Test
    void hotPhonesAreAmongThemAndCoolOnesToo() {
        // As the thermal scenario: five minutes at full speed, then five back-to-back with every frequency in the
        // middle of its range (where energy-efficient configurations lie). A hot phone is still throttled at the
        // end; a cool one has come back below its trip point.
        int phones = 0;
        int throttled = 0;
        for (long seed = 0; phones < 24; seed++) {
            RandomSoc soc = RandomSoc.generate(seed);
            if (soc.board()) {
                continue;
            }
            phones++;
            SimulatedDevice device = new SimulatedDevice(soc.profile(), soc.spec(), 0);
            Engine engine = device.engine(ReferenceWorkloads.computeBound(20, 512), 0);
            SearchSpace space = new SearchSpace(device.knobs());
            device.apply(space.maximum().with("batch", 1).without("threads"));
            while (device.clock().nanoTime() < 300_000_000_000L) {
                engine.runBatch(1);
            }
            int[] middle = space.indices(space.maximum());
            for (int k = 0; k < middle.length; k++) {
                middle[k] = middle[k] / 2;
            }
            device.apply(space.configuration(middle).with("batch", 1).without("threads"));
            while (device.clock().nanoTime() < 600_000_000_000L) {
                engine.runBatch(1);
            }
            throttled += device.throttled() ? 1 : 0;
        }
        assertThat(throttled).as("phones of 24 still throttled").isBetween(3, 21);
    }
}
