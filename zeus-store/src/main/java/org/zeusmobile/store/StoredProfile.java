package org.zeusmobile.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.strategy.Prediction;

/** What a device starts from (see {@link FleetPrior}), and what stands behind it. */
public final class StoredProfile {

    private final Map<Configuration, Prediction> predictions;
    private final int otherDevices;
    private final long windows;
    private final long ownWindows;
    private final int ownArms;
    private final int fleetArms;
    private final boolean ownModel;
    private final Set<String> modelSources;

    StoredProfile(Map<Configuration, Prediction> predictions, int otherDevices, long windows, long ownWindows,
            int ownArms, int fleetArms, boolean ownModel, Set<String> modelSources) {
        this.predictions = Collections.unmodifiableMap(new LinkedHashMap<>(predictions));
        this.otherDevices = otherDevices;
        this.windows = windows;
        this.ownWindows = ownWindows;
        this.ownArms = ownArms;
        this.fleetArms = fleetArms;
        this.ownModel = ownModel;
        this.modelSources = Collections.unmodifiableSet(modelSources);
    }

    /** Expected energy, time per inference and p95 latency per configuration; empty when nothing is stored. */
    public Map<Configuration, Prediction> predictions() {
        return predictions;
    }

    public boolean isEmpty() {
        return predictions.isEmpty();
    }

    /** Whether the device has anything of its own (measured windows or a model). */
    public boolean hasOwnData() {
        return ownWindows > 0 || ownModel;
    }

    /** How many other devices contributed. */
    public int otherDevices() {
        return otherDevices;
    }

    /** Measurement windows behind the profile, the device's own included. */
    public long windows() {
        return windows;
    }

    public long ownWindows() {
        return ownWindows;
    }

    /** Configurations the device itself measured, and configurations only the fleet measured. */
    public int ownArms() {
        return ownArms;
    }

    public int fleetArms() {
        return fleetArms;
    }

    /** One line for people: where the profile comes from. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%d configurations: %d measured here (%d windows), %d measured "
                + "by %d other device(s) (%d windows)%s", predictions.size(), ownArms, ownWindows, fleetArms,
                otherDevices, windows - ownWindows, modelSources.isEmpty() ? ""
                        : ", the rest modelled (" + String.join("; ", modelSources) + ")");
    }
}
