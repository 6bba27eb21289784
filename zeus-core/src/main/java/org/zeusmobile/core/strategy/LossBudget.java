package org.zeusmobile.core.strategy;

/**
 * What keeps the hybrid from losing to the device's default behaviour while it explores (a conservative bandit,
 * after Wu et al., Conservative Bandits, ICML 2016): over the run, the cost it has spent must stay within
 * {@code 1 + slack} times what the default would have spent on the same inferences, and its requests over the
 * SLO within {@code sloTolerance} of all requests above the governors' own share. An arm that may cost more than the
 * default is run only while the cost account, after paying that arm's pessimistic cost for one more window, stays in
 * credit; an arm not yet known to meet the SLO only while the SLO account is.
 */
final class LossBudget {

    private final double baselineCost;
    private final double baselineTimeS;
    private final double baselineIdleW;
    private final double slack;
    private final double sloTolerance;
    /** Cost the run may still spend above what it spent, in cost x inferences. */
    private double credit;
    private long requests;
    private double requestsOverSlo;
    private int lastInferences;

    /**
     * @param baselineCost the default behaviour's cost per inference, or NaN when unknown (no cost account)
     * @param baselineTimeS the default behaviour's time per inference in the windows that cost was measured over
     * @param baselineIdleW the default behaviour's power through pauses without requests, NaN when unknown (then
     *     {@code baselineCost} must include its pauses, and a pause is paid in full)
     * @param slack the share above the default's cost the run may spend
     * @param sloTolerance the share of requests the run may have over the SLO
     */
    LossBudget(double baselineCost, double baselineTimeS, double baselineIdleW, double slack, double sloTolerance) {
        this.baselineCost = baselineCost;
        this.baselineTimeS = baselineTimeS;
        this.baselineIdleW = baselineIdleW;
        this.slack = slack;
        this.sloTolerance = sloTolerance;
    }

    /**
     * What the default behaviour would have spent on {@code inferences} requests over {@code elapsedS}. Where its
     * idle power is known (open loop with pauses), its idle power over the window plus its energy per request above
     * idle: a window's share of a burst then prices it, not the run's mean (which swings from 0.7x to 1.4x between
     * windows as bursts and pauses fall into them). Else its cost per inference times the requests.
     */
    private double defaultCost(int inferences, double elapsedS) {
        if (baselineIdleW > 0 && baselineTimeS > 0) {
            double aboveIdleJ = Math.max(0, baselineCost - baselineIdleW * baselineTimeS);
            return baselineIdleW * elapsedS + aboveIdleJ * inferences;
        }
        return baselineCost * inferences;
    }

    /**
     * Accounts one window: {@code inferences} at {@code cost} each over {@code elapsedS}, {@code shareOverSlo} of
     * them over the SLO.
     */
    void account(int inferences, double elapsedS, double cost, double shareOverSlo) {
        if (baselineCost > 0 && cost > 0) {
            credit += (1 + slack) * defaultCost(inferences, elapsedS) - cost * inferences;
        }
        countRequests(inferences, shareOverSlo);
    }

    /**
     * Accounts a window the default behaviour itself ran: what it spent is what default spends now, whatever its
     * earlier run measured (a device that heats up, a background load), so it only earns the slack.
     */
    void accountAtDefault(int inferences, double cost, double shareOverSlo) {
        if (baselineCost > 0 && cost > 0) {
            credit += slack * cost * inferences;
        }
        countRequests(inferences, shareOverSlo);
    }

    private void countRequests(int inferences, double shareOverSlo) {
        requests += inferences;
        requestsOverSlo += (Double.isNaN(shareOverSlo) ? 0 : shareOverSlo) * inferences;
        lastInferences = inferences;
    }

    /**
     * Accounts a pause: a window that served no request but spent {@code energyJ} over {@code elapsedS},
     * {@code atDefault} when the default behaviour itself idled through it.
     */
    void accountIdle(double energyJ, double elapsedS, boolean atDefault) {
        if (!(baselineCost > 0 && energyJ >= 0)) {
            return;
        }
        if (atDefault) {
            credit += slack * energyJ;
        } else {
            credit += (baselineIdleW > 0 ? (1 + slack) * baselineIdleW * elapsedS : 0) - energyJ;
        }
    }

    /**
     * Whether one more window at an arm that costs at most {@code pessimisticCost} per inference keeps the cost
     * account in credit, and the account is in credit now: a deficit is never paid back with savings an arm is only
     * expected to make (under bursty traffic a window's cost is far noisier than any estimate's spread). Always true
     * without a baseline.
     */
    boolean affords(double pessimisticCost) {
        if (!(baselineCost > 0)) {
            return true;
        }
        int n = Math.max(1, lastInferences);
        return credit >= 0 && credit + ((1 + slack) * baselineCost - pessimisticCost) * n >= 0;
    }

    /**
     * Whether the run's requests over the SLO, with {@code lateAtStake} more, stay within the tolerance above
     * {@code referenceShare} (the governors' own share, NaN when unknown): whether an arm not known to meet the SLO
     * may be tried, when trying it may make that many requests late before its window ends. Early in a run, and at
     * low request rates, the run has to serve requests on time before it can afford that.
     */
    boolean sloInCredit(double referenceShare, int lateAtStake) {
        double reference = Double.isNaN(referenceShare) ? 0 : referenceShare;
        return requestsOverSlo + lateAtStake <= (sloTolerance + reference) * requests;
    }
}
