package org.zeusmobile.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * nvhost_podgov (governor_pod_scaling.c: load_max 900, load_target 700, bias 80, smooth 10, damp 7, block_window
 * 50 ms; polled every 25 ms by nvgpu) on the Orin Nano GPU (306 ... 1020 MHz in 102 MHz steps), driven by
 * synthetic load traces. Work is measured at 1020 MHz.
 */
class NvhostPodgovTest {

    /** The GPU woken from rail gating at {@code mhz}. */
    private static GovernorRig awakeAt(int index) {
        GovernorRig rig = GovernorRig.gpu("jetson-orin-nano");
        rig.work(0.01).startAt(index);
        return rig;
    }

    /** Keeps the GPU 100% busy for {@code ms}, retiring every 5 ms; returns the clock after each retire. */
    private static List<Long> busyFor(GovernorRig rig, double ms) {
        List<Long> mhz = new ArrayList<>();
        long end = rig.nowNs() + Math.round(ms * 1e6);
        while (rig.nowNs() < end) {
            rig.work(5.0 * rig.runningMhz() / 1020);
            mhz.add(rig.runningMhz());
        }
        return mhz;
    }

    @Test
    void loadAboveNinetyPercentBoostsByAThirdOfMaxFreqUndamped() {
        GovernorRig rig = awakeAt(1);
        busyFor(rig, 60);
        // rt_load 1000 > load_max 900: boost = 1020 / 3 = 340 MHz, damp 10: 408 + 340 = 748 -> freqlist_up 816
        assertThat(rig.runningMhz()).isEqualTo(816);
    }

    @Test
    void aRescaleBlocksTheNextForTheFiftyMillisecondBlockWindow() {
        GovernorRig rig = awakeAt(1);
        List<Long> clocks = busyFor(rig, 100);
        // polls every 25 ms; the one at 50 ms rescales (408 -> 816), the one at 75 ms is inside the block window,
        // the one at 100 ms boosts again (816 + 340 -> 1020): 816 MHz holds for 50 ms, not 25
        assertThat(clocks.subList(0, 10)).containsOnly(408L);
        assertThat(clocks.subList(11, 20)).containsOnly(816L);
        busyFor(rig, 10);
        assertThat(rig.runningMhz()).isEqualTo(1020);
    }

    @Test
    void stepUpFromTheLowestClockReachesTheTopWithinTwoBlockWindows() {
        GovernorRig rig = awakeAt(0);
        busyFor(rig, 110);
        // 306 -> 646 rounds up to 714, 714 -> 1054 caps at 1020
        assertThat(rig.runningMhz()).isEqualTo(1020);
    }

    @Test
    void seventyPercentDutyAt30HzSettlesAtTheTopWhereBusynessMeetsTheTarget() {
        GovernorRig rig = awakeAt(0);
        rig.frames(0.70, 30, 3.0);
        // at 1020 MHz the GPU is busy 70% of each frame: busyness = load_target, boost 0
        assertThat(rig.runningMhz()).isEqualTo(1020);
    }

    @Test
    void thirtyPercentDutyAt30HzSettlesAt510MhzWithNoDeadBand() {
        GovernorRig rig = awakeAt(7);
        rig.frames(0.30, 30, 3.0);
        // 60% busy at 510 MHz: busyness under the 70% target asks for 452 MHz, which rounds up to 510; at 408 MHz
        // it would be 75% busy, over the target, which asks for more. No dead band holds it at the top it came from
        assertThat(rig.runningMhz()).isEqualTo(510);
    }

    @Test
    void stepDownFromTheTopFollowsATenPercentLoadToTheLowestClock() {
        GovernorRig rig = awakeAt(7);
        busyFor(rig, 100);
        rig.frames(0.10, 30, 1.5);
        assertThat(rig.runningMhz()).isEqualTo(306);
    }

    @Test
    void railGatedAfterFiveHundredMillisecondsIdleItDropsToTheLowestClockAndForgetsItsAverage() {
        GovernorRig rig = awakeAt(7);
        busyFor(rig, 100);
        rig.idle(490);
        NvhostPodgov podgov = (NvhostPodgov) rig.governor();
        assertThat(podgov.suspended()).as("490 ms idle: polled, not rail-gated").isFalse();
        rig.idle(20);
        assertThat(podgov.suspended()).as("railgate_delay 500 ms").isTrue();
        rig.idle(10);
        assertThat(rig.runningMhz()).isEqualTo(306);
        // on resume the clock stays at the minimum until a poll outside the block window moves it
        busyFor(rig, 20);
        assertThat(rig.runningMhz()).isEqualTo(306);
    }
}
