package org.zeusmobile.core.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.strategy.Traffic;

class RunResultTest {

    private static final double IDLE_W = 0.55;
    private static final double PER_REQUEST_J = 0.025;

    /** A window of {@code seconds} serving {@code requests}, measured at {@code energyJ}. */
    private static Window window(int index, double seconds, int requests, double energyJ) {
        return new Window(index, Configuration.governed(), (long) (index * 10e9), (long) (index * 10e9 + seconds * 1e9),
                requests, energyJ, Double.NaN, Double.NaN, Double.NaN, null, null, Collections.emptyMap());
    }

    private static RunResult run(List<Window> windows) {
        return new RunResult("default", windows, new Latencies(), Configuration.governed(), 60_000_000_000L,
                Traffic.OPEN_LOOP, Collections.emptyList());
    }

    @Test
    void idlePowerIsFittedWhereBurstsAndPausesFallIntoLongWindowsAndNoWindowIsIdle() {
        // 10 s windows (a slow fuel gauge) over bursts of 5 s and pauses of 10 s: none is empty.
        int[] requests = {92, 98, 4, 116, 82, 7};
        List<Window> windows = new ArrayList<>();
        for (int i = 0; i < requests.length; i++) {
            windows.add(window(i, 9.9, requests[i], IDLE_W * 9.9 + PER_REQUEST_J * requests[i]));
        }
        windows.add(window(6, 0.6, 0, 0)); // the run's last: too short for the gauge to update
        assertThat(run(windows).idlePowerW()).isCloseTo(IDLE_W, within(1e-9));
    }

    @Test
    void idlePowerIsUnknownWhenEveryWindowRanAtTheSameRate() {
        List<Window> windows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            windows.add(window(i, 2, 40 + i % 2, IDLE_W * 2 + PER_REQUEST_J * (40 + i % 2)));
        }
        assertThat(run(windows).idlePowerW()).isNaN();
    }

    @Test
    void aBaselineCarriesHowMuchOneBusyWindowsCostDiffersFromTheNext() {
        // Open loop: a window's cost is its power. Powers 0.7, 0.8, 0.9 W: sd 0.1 W over a mean of 0.8 W.
        List<Window> windows = new ArrayList<>();
        double[] powersW = {0.7, 0.8, 0.9};
        for (int i = 0; i < powersW.length; i++) {
            windows.add(window(i, 10, 50 + 20 * i, powersW[i] * 10));
        }
        windows.add(window(3, 2, 9, 3.0)); // the run's short last window is left out
        assertThat(run(windows).baseline(0.1).windowCostRelativeSd()).isCloseTo(0.125, within(1e-9));
        assertThat(run(windows.subList(0, 2)).baseline(0.1).windowCostRelativeSd()).as("two windows").isNaN();
    }
}
