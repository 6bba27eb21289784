package org.zeusmobile.core.control;

import org.zeusmobile.core.strategy.Traffic;

/**
 * Tells closed-loop from open-loop traffic by what the engine saw, so that nobody has to say which kind an
 * app has. In a closed loop the next request is ready the moment the engine is free: the engine never waits
 * for work and no request waits for the engine. Requests that arrive on their own do one or the other: the
 * engine idles between them, or (faster than it serves) they queue behind each other. One window showing
 * either makes the traffic open loop for the rest of the run, so that every cost a strategy compares is in the
 * same units.
 */
public final class TrafficDetector {

    /**
     * Idle share of a window above which the engine waited for requests. A closed-loop caller's own work
     * between calls (reading the result, preparing the next input) stays well below it.
     */
    public static final double IDLE_SHARE = 0.05;

    private Traffic traffic = Traffic.CLOSED_LOOP;

    /**
     * Accounts one window and returns the traffic as known now.
     *
     * @param windowNs the window's length
     * @param idleNs how long the engine waited with no request to serve
     * @param queuedRequests how many requests arrived while the engine was busy and waited for it
     */
    public Traffic window(long windowNs, long idleNs, int queuedRequests) {
        if (idleNs > IDLE_SHARE * windowNs || queuedRequests > 0) {
            traffic = Traffic.OPEN_LOOP;
        }
        return traffic;
    }

    public Traffic traffic() {
        return traffic;
    }
}
