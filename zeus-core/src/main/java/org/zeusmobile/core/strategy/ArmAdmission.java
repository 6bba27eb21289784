package org.zeusmobile.core.strategy;

import java.util.HashSet;
import java.util.Set;
import org.zeusmobile.core.device.Configuration;

/**
 * Which of the hybrid's arms may run the next window, before the thermal guard has its say: not those that what is
 * known says miss the SLO, nor those measured to miss it ({@link SloTally}), nor those the {@link LossBudget} cannot
 * pay for, in cost (a pessimistic window's worth) or in late requests (a trial's, {@link TrialWindow#MIN_LATE}).
 * The governors are always admitted: never losing is measured against them.
 */
final class ArmAdmission {

    /**
     * An arm expected at no more than this share of the SLO is tried without the late requests a trial may cost in
     * hand: far from the SLO, a miss takes a latency error of a quarter (25% over the expected p95 reaches it).
     */
    private static final double SAFE_TRIAL_SLO_SHARE = 0.8;
    /** A pessimistic cost is this many standard deviations above the expected one. */
    private static final double PESSIMISM_SD = 2;

    private final Objective objective;
    private final PriorArms arms;
    private final ThompsonSampler sampler;
    private final SloTally slo;
    private final LossBudget budget;
    private final double unmeasuredSloShare;

    /** @param unmeasuredSloShare the share of the SLO a never-measured arm's expected p95 may reach */
    ArmAdmission(Objective objective, PriorArms arms, ThompsonSampler sampler, SloTally slo, LossBudget budget,
            double unmeasuredSloShare) {
        this.objective = objective;
        this.arms = arms;
        this.sampler = sampler;
        this.slo = slo;
        this.budget = budget;
        this.unmeasuredSloShare = unmeasuredSloShare;
    }

    /**
     * The arms that may not run the next window, under {@code traffic} (null before a window told it), on a device
     * that {@code mayBeThrottled} since before the run.
     */
    Set<Configuration> excluded(Traffic traffic, boolean mayBeThrottled) {
        Set<Configuration> out = expectedToMissSlo(mayBeThrottled);
        for (Configuration arm : sampler.arms()) {
            if (!slo.meets(arm)) {
                out.add(arm);
            }
        }
        out.addAll(unaffordable(traffic, mayBeThrottled));
        return out;
    }

    /**
     * Arms not measured in their current window that what is known says miss the SLO (never measured ones: with
     * room to spare): not worth a window.
     */
    private Set<Configuration> expectedToMissSlo(boolean mayBeThrottled) {
        Set<Configuration> out = new HashSet<>();
        for (Configuration arm : sampler.arms()) {
            if (sampler.observations(arm) > 0) {
                continue;
            }
            // Never measured here while the firmware's caps may be on: the prior's latency, made on a cool device,
            // slowed as much as those caps could slow it.
            double latencyS = trialLatencyS(arm, mayBeThrottled);
            boolean miss = Double.isNaN(arms.measuredLatencyS(arm))
                    ? !Double.isNaN(latencyS) && !objective.meetsSlo(latencyS / unmeasuredSloShare)
                    : arms.expectedToMissSlo(arm, 1);
            if (miss) {
                out.add(arm);
            }
        }
        return out;
    }

    /**
     * Arms the loss budget cannot pay for now: those that may cost more than the governors while the cost account
     * lacks the credit, and those not yet known to meet the SLO while the SLO account cannot pay for the late
     * requests a trial may cost. The governors themselves are always affordable.
     */
    private Set<Configuration> unaffordable(Traffic traffic, boolean mayBeThrottled) {
        Set<Configuration> out = new HashSet<>();
        double defaultLate = slo.referenceShare();
        // An arm on trial may make TrialWindow.MIN_LATE requests late before its window ends, and under open loop
        // leave a queue behind, unless what is known of its latency leaves it a wide margin. In closed loop a request
        // waits for no other, and a trial costs no more than those MIN_LATE.
        boolean trialInCredit = budget.sloInCredit(defaultLate,
                traffic == Traffic.CLOSED_LOOP ? 0 : TrialWindow.MIN_LATE);
        boolean safeTrialInCredit = budget.sloInCredit(defaultLate, 0);
        for (Configuration arm : sampler.arms()) {
            if (arm.equals(arms.governedArm())) {
                continue;
            }
            boolean knownToMeet = sampler.observations(arm) > 0 && slo.meets(arm);
            double latencyS = trialLatencyS(arm, mayBeThrottled);
            boolean wideMargin = !Double.isNaN(latencyS) && objective.meetsSlo(latencyS / SAFE_TRIAL_SLO_SHARE);
            boolean sloAffords = knownToMeet || (wideMargin ? safeTrialInCredit : trialInCredit);
            if (!sloAffords || !budget.affords(pessimisticCost(arm))) {
                out.add(arm);
            }
        }
        return out;
    }

    /**
     * The p95 latency {@code arm} is expected to have now: measured, else the prior's (calibrated), slowed as much
     * as the firmware's caps could slow it where the device may be throttled since before the run; NaN unknown.
     */
    private double trialLatencyS(Configuration arm, boolean mayBeThrottled) {
        if (!Double.isNaN(arms.measuredLatencyS(arm))) {
            return arms.expectedLatencyS(arm);
        }
        return mayBeThrottled ? arms.throttledLatencyBoundS(arm) : arms.expectedLatencyS(arm);
    }

    /** What one more window at {@code arm} may cost per inference, pessimistically; infinite when unknown. */
    private double pessimisticCost(Configuration arm) {
        if (sampler.observations(arm) > 0) {
            return sampler.posteriorMean(arm) + PESSIMISM_SD * sampler.posteriorSd(arm);
        }
        double expected = arms.expectedCost(arm);
        return Double.isNaN(expected) ? Double.POSITIVE_INFINITY
                : expected * (1 + PESSIMISM_SD * arms.relativeSd());
    }
}
