package org.zeusmobile.lab;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.zeusmobile.core.control.Controller;
import org.zeusmobile.core.control.Window;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.strategy.Prediction;
import org.zeusmobile.store.JdbcProfileStore;
import org.zeusmobile.store.ProfileKey;
import org.zeusmobile.store.ProfileRecorder;
import org.zeusmobile.store.ProfileStoreException;
import org.zeusmobile.store.StoreLocation;
import org.zeusmobile.store.StoredProfile;

/**
 * The hybrid's warm starts for one device, kept in the profile store (zeus-store: SQLite by default,
 * PostgreSQL for a fleet): keyed by the device's class ({@code DeviceInfo.identity()}), the model's hash, the
 * trace and the input size. A device without a profile of its own starts from its fleet's (other devices of
 * the same class, pooled by evidence); what it measures is written back under its own device id.
 *
 * <p>{@link #open} checks that the store can be written, before any run. After that a store that fails never
 * stops a run or throws its results away: {@link #load} answers "nothing stored", writes are dropped, and each
 * failure is kept in {@link #problems()} for the caller to report. Each use holds a connection only while it
 * lasts (a recorder: for its run), so nothing needs closing.
 */
public final class ProfileStore {

    private final StoreLocation location;
    private final String deviceId;
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private volatile StoredProfile lastLoaded;

    private ProfileStore(StoreLocation location, String deviceId) {
        this.location = location;
        this.deviceId = deviceId;
    }

    /**
     * The store at {@code location} for the device called {@code deviceId} (one board: a phone, a dev kit, a
     * simulated board); migrates its schema and imports the JSON profiles of earlier versions once (under
     * {@code deviceId}: they were made on this machine).
     *
     * @throws ProfileStoreException when the store cannot be opened or written
     */
    public static ProfileStore open(StoreLocation location, String deviceId) {
        ProfileStore profiles = new ProfileStore(location, deviceId);
        try (JdbcProfileStore store = JdbcProfileStore.open(location.url())) {
            if (location.legacyJsonDirectory() != null) {
                List<String> skipped = new ArrayList<>();
                store.importJson(location.legacyJsonDirectory(), deviceId, skipped);
                for (String file : skipped) {
                    profiles.problems.add("JSON profile not imported: " + file);
                }
            }
        }
        return profiles;
    }

    public String deviceId() {
        return deviceId;
    }

    /** The store's location, any password blanked. */
    public String describe() {
        return location.toString();
    }

    /** What went wrong with the store since it was opened (each a sentence); empty when nothing did. */
    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }

    /** What the last {@link #load} found, or null. */
    public StoredProfile lastLoaded() {
        return lastLoaded;
    }

    /**
     * The profile this device starts from under the key (its own, else its fleet's), or null when nothing is
     * stored for it or the store failed.
     */
    public Map<Configuration, Prediction> load(String deviceClass, String modelHash, String trace, int inputSize) {
        try (JdbcProfileStore store = JdbcProfileStore.open(location.url())) {
            StoredProfile profile = store.load(new ProfileKey(deviceClass, modelHash, trace, inputSize), deviceId);
            lastLoaded = profile;
            return profile.isEmpty() ? null : profile.predictions();
        } catch (ProfileStoreException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    /** Stores this device's model of each configuration (a BO warm start's predictions); failures are kept. */
    public void save(String deviceClass, String modelHash, String trace, int inputSize, String source,
            Map<Configuration, Prediction> profile) {
        try (JdbcProfileStore store = JdbcProfileStore.open(location.url())) {
            store.savePredictions(new ProfileKey(deviceClass, modelHash, trace, inputSize), deviceId, profile, source, 1);
        } catch (ProfileStoreException e) {
            problems.add(e.getMessage());
        }
    }

    /**
     * A listener that writes each measurement window of a run back as this device's own observation of its
     * configuration, under the run's device class; windows at the governed baseline are not written. A store
     * failure ends the recording, never the run, and joins {@link #problems()} when the run ends.
     */
    public Controller.Listener recorder(final String modelHash, final String trace, final int inputSize) {
        return new Controller.Listener() {
            private JdbcProfileStore store;
            private ProfileRecorder recorder;

            @Override
            public void onRunStart(Device device, String strategy) {
                try {
                    store = JdbcProfileStore.open(location.url());
                    store.registerDevice(deviceId, device.info().identity(), device.info().description());
                    recorder = new ProfileRecorder(store, new ProfileKey(device.info().identity(), modelHash, trace,
                            inputSize), deviceId, c -> !c.isGoverned());
                } catch (ProfileStoreException e) {
                    problems.add(e.getMessage() + " (the run is not recorded)");
                }
            }

            @Override
            public void onWindow(Window window) {
                if (recorder != null) {
                    recorder.onWindow(window);
                }
            }

            @Override
            public void onRunEnd(long atNs) {
                if (recorder != null && recorder.failure() != null) {
                    problems.add(recorder.failure().getMessage() + " (" + recorder.notRecorded()
                            + " window(s) of the run not recorded)");
                }
                if (store != null) {
                    try {
                        store.close();
                    } catch (ProfileStoreException e) {
                        problems.add(e.getMessage());
                    }
                }
            }
        };
    }
}
