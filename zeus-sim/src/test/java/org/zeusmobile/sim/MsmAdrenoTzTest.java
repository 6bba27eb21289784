package org.zeusmobile.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * msm-adreno-tz with KGSL around it (governor_msm_adreno_tz.c, kgsl_pwrscale.c, kgsl_pwrctrl.c) on the Adreno 740
 * of snapdragon-8-gen-2 (220 ... 680 MHz; FLOOR 5 ms, MIN_BUSY 1 ms, CEILING 50 ms, call interval 10 ms, idle
 * timer 80 ms), driven by synthetic load traces. Work is measured at 680 MHz.
 */
class MsmAdrenoTzTest {

    /** A GPU that has just woken from SLUMBER and settled at its default level (220 MHz). */
    private static GovernorRig awakeGpu() {
        GovernorRig rig = GovernorRig.gpu("snapdragon-8-gen-2");
        rig.work(0.01).idle(5);
        assertThat(rig.runningMhz()).isEqualTo(220);
        return rig;
    }

    @Test
    void busyTimeOverTheCeilingInOneBinJumpsStraightToTheTopLevel() {
        GovernorRig rig = awakeGpu();
        // one busy stretch of 60 ms at 220 MHz (work of 60 * 220 / 680 ms at the top) with no retire before its end
        rig.work(60 * 220.0 / 680).idle(5);
        assertThat(rig.runningMhz()).as("bin busy 60 ms > CEILING 50 ms: val = -level").isEqualTo(680);
    }

    @Test
    void busyTimeUnderTheCeilingGetsTheTrustZoneStepInstead() {
        GovernorRig rig = awakeGpu();
        rig.work(40 * 220.0 / 680).idle(5);
        // the bin since the last call holds the 5 ms of waking idle and 40 ms busy (89%, above the 85% up
        // threshold): the TZ step to carry that work at 70% busy, 220 * 0.89 / 0.7 = 279 -> 295 MHz
        assertThat(rig.runningMhz()).isEqualTo(295);
    }

    @Test
    void stepUpClimbsInMultiLevelStepsOnePerRetire() {
        GovernorRig rig = awakeGpu();
        rig.work(0.01);
        // back-to-back work retired every 10 ms: each call sees ~100% busy and steps to running / 0.7
        java.util.List<Long> levels = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            rig.work(10.0 * rig.runningMhz() / 680);
            levels.add(rig.runningMhz());
        }
        assertThat(levels).as("220 -> 348 -> 550 -> 680: levels skipped on the way").contains(348L, 550L)
                .doesNotContain(295L, 401L, 475L, 615L);
        assertThat(levels.get(levels.size() - 1)).isEqualTo(680);
    }

    @Test
    void stepDownFallsToTheLevelTheLightLoadNeedsInOneDecision() {
        GovernorRig rig = awakeGpu();
        rig.startAt(7);
        // 10% duty at 30 Hz: 10% busy at 680 MHz, far under the down threshold: one step down to the lowest
        rig.frames(0.10, 30, 0.2);
        assertThat(rig.runningMhz()).isEqualTo(220);
    }

    @Test
    void thirtyPercentDutyAt30HzSettlesAt401MhzWhereBusyIsJustInsideTheBand() {
        GovernorRig rig = awakeGpu();
        rig.frames(0.30, 30, 2.0);
        // 10 ms of 680-MHz work per 33 ms frame. The first retire sees 86% busy at 220 MHz (above the 85% up
        // threshold) -> 295 MHz; the next bin, shortened by the switch, sees 91% -> 401 MHz; there each
        // retire-to-retire bin holds one frame, 17 ms busy of 33 ms = 51%, inside the 50-85% band: it stays
        assertThat(rig.runningMhz()).isEqualTo(401);
    }

    @Test
    void seventyPercentDutyAt30HzSettlesAtTheTopLevel() {
        GovernorRig rig = awakeGpu();
        rig.frames(0.70, 30, 2.0);
        // 23 ms of 680-MHz work per frame: overruns at low levels, 87% busy at 550 MHz (above 85%), 70% at 680 MHz
        assertThat(rig.runningMhz()).isEqualTo(680);
    }

    @Test
    void eightyMillisecondsIdleSendsTheGpuToSlumberAtTheLowestLevel() {
        GovernorRig rig = awakeGpu();
        rig.work(60 * 220.0 / 680).idle(5);
        assertThat(rig.runningMhz()).isEqualTo(680);
        rig.idle(70);
        assertThat(rig.runningMhz()).as("75 ms idle: still awake").isEqualTo(680);
        rig.idle(15);
        assertThat(((MsmAdrenoTz) rig.governor()).slumbering()).isTrue();
        assertThat(rig.runningMhz()).as("KGSL idle timer 80 ms: SLUMBER at the lowest level").isEqualTo(220);
    }

    @Test
    void longIdleThenWorkWakesAtTheDefaultLevelWithTheBinsCleared() {
        GovernorRig rig = awakeGpu();
        rig.work(60 * 220.0 / 680).idle(2000);
        assertThat(rig.runningMhz()).isEqualTo(220);
        // waking clears the old stats: a short burst is too little busy (MIN_BUSY) to move the level
        rig.work(0.2).idle(5);
        assertThat(rig.runningMhz()).isEqualTo(220);
    }
}
