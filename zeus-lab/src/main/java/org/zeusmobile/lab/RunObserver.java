package org.zeusmobile.lab;

import org.zeusmobile.core.control.Controller;

/**
 * Attaches listeners (a Perfetto trace, metrics, JFR events, a profile recorder) to each strategy run that a
 * comparison or a live optimisation makes; not to the oracle's search or the offline BO warm start.
 */
public interface RunObserver {

    /**
     * A listener for the run of {@code strategy} with {@code seed}, whose p95 latency target is {@code sloS}
     * (NaN for a {@code default} run that the SLO is derived from); null for none.
     */
    Controller.Listener forRun(String strategy, long seed, double sloS);
}
