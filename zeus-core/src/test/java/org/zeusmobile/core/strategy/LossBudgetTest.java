package org.zeusmobile.core.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.zeusmobile.core.device.Configuration;

class LossBudgetTest {

    @Test
    void anArmThatMayCostMoreThanTheGovernorsWaitsUntilCheaperWindowsHavePaidForIt() {
        LossBudget budget = new LossBudget(1.0, 0.1, Double.NaN, 0.01, 0.003);
        assertThat(budget.affords(1.01)).as("within the slack from the start").isTrue();
        assertThat(budget.affords(1.095)).as("9.5% dearer: no credit yet").isFalse();
        for (int w = 0; w < 8; w++) {
            budget.account(100, 10.0, 1.0, 0); // the governors: 1% of a window's cost saved each time
        }
        assertThat(budget.affords(1.095)).isFalse();
        budget.account(100, 10.0, 1.0, 0);
        assertThat(budget.affords(1.095)).as("nine windows at the governors pay for one 9.5% dearer").isTrue();
        budget.account(100, 10.0, 1.095, 0);
        assertThat(budget.affords(1.095)).as("spent").isFalse();
        budget.account(100, 10.0, 0.8, 0);
        assertThat(budget.affords(1.095)).as("a cheap arm earns credit fast").isTrue();
    }

    @Test
    void underBurstsAWindowIsPricedByItsShareOfTheBurstAndAPauseByTheGovernorsIdlePower() {
        // Default: 0.665 W idle and 0.031 J per request above it (0.0974 J per request over 0.1 s of busy windows).
        LossBudget budget = new LossBudget(0.0974, 0.1, 0.665, 0.01, 0.003);
        budget.account(5, 5.5, (0.665 * 5.5 + 0.031 * 5) / 5, 0); // the governors catch a burst's last requests
        budget.accountIdle(0.665 * 5.5, 5.5, false); // and idle through the pause (priced as default would)
        assertThat(budget.affords(0.0974)).as("the governors lost nothing").isTrue();
        budget.account(92, 5.5, 1.16 * (0.665 * 5.5 + 0.031 * 92) / 92, 0); // an arm 16% dearer through a burst
        assertThat(budget.affords(0.05)).as("in deficit: nothing is paid back on expected savings").isFalse();
    }

    @Test
    void theGovernorsThemselvesNeverPutTheAccountInDeficitWhateverDefaultsEarlierRunMeasured() {
        // Default's run averaged 1.0 per inference; the device is hotter now and the governors spend 1.06.
        LossBudget budget = new LossBudget(1.0, 0.1, Double.NaN, 0.01, 0.003);
        budget.accountAtDefault(500, 1.06, 0);
        budget.accountIdle(3.0, 5.0, true);
        assertThat(budget.affords(0.9)).as("in credit by the slack on what the governors spent").isTrue();
        budget.account(500, 50.0, 1.06, 0);
        assertThat(budget.affords(0.9)).as("a pinned arm at 1.06 is 5% over default's 1.0").isFalse();
    }

    @Test
    void withoutAMeasuredBaselineEveryArmIsAffordable() {
        assertThat(new LossBudget(Double.NaN, Double.NaN, Double.NaN, 0.01, 0.003).affords(5)).isTrue();
    }

    @Test
    void theSloAccountClosesOnceTheRunsLateRequestsExceedItsTolerance() {
        LossBudget budget = new LossBudget(1.0, 0.1, Double.NaN, 0.01, 0.003);
        budget.account(1000, 100.0, 1.0, 0.002);
        assertThat(budget.sloInCredit(Double.NaN, 0)).isTrue();
        assertThat(budget.sloInCredit(Double.NaN, 2)).as("2 late of 1000, 2 more at stake").isFalse();
        budget.account(100, 10.0, 1.0, 0.05); // five late requests more: 7 of 1100
        assertThat(budget.sloInCredit(Double.NaN, 0)).isFalse();
        budget.account(2000, 200.0, 1.0, 0);
        assertThat(budget.sloInCredit(Double.NaN, 0)).as("7 of 3100").isTrue();
        assertThat(budget.sloInCredit(Double.NaN, 2)).as("9 of 3100").isTrue();
    }

    @Test
    void theSloAccountIsKeptAboveTheGovernorsOwnShareOfLateRequests() {
        LossBudget budget = new LossBudget(1.0, 0.1, Double.NaN, 0.01, 0.003);
        budget.account(1000, 100.0, 1.0, 0.01); // 10 of 1000 late
        assertThat(budget.sloInCredit(0, 0)).as("1% against a tolerance of 0.3%").isFalse();
        assertThat(budget.sloInCredit(0.008, 0)).as("1% where the governors miss 0.8% themselves").isTrue();
    }

    @Test
    void theGovernorsAreTheSloReferenceAndAnArmMayMissAsOftenAsTheyDidInDefaultsRun() {
        Configuration governors = Configuration.governed();
        Configuration arm = Configuration.governed().with("gpu.freq", 1);
        SloTally tally = new SloTally(0.005, 2);
        tally.reference(governors, 0.012); // bursts queued 1.2% of requests past the SLO in default's run
        tally.record(governors, 60, 7 / 60.0); // draining a queue an arm on trial left behind
        tally.record(arm, 1000, 0.010);
        assertThat(tally.meets(governors)).as("the reference, whatever its share").isTrue();
        assertThat(tally.meets(arm)).as("1.0% late where default had 1.2%").isTrue();
        tally.record(arm, 1000, 0.020);
        assertThat(tally.meets(arm)).as("1.5% late where default had 1.2%, whatever the governors' 12% here")
                .isFalse();
    }

    @Test
    void oneLateRequestDoesNotCondemnAnArmButASteadyShareAboveTheToleranceDoes() {
        Configuration arm = Configuration.governed().with("gpu.freq", 1);
        SloTally tally = new SloTally(0.005, 2);
        tally.record(arm, 40, 1 / 40.0);
        assertThat(tally.meets(arm)).as("1 of 40").isTrue();
        tally.record(arm, 40, 1 / 40.0);
        assertThat(tally.meets(arm)).as("2 of 80: 2.5%").isFalse();
        for (int w = 0; w < 10; w++) {
            tally.record(arm, 40, 0);
        }
        assertThat(tally.meets(arm)).as("2 of 480: 0.42%").isTrue();
        tally.clear();
        assertThat(tally.missShare(arm)).isNaN();
    }
}
