package org.zeusmobile.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.zeusmobile.core.control.Controller;
import org.zeusmobile.core.control.Window;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.strategy.Observation;

/**
 * Writes each measurement window of a run to the store as the device's own observation of its configuration
 * (the hybrid's learned arm statistics), as the window ends. A store that fails never fails the run: the first
 * failure is kept ({@link #failure()}) and the rest of the run is not recorded.
 */
public final class ProfileRecorder implements Controller.Listener {

    private final JdbcProfileStore store;
    private final ProfileKey key;
    private final String deviceId;
    private final Predicate<Configuration> inProfile;
    private int recorded;
    private int notRecorded;
    private ProfileStoreException failure;

    /**
     * @param inProfile which configurations belong in the profile (those of the search space); windows at
     *     others (the governed baseline) are not written
     */
    public ProfileRecorder(JdbcProfileStore store, ProfileKey key, String deviceId, Predicate<Configuration> inProfile) {
        this.store = store;
        this.key = key;
        this.deviceId = deviceId;
        this.inProfile = inProfile;
    }

    @Override
    public void onWindow(Window window) {
        Observation observation = window.observation();
        if (observation == null || !inProfile.test(observation.configuration())) {
            return;
        }
        if (failure != null) {
            notRecorded++;
            return;
        }
        List<Observation> one = new ArrayList<>(1);
        one.add(observation);
        try {
            store.recordWindows(key, deviceId, one);
            recorded++;
        } catch (ProfileStoreException e) {
            failure = e;
            notRecorded++;
        }
    }

    /** Windows written to the store. */
    public int recorded() {
        return recorded;
    }

    /** Windows that were not written because the store failed. */
    public int notRecorded() {
        return notRecorded;
    }

    /** The store's first failure in this run, or null. */
    public ProfileStoreException failure() {
        return failure;
    }
}
