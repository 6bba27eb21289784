package org.zeusmobile.core.strategy;

/**
 * How requests reach the engine, which decides what a configuration's cost is (DESIGN.md section 4).
 *
 * <p>Closed loop: the next request is ready as soon as the engine is free, so a faster configuration serves
 * more requests per second and time per inference (the service time) belongs in the cost: Zeus's
 * {@code eta * E + (1 - eta) * P_max * T}. Open loop: requests arrive on their own (camera frames, user
 * actions); every configuration that keeps up serves them at the arrival rate, so the only time that differs
 * is each request's service latency, which the SLO bounds. The cost is then the energy per inference, subject
 * to the SLO. Nobody has to say which: the controller tells them apart from what the engine saw
 * ({@code org.zeusmobile.core.control.TrafficDetector}).
 */
public enum Traffic {
    CLOSED_LOOP("closed-loop"),
    OPEN_LOOP("open-loop");

    private final String id;

    Traffic(String id) {
        this.id = id;
    }

    /** The name JSON and profiles use: {@code closed-loop} or {@code open-loop}. */
    public String id() {
        return id;
    }

    public static Traffic parse(String text) {
        for (Traffic traffic : values()) {
            if (traffic.id.equals(text)) {
                return traffic;
            }
        }
        throw new IllegalArgumentException("unknown traffic '" + text + "'; use closed-loop or open-loop");
    }
}
