package org.zeusmobile.core.device;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Knobs the program sets for itself rather than through the OS (threads, batch, execution provider, an ADPF
 * target): each has an untuned value the device returns to when a configuration leaves it out, and its current value
 * is what was last set. The one home of that bookkeeping for the host, Android and simulated devices. Thread-safe.
 */
public final class SoftwareKnobs {

    private final List<Knob> knobs = new ArrayList<>();
    private final Map<String, Long> untuned = new LinkedHashMap<>();
    private final Map<String, Long> values = new LinkedHashMap<>();
    private final Set<String> pinned = new HashSet<>();

    /** Adds {@code knob}, untuned at {@code untunedValue} (a legal value: the app's default without tuning). */
    public SoftwareKnobs add(Knob knob, long untunedValue) {
        knob.requireLegal(untunedValue);
        if (untuned.containsKey(knob.name())) {
            throw new IllegalArgumentException("software knob " + knob.name() + " is added twice");
        }
        knobs.add(knob);
        untuned.put(knob.name(), untunedValue);
        values.put(knob.name(), untunedValue);
        return this;
    }

    public List<Knob> knobs() {
        return Collections.unmodifiableList(knobs);
    }

    public boolean has(String knob) {
        return untuned.containsKey(knob);
    }

    /** The value in force now. */
    public synchronized long current(String knob) {
        Long value = values.get(knob);
        if (value == null) {
            throw new IllegalArgumentException("no software knob '" + knob + "'; these are: " + untuned.keySet());
        }
        return value;
    }

    /** Whether the last configuration applied named this knob (rather than leaving it untuned). */
    public synchronized boolean pinned(String knob) {
        return pinned.contains(knob);
    }

    /**
     * Sets every knob of this set to its value in {@code configuration}, or back to its untuned value where the
     * configuration leaves it out. The caller has validated the configuration against all of its device's knobs
     * first ({@link Configuration#requireLegalOn}); knobs of other kinds in it are the caller's to set.
     */
    public synchronized void apply(Configuration configuration) {
        pinned.clear();
        for (Knob knob : knobs) {
            Long wanted = configuration.get(knob.name());
            if (wanted != null) {
                pinned.add(knob.name());
            }
            values.put(knob.name(), wanted != null ? wanted : untuned.get(knob.name()));
        }
    }

    /** Every knob back to its untuned value. */
    public void restore() {
        apply(Configuration.governed());
    }

    /** The values in force now, as a configuration. */
    public synchronized Configuration values() {
        return Configuration.of(values);
    }
}
