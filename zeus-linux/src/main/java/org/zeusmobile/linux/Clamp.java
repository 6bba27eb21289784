package org.zeusmobile.linux;

/** A knob that reads back another value than the one pinned: a thermal cap, a policy limit, a rounding driver. */
public final class Clamp {

    private final String knob;
    private final long requested;
    private final long effective;

    Clamp(String knob, long requested, long effective) {
        this.knob = knob;
        this.requested = requested;
        this.effective = effective;
    }

    public String knob() {
        return knob;
    }

    public long requested() {
        return requested;
    }

    public long effective() {
        return effective;
    }

    @Override
    public String toString() {
        return knob + " was set to " + requested + " but reads back " + effective
                + " (capped by a thermal or policy limit; the device runs the read-back value)";
    }
}
