package org.zeusmobile.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The DDR's bwmon (drivers/soc/qcom/dcvs/bwmon.c) as SM8550's post-boot script configures it (4 ms samples,
 * 40 ms window, io_percent 80, up_scale 250, hist_memory 20, hyst_length 5, max_freq 2736 MHz) on
 * snapdragon-8-gen-2's DDR (547.2 ... 4224 MHz, 16 bytes per clock), driven by synthetic traffic traces.
 */
class BwHwmonTest {

    @Test
    void risingTrafficWakesItWithinOneSampleAndOverRequestsUpToMaxFreq() {
        GovernorRig rig = GovernorRig.bus("snapdragon-8-gen-2");
        rig.traffic(20, 9);
        assertThat(rig.runningMhz()).as("decided at the 4 ms sample, lands after the 6 ms actuation").isEqualTo(547);
        rig.traffic(20, 2);
        // UP_WAKE: req = 20 + 2.5 x 20 GB/s, capped by the measurement's zone and by max_freq 2736 MHz
        assertThat(rig.runningMhz()).isEqualTo(2736);
    }

    @Test
    void steadyTrafficVotesItsPeakOverIoPercent() {
        GovernorRig rig = GovernorRig.bus("snapdragon-8-gen-2");
        rig.traffic(20, 60);
        // the next window, without a rise: ib = 20 / 0.8 = 25 GB/s -> 1708.8 MHz (27.3 GB/s peak)
        assertThat(rig.runningMhz()).isEqualTo(1708);
    }

    @Test
    void aSinglePeakDecaysAtTheNextWindow() {
        GovernorRig rig = GovernorRig.bus("snapdragon-8-gen-2");
        rig.traffic(20, 60).traffic(1, 80);
        // decay_rate 90: the falling vote keeps a tenth of the old one; no recurring peak armed the hysteresis
        assertThat(rig.runningMhz()).isEqualTo(547);
    }

    @Test
    void aRecurringPeakArmsTheHysteresisWhichHoldsTheVoteAfterTrafficDrops() {
        GovernorRig rig = GovernorRig.bus("snapdragon-8-gen-2");
        rig.traffic(20, 200).traffic(5, 60);
        // peaks in 3 windows arm hyst_en (hyst_length 5, counted down each window); traffic above idle_mbps
        // (1600 MB/s) keeps voting the held peak while it lasts
        assertThat(rig.runningMhz()).isEqualTo(1708);
        rig.traffic(5, 200);
        assertThat(rig.runningMhz()).as("5 GB/s / 0.8 fits the lowest point").isEqualTo(547);
    }

    @Test
    void burstsAtThirtyPercentDutyAt30HzVoteTheirPeakNotTheirAverage() {
        GovernorRig rig = GovernorRig.bus("snapdragon-8-gen-2");
        for (int frame = 0; frame < 40; frame++) {
            rig.traffic(15, 10).traffic(0, 23.3);
        }
        // 15 GB/s in the burst's samples: ib 18.75 GB/s -> 1555.2 MHz; the 4.5 GB/s average would give 547.2
        assertThat(rig.runningMhz()).isEqualTo(1555);
    }

    @Test
    void longIdleRestsAtTheLowestPoint() {
        GovernorRig rig = GovernorRig.bus("snapdragon-8-gen-2");
        rig.traffic(20, 60).traffic(0, 3000);
        assertThat(rig.runningMhz()).isEqualTo(547);
    }
}
