package org.zeusmobile.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TrueModelTest {

    /** The p95 wait of a simulated M/D/1 queue (Lindley's recursion over 400 000 jobs). */
    private static double simulatedWaitP95S(double rateHz, double serviceS, long seed) {
        Random random = new Random(seed);
        int jobs = 400_000;
        double[] waits = new double[jobs];
        double wait = 0;
        for (int i = 0; i < jobs; i++) {
            waits[i] = wait;
            double gapS = -Math.log(1 - random.nextDouble()) / rateHz;
            wait = Math.max(0, wait + serviceS - gapS);
        }
        Arrays.sort(waits);
        return waits[(int) (0.95 * jobs)];
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 0.5, 0.8, 0.9})
    void poissonWaitTailMatchesASimulatedQueue(double load) {
        double serviceS = 0.020;
        double rateHz = load / serviceS;
        double simulated = simulatedWaitP95S(rateHz, serviceS, 7);
        assertThat(TrueModel.poissonWaitP95S(rateHz, serviceS)).as("p95 wait at load %.1f", load)
                .isCloseTo(simulated, within(Math.max(0.1 * simulated, 0.002)));
    }

    @Test
    void noWaitAtLightLoadAndNoBoundAtFullLoad() {
        assertThat(TrueModel.poissonWaitP95S(1, 0.02)).isZero();
        assertThat(TrueModel.poissonWaitP95S(50, 0.02)).isInfinite();
    }
}
