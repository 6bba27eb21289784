package org.zeusmobile.core.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    private static Latencies of(long... values) {
        Latencies latencies = new Latencies();
        for (long v : values) {
            latencies.add(v);
        }
        return latencies;
    }

    @Test
    void percentilesLeaveTheCompletionOrderAlone() {
        Latencies latencies = of(30, 10, 20, 50, 40);

        assertThat(latencies.quantileS(0.5)).isEqualTo(30e-9);
        assertThat(latencies.get(0)).isEqualTo(30);
        assertThat(latencies.get(1)).isEqualTo(10);
        latencies.add(5);
        assertThat(latencies.quantileS(0)).as("a later add is counted").isEqualTo(5e-9);
        assertThat(latencies.get(5)).isEqualTo(5);
    }

    @Test
    void aRangeHoldsOneWindowsRequests() {
        Latencies all = of(1, 2, 3, 4, 5, 6);

        Latencies window = all.range(2, 5);
        assertThat(window.size()).isEqualTo(3);
        assertThat(window.get(0)).isEqualTo(3);
        assertThat(window.quantileS(1)).isEqualTo(5e-9);
        assertThat(all.range(3, 3).size()).isZero();
        Latencies pooled = of(9);
        pooled.addAll(window);
        assertThat(pooled.size()).isEqualTo(4);
        assertThat(pooled.fractionAboveS(4.5e-9)).isEqualTo(0.5);
    }
}
