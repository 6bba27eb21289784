package org.zeusmobile.core.device;

/** Who a device is: a short name, the spec that opened it, whether it is simulated, and a stable identity. */
public final class DeviceInfo {

    private final String name;
    private final String spec;
    private final boolean simulated;
    private final String description;
    private final String identity;

    /**
     * @param identity a stable key for this machine and its configuration space (profiles are stored
     *     under it), e.g. the SoC name plus a hash of the knob tables
     */
    public DeviceInfo(String name, String spec, boolean simulated, String description, String identity) {
        this.name = requireText(name, "name");
        this.spec = requireText(spec, "spec");
        this.simulated = simulated;
        this.description = requireText(description, "description");
        this.identity = requireText(identity, "identity");
    }

    private static String requireText(String value, String what) {
        if (value == null || value.trim().isEmpty()) {
            throw new IllegalArgumentException("device " + what + " must not be empty");
        }
        return value;
    }

    public String name() {
        return name;
    }

    public String spec() {
        return spec;
    }

    public boolean simulated() {
        return simulated;
    }

    public String description() {
        return description;
    }

    public String identity() {
        return identity;
    }

    @Override
    public String toString() {
        return name + " (" + spec + (simulated ? ", simulated" : "") + ")";
    }
}
