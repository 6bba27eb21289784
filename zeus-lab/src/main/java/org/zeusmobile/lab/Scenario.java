package org.zeusmobile.lab;

import java.util.Locale;

/** What happens to the device during a comparison run. */
public enum Scenario {
    /** Nothing changes. */
    STEADY("steady"),
    /** Long sustained load: the device starts hot (five minutes at full speed before the run) and may throttle. */
    THERMAL("thermal"),
    /** Another app takes half of the workload's processor from halfway through the run. */
    INTERFERENCE("interference"),
    /** The input sequence length doubles halfway through the run. */
    INPUT_CHANGE("input-change");

    /** The share of the processor the background app takes in {@link #INTERFERENCE}. */
    public static final double BACKGROUND_SHARE = 0.5;
    /** How long {@link #THERMAL} heats the device at full speed before the run, in s. */
    public static final long PREHEAT_S = 300;

    private final String id;

    Scenario(String id) {
        this.id = id;
    }

    /** The name the CLI and the JSON use. */
    public String id() {
        return id;
    }

    /** True for scenarios whose conditions change halfway (they get a per-phase dynamic oracle). */
    public boolean phased() {
        return this == INTERFERENCE || this == INPUT_CHANGE;
    }

    public static Scenario parse(String text) {
        for (Scenario scenario : values()) {
            if (scenario.id.equals(text == null ? "" : text.trim().toLowerCase(Locale.ROOT))) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + text
                + "'; use steady, thermal, interference or input-change");
    }
}
