package org.zeusmobile.core.strategy;

/**
 * What keeps the hybrid from losing to the device's default behaviour while it explores (a conservative bandit,
 * after Wu et al., Conservative Bandits, ICML 2016): over the run, the cost it has spent must stay within
 * {@code 1 + slack} times what the default would have spent on the same inferences, and its requests over the
 * SLO within {@code sloTolerance} of all requests. An arm that may cost more than the default is run only while
 * the cost account, after paying that arm's pessimistic cost for one more window, stays in credit; an arm not yet
 * known to meet the SLO only while the SLO account is.
 */
final class LossBudget {

    private final double baselineCost;
    private final double slack;
    private final double sloTolerance;
    /** Cost the run may still spend above what it spent, in cost x inferences. */
    private double credit;
    private long requests;
    private double requestsOverSlo;
    private int lastInferences;

    /**
     * @param baselineCost the default behaviour's cost per inference, or NaN when unknown (no cost account)
     * @param slack the share above the default's cost the run may spend
     * @param sloTolerance the share of requests the run may have over the SLO
     */
    LossBudget(double baselineCost, double slack, double sloTolerance) {
        this.baselineCost = baselineCost;
        this.slack = slack;
        this.sloTolerance = sloTolerance;
    }

    /** Accounts one window: {@code inferences} at {@code cost} each, {@code shareOverSlo} of them over the SLO. */
    void account(int inferences, double cost, double shareOverSlo) {
        if (baselineCost > 0 && cost > 0) {
            credit += ((1 + slack) * baselineCost - cost) * inferences;
        }
        requests += inferences;
        requestsOverSlo += (Double.isNaN(shareOverSlo) ? 0 : shareOverSlo) * inferences;
        lastInferences = inferences;
    }

    /** Accounts a window that served no request but spent {@code cost} (open loop: its energy) idle. */
    void accountIdle(double cost) {
        if (baselineCost > 0 && cost > 0) {
            credit -= cost;
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

    /** Whether the run's share of requests over the SLO is within the tolerance, so an uncertain arm may be tried. */
    boolean sloInCredit() {
        return requestsOverSlo <= sloTolerance * Math.max(requests, 1);
    }
}
