package org.zeusmobile.core.device;

import java.util.List;

/**
 * Opens devices for one spec scheme ({@code sim}, {@code linux}, {@code adb}, {@code host}).
 * Adapter modules register theirs with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.zeusmobile.core.device.DeviceProvider}).
 */
public interface DeviceProvider {

    /** The scheme before the first colon of a spec, e.g. {@code sim}. */
    String scheme();

    /** Example specs with a short explanation each, shown when a spec is unknown. */
    List<String> usage();

    /**
     * Opens the device for {@code spec} (which starts with this provider's scheme).
     *
     * @throws IllegalArgumentException when the spec is malformed or names nothing known
     * @throws DeviceException when the device exists but cannot be opened
     */
    Device open(String spec);
}
