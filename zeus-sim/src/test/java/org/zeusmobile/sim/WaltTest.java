package org.zeusmobile.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * walt (kernel/sched/walt/cpufreq_walt.c) as SM8550 phones configure it (16 ms WALT window, hispeed_load 90,
 * rate limits 0, prime core hispeed_freq 1728 MHz and scaling_min_freq 748.8 MHz), on the Cortex-X3 cluster of
 * snapdragon-8-gen-2 (595.2 ... 3187.2 MHz), driven by synthetic load traces. Work is measured at 3187.2 MHz.
 */
class WaltTest {

    private static GovernorRig prime() {
        return GovernorRig.cpu("snapdragon-8-gen-2", "policy7");
    }

    /** Runs {@code windows} 16 ms windows fully busy, returning the clock after each. */
    private static List<Long> fullLoad(GovernorRig rig, int windows) {
        List<Long> mhz = new ArrayList<>();
        for (int i = 0; i < windows * 4; i++) {
            rig.work(4.0 * rig.runningHz() / 3_187_200_000.0);
            if (i % 4 == 3) {
                mhz.add(rig.runningMhz());
            }
        }
        return mhz;
    }

    @Test
    void aFullyBusyWindowJumpsToHispeedThenRisesByAQuarterPerWindowToTheTop() {
        List<Long> clocks = fullLoad(prime(), 5);
        // each decision lands 2 ms (actuation) into the next window. Window 1 at 595.2 MHz: util >= 90% of the
        // window's average capacity -> util raised to hispeed (1728 MHz), next = 1.25 x 1728 = 2160 -> 2227.2 MHz;
        // then 1.25 x util each window: 2592 MHz, then the top
        assertThat(clocks).containsExactly(595L, 2227L, 2592L, 3187L, 3187L);
    }

    @Test
    void stepDownToATenPercentLoadFallsToScalingMinFreqNotTheLowestOpp() {
        GovernorRig rig = prime();
        fullLoad(rig, 4);
        rig.frames(0.10, 30, 0.5);
        // scaling_min_freq 748.8 MHz resolves to the 864 MHz OPP; the table goes down to 595.2 MHz
        assertThat(rig.runningMhz()).isEqualTo(864);
    }

    @Test
    void thirtyPercentDutyAt30HzAlternatesBetweenHispeedAndTheFloorWithTheWindows() {
        GovernorRig rig = prime();
        List<Long> clocks = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            rig.frames(0.30, 30, 1 / 30.0);
            clocks.add(rig.runningMhz());
        }
        // 16 ms windows against 33 ms frames: a window the burst fills jumps to 1.25 x hispeed, a mostly idle one
        // falls back towards the floor; never the top, never under the floor
        assertThat(clocks).contains(2227L).allSatisfy(mhz -> assertThat(mhz).isBetween(864L, 2227L));
        assertThat(clocks.stream().filter(mhz -> mhz < 1500)).isNotEmpty();
    }

    @Test
    void seventyPercentDutyAt30HzSpendsMostFramesAtTheTop() {
        GovernorRig rig = prime();
        int atTop = 0;
        for (int i = 0; i < 60; i++) {
            rig.frames(0.70, 30, 1 / 30.0);
            atTop += rig.runningMhz() == 3187 ? 1 : 0;
        }
        assertThat(atTop).isGreaterThan(40);
    }

    @Test
    void longIdleRestsAtScalingMinFreq() {
        GovernorRig rig = prime();
        fullLoad(rig, 4);
        rig.idle(2000);
        assertThat(rig.runningMhz()).isEqualTo(864);
    }
}
