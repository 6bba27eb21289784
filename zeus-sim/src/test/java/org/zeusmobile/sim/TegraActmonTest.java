package org.zeusmobile.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Tegra ACTMON EMC scaling (tegra30-devfreq.c, MCALL: 12 ms samples, 64-sample average, boost x2 + 16 MHz above
 * 60% of the clock, x0.5 after 3 samples under 40%) on the Orin Nano's EMC (665.6 ... 3199 MHz, 32 bytes per
 * clock), driven by synthetic traffic traces.
 */
class TegraActmonTest {

    private static GovernorRig quietEmc() {
        GovernorRig rig = GovernorRig.bus("jetson-orin-nano");
        rig.traffic(0, 5000);
        assertThat(rig.runningMhz()).isEqualTo(665);
        return rig;
    }

    @Test
    void countsAboveTheUpperWatermarkDoubleTheBoostEachSampleUntilTheClockSteps() {
        GovernorRig rig = quietEmc();
        // 20 GB/s is 94% of 665.6 MHz's cycles: boost 16, 48, 112, 240, 496, 1008 MHz, one per 12 ms sample
        rig.traffic(20, 60);
        assertThat(rig.runningMhz()).as("the slow average alone is not enough yet").isEqualTo(665);
        rig.traffic(20, 30);
        assertThat(rig.runningMhz()).isEqualTo(2133);
    }

    @Test
    void sustainedTrafficKeepsTheBoostItBuiltWhileBetweenTheWatermarks() {
        GovernorRig rig = quietEmc();
        rig.traffic(50, 3000);
        // the average alone asks 50 GB/s / 32 B / 60% = 2.6 GHz (2750 MHz), but the boost built on the way up
        // only halves after 3 samples under 40% of the clock: at 3199 MHz the count is 49%, between the
        // watermarks, so the boost stays and so does the top clock
        assertThat(rig.runningMhz()).isEqualTo(3199);
    }

    @Test
    void stepDownBelowTheLowerWatermarkHalvesTheBoostAndTheClockFalls() {
        GovernorRig rig = quietEmc();
        rig.traffic(20, 90).traffic(0, 100);
        assertThat(rig.runningMhz()).isEqualTo(665);
    }

    @Test
    void burstsAtThirtyPercentDutyAt30HzStayAtTheLowestPointTheirAverageNeeds() {
        GovernorRig rig = quietEmc();
        for (int frame = 0; frame < 60; frame++) {
            rig.traffic(15, 10).traffic(0, 23.3);
        }
        assertThat(rig.runningMhz()).isEqualTo(665);
    }
}
