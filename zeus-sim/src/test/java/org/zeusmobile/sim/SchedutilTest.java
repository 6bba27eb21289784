package org.zeusmobile.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * schedutil (kernel/sched/cpufreq_schedutil.c with PELT's 32 ms half-life, 4 ms tick, 0.5/20 ms rate limits) on
 * the Orin Nano's 4-core cluster (115.2 ... 1728 MHz), driven by synthetic load traces. Work is measured at 1728 MHz.
 */
class SchedutilTest {

    private static GovernorRig cluster() {
        return GovernorRig.cpu("jetson-orin-nano", "policy0");
    }

    @Test
    void fullLoadFromTheLowestClockRampsAQuarterAtATimeAsFrequencyInvariantUtilCatchesUp() {
        GovernorRig rig = cluster();
        List<Long> clocks = new ArrayList<>();
        while (rig.nowNs() < 1_500_000_000L) {
            rig.work(4.0 * rig.runningHz() / 1_728_000_000.0);
            clocks.add(rig.runningMhz());
        }
        // a fully busy CPU's invariant util converges to f / f_max: next = 1.25 f, one step at a time
        for (int i = 1; i < clocks.size(); i++) {
            assertThat(clocks.get(i)).isGreaterThanOrEqualTo(clocks.get(i - 1))
                    .isLessThanOrEqualTo(Math.round(clocks.get(i - 1) * 1.25) + 77);
        }
        assertThat(clocks.get(clocks.size() - 1)).isEqualTo(1728);
    }

    @Test
    void stepDownToATenPercentLoadSettlesAtOneAndAQuarterTimesItsUtil() {
        GovernorRig rig = cluster().startAt(21);
        rig.frames(0.10, 30, 1.0);
        // util 0.1: 1.25 x 0.1 x 1728 = 216 MHz -> 268.8 MHz (CPUFREQ_RELATION_L)
        assertThat(rig.runningMhz()).isEqualTo(268);
    }

    @Test
    void thirtyPercentDutyAt30HzSettlesAt729Mhz() {
        GovernorRig rig = cluster();
        rig.frames(0.30, 30, 2.0);
        // PELT averages over frames: util peaks near 0.33 at each burst, 1.25 x 0.33 x 1728 -> 729.6 MHz
        assertThat(rig.runningMhz()).isEqualTo(729);
    }

    @Test
    void seventyPercentDutyAt30HzSettlesAt1651Mhz() {
        GovernorRig rig = cluster();
        rig.frames(0.70, 30, 2.0);
        assertThat(rig.runningMhz()).isEqualTo(1651);
    }

    @Test
    void longIdleDecaysToTheLowestClock() {
        GovernorRig rig = cluster().startAt(21);
        rig.idle(1000);
        assertThat(rig.runningMhz()).isEqualTo(115);
    }
}
