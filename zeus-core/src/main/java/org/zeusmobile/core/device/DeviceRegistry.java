package org.zeusmobile.core.device;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** Resolves device specs such as {@code sim:snapdragon-8-gen-2} to devices through the providers it knows. */
public final class DeviceRegistry {

    /** The device every command uses when none is given. */
    public static final String DEFAULT_SPEC = "sim:snapdragon-8-gen-2";

    private final Map<String, DeviceProvider> providers = new LinkedHashMap<>();

    public DeviceRegistry(List<DeviceProvider> providers) {
        for (DeviceProvider provider : providers) {
            if (this.providers.put(provider.scheme(), provider) != null) {
                throw new IllegalStateException("two device providers claim the scheme '" + provider.scheme() + "'");
            }
        }
    }

    /** The providers found on the class path with {@link ServiceLoader}. */
    public static DeviceRegistry fromServiceLoader() {
        List<DeviceProvider> found = new ArrayList<>();
        for (DeviceProvider provider : ServiceLoader.load(DeviceProvider.class)) {
            found.add(provider);
        }
        return new DeviceRegistry(found);
    }

    public List<String> schemes() {
        return Collections.unmodifiableList(new ArrayList<>(providers.keySet()));
    }

    /** Every known spec form with its explanation, one per line. */
    public String usage() {
        StringBuilder text = new StringBuilder();
        for (DeviceProvider provider : providers.values()) {
            for (String line : provider.usage()) {
                text.append(text.length() == 0 ? "" : "; ").append(line);
            }
        }
        return text.length() == 0 ? "(no device providers on the class path)" : text.toString();
    }

    /**
     * Opens the device for {@code spec}; an unknown scheme is an {@link IllegalArgumentException}
     * that lists the known specs.
     */
    public Device open(String spec) {
        if (spec == null || spec.trim().isEmpty()) {
            throw new IllegalArgumentException("empty device spec; known: " + usage());
        }
        int colon = spec.indexOf(':');
        String scheme = colon < 0 ? spec : spec.substring(0, colon);
        DeviceProvider provider = providers.get(scheme);
        if (provider == null) {
            throw new IllegalArgumentException("unknown device '" + spec + "'; known: " + usage());
        }
        return provider.open(spec);
    }
}
