package org.zeusmobile.core.strategy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Knob;

/**
 * The knobs the user lets strategies tune and the ones they hold (an app that cannot batch holds
 * {@code batch=1}; an app without root tunes only what it may touch). Held knobs stay in the search space
 * with their one value, so every strategy, the baselines and the oracle run them there; knobs that are
 * neither tuned nor held leave the space (frequencies to their governors, batch at 1).
 */
public final class KnobSelection {

    private static final KnobSelection ALL = new KnobSelection(null, Configuration.governed());

    private final List<String> tuned;
    private final Configuration held;

    private KnobSelection(List<String> tuned, Configuration held) {
        this.tuned = tuned;
        this.held = held;
    }

    /** Every knob of the space tuned, none held. */
    public static KnobSelection all() {
        return ALL;
    }

    /**
     * Tune only {@code names} (null: every knob of the space); hold the knobs {@code held} pins at its values.
     *
     * @throws IllegalArgumentException for an empty list, a name given twice, or a knob both tuned and held
     */
    public static KnobSelection of(List<String> names, Configuration held) {
        Configuration holding = held == null ? Configuration.governed() : held;
        if (names == null) {
            return new KnobSelection(null, holding);
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("name at least one knob to tune (e.g. gpu.freq,batch), or leave the "
                    + "knob list out to tune every knob");
        }
        List<String> copy = new ArrayList<>();
        for (String name : names) {
            String trimmed = name.trim();
            if (copy.contains(trimmed)) {
                throw new IllegalArgumentException("knob " + trimmed + " is listed twice in the knobs to tune");
            }
            if (holding.pins(trimmed)) {
                throw new IllegalArgumentException("knob " + trimmed + " is both tuned and held at "
                        + holding.get(trimmed) + "; tune it or hold it, not both");
            }
            copy.add(trimmed);
        }
        return new KnobSelection(Collections.unmodifiableList(copy), holding);
    }

    /** The knobs to tune, or null for every knob of the space. */
    public List<String> tuned() {
        return tuned;
    }

    /** The held knobs and their values. */
    public Configuration held() {
        return held;
    }

    public boolean isAll() {
        return tuned == null && held.isGoverned();
    }

    /**
     * The space strategies search: the tuned knobs of {@code space} as they are, each held knob reduced to its
     * one value ({@code deviceKnobs} supply held knobs the space leaves out, e.g. {@code threads} for a GPU
     * workload), every other knob dropped.
     *
     * @throws IllegalArgumentException naming the knobs there are when a tuned knob is not in the space, or a
     *     held one is not a knob of the device or not one of its legal values
     */
    public SearchSpace restrict(SearchSpace space, List<Knob> deviceKnobs) {
        if (isAll()) {
            return space;
        }
        if (tuned != null) {
            for (String name : tuned) {
                if (find(space.knobs(), name) == null) {
                    throw new IllegalArgumentException("knob '" + name + "' cannot be tuned here; the knobs this "
                            + "workload can tune: " + names(space.knobs()));
                }
            }
        }
        List<Knob> knobs = new ArrayList<>();
        for (Knob knob : space.knobs()) {
            if (held.pins(knob.name())) {
                // The device's own knob decides what is legal: the space may have thinned its values.
                Knob onDevice = find(deviceKnobs, knob.name());
                knobs.add(heldKnob(onDevice != null ? onDevice : knob));
            } else if (tuned == null || tuned.contains(knob.name())) {
                knobs.add(knob);
            }
        }
        for (Map.Entry<String, Long> pin : held.asMap().entrySet()) {
            if (find(space.knobs(), pin.getKey()) == null) {
                Knob knob = find(deviceKnobs, pin.getKey());
                if (knob == null) {
                    throw new IllegalArgumentException("cannot hold knob '" + pin.getKey() + "': the device has "
                            + names(deviceKnobs));
                }
                knobs.add(heldKnob(knob));
            }
        }
        if (knobs.isEmpty()) {
            throw new IllegalArgumentException("no knob left to tune or hold; the knobs this workload can tune: "
                    + names(space.knobs()));
        }
        return new SearchSpace(knobs);
    }

    /**
     * {@code configuration} with the held knobs at their values and the knobs outside the selection left to the
     * OS: the guard for strategies that build their own configurations.
     */
    public Configuration respect(Configuration configuration) {
        Configuration result = configuration;
        for (String name : configuration.knobs()) {
            if (tuned != null && !tuned.contains(name) && !held.pins(name)) {
                result = result.without(name);
            }
        }
        for (Map.Entry<String, Long> pin : held.asMap().entrySet()) {
            result = result.with(pin.getKey(), pin.getValue());
        }
        return result;
    }

    private Knob heldKnob(Knob knob) {
        long value = held.get(knob.name());
        knob.requireLegal(value);
        return Knob.of(knob.name(), knob.unit(), Collections.singletonList(value));
    }

    private static Knob find(List<Knob> knobs, String name) {
        for (Knob knob : knobs) {
            if (knob.name().equals(name)) {
                return knob;
            }
        }
        return null;
    }

    private static List<String> names(List<Knob> knobs) {
        List<String> names = new ArrayList<>();
        for (Knob knob : knobs) {
            names.add(knob.name());
        }
        return names;
    }

    /** {@code tune gpu.freq,batch; hold batch=1}, or {@code every knob}. */
    @Override
    public String toString() {
        if (isAll()) {
            return "every knob";
        }
        String tunedText = tuned == null ? "every other knob" : String.join(",", tuned);
        return "tune " + tunedText + (held.isGoverned() ? "" : "; hold " + held);
    }
}
