package org.zeusmobile.core.device;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One value per pinned knob; knobs it does not name are left to the OS (their original state).
 * Immutable, hashable, printable and parseable: {@code gpu.freq=475000000,batch=4}.
 */
public final class Configuration {

    private static final Configuration EMPTY = new Configuration(new TreeMap<String, Long>());

    private final TreeMap<String, Long> values;

    private Configuration(TreeMap<String, Long> values) {
        this.values = values;
    }

    /** The configuration that pins nothing: every knob as the OS governs it. */
    public static Configuration governed() {
        return EMPTY;
    }

    public static Configuration of(Map<String, Long> values) {
        TreeMap<String, Long> copy = new TreeMap<>();
        for (Map.Entry<String, Long> entry : values.entrySet()) {
            if (entry.getValue() == null) {
                throw new IllegalArgumentException("knob " + entry.getKey() + " has no value");
            }
            copy.put(entry.getKey(), entry.getValue());
        }
        return new Configuration(copy);
    }

    /**
     * Parses {@code knob=value,knob=value}. Values may carry units (475MHz) when {@code device}
     * knows the knob; unknown knobs and illegal values are rejected with the legal choices.
     */
    public static Configuration parse(String text, Device device) {
        TreeMap<String, Long> parsed = new TreeMap<>();
        if (text == null || text.trim().isEmpty()) {
            return EMPTY;
        }
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0 || eq == part.length() - 1) {
                throw new IllegalArgumentException("'" + part.trim() + "' is not KNOB=VALUE (e.g. gpu.freq=475MHz)");
            }
            String name = part.substring(0, eq).trim();
            Knob knob = device.knob(name);
            long value = Units.parse(part.substring(eq + 1), knob.unit());
            knob.requireLegal(value);
            if (parsed.put(name, value) != null) {
                throw new IllegalArgumentException("knob " + name + " is given twice");
            }
        }
        return new Configuration(parsed);
    }

    /**
     * Throws {@link IllegalArgumentException} naming the knob (and its legal values) when {@code device} has no knob
     * of a name this configuration pins, or the value is not legal for it: devices check this before touching anything.
     */
    public void requireLegalOn(Device device) {
        for (Map.Entry<String, Long> pin : values.entrySet()) {
            device.knob(pin.getKey()).requireLegal(pin.getValue());
        }
    }

    public Configuration with(String knob, long value) {
        TreeMap<String, Long> copy = new TreeMap<>(values);
        copy.put(knob, value);
        return new Configuration(copy);
    }

    public Configuration without(String knob) {
        TreeMap<String, Long> copy = new TreeMap<>(values);
        copy.remove(knob);
        return new Configuration(copy);
    }

    /** The pinned value of {@code knob}, or null when the knob is left to the OS. */
    public Long get(String knob) {
        return values.get(knob);
    }

    public long get(String knob, long orElse) {
        Long value = values.get(knob);
        return value == null ? orElse : value;
    }

    public boolean pins(String knob) {
        return values.containsKey(knob);
    }

    public Set<String> knobs() {
        return Collections.unmodifiableSet(values.keySet());
    }

    public Map<String, Long> asMap() {
        return Collections.unmodifiableMap(values);
    }

    public boolean isGoverned() {
        return values.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Configuration && values.equals(((Configuration) other).values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** {@code knob=value,...} in knob-name order; {@code governed} when nothing is pinned. */
    @Override
    public String toString() {
        if (values.isEmpty()) {
            return "governed";
        }
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Long> entry : values.entrySet()) {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(entry.getKey()).append('=').append(entry.getValue());
        }
        return text.toString();
    }
}
