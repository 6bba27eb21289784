package org.zeusmobile.core.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.zeusmobile.core.device.Configuration;

class LossBudgetTest {

    @Test
    void anArmThatMayCostMoreThanTheGovernorsWaitsUntilCheaperWindowsHavePaidForIt() {
        LossBudget budget = new LossBudget(1.0, 0.01, 0.003);
        assertThat(budget.affords(1.01)).as("within the slack from the start").isTrue();
        assertThat(budget.affords(1.10)).as("10% dearer: no credit yet").isFalse();
        for (int w = 0; w < 8; w++) {
            budget.account(100, 1.0, 0); // the governors: 1% of a window's cost saved each time
        }
        assertThat(budget.affords(1.10)).isFalse();
        budget.account(100, 1.0, 0);
        assertThat(budget.affords(1.10)).as("nine windows at the governors pay for one 10% dearer").isTrue();
        budget.account(100, 1.10, 0);
        assertThat(budget.affords(1.10)).as("spent").isFalse();
        budget.account(100, 0.8, 0);
        assertThat(budget.affords(1.10)).as("a cheap arm earns credit fast").isTrue();
    }

    @Test
    void withoutAMeasuredBaselineEveryArmIsAffordable() {
        assertThat(new LossBudget(Double.NaN, 0.01, 0.003).affords(5)).isTrue();
    }

    @Test
    void theSloAccountClosesOnceTheRunsLateRequestsExceedItsTolerance() {
        LossBudget budget = new LossBudget(1.0, 0.01, 0.003);
        budget.account(1000, 1.0, 0.002);
        assertThat(budget.sloInCredit()).isTrue();
        budget.account(100, 1.0, 0.05); // five late requests more: 7 of 1100
        assertThat(budget.sloInCredit()).isFalse();
        budget.account(2000, 1.0, 0);
        assertThat(budget.sloInCredit()).as("7 of 3100").isTrue();
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
