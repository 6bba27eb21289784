package org.zeusmobile.core.strategy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Knob;

/**
 * The joint space of every knob a strategy may turn: one configuration per combination of legal values.
 * Each configuration pins every knob of the space. Positions are index vectors (one index per knob,
 * into the knob's ascending values), which is what neighbourhoods and the GP's normalised inputs use.
 */
public final class SearchSpace {

    private final List<Knob> knobs;
    private final long size;

    public SearchSpace(List<Knob> knobs) {
        if (knobs == null || knobs.isEmpty()) {
            throw new IllegalArgumentException("a search space needs at least one knob; the device lists none");
        }
        List<String> names = new ArrayList<>();
        long product = 1;
        for (Knob knob : knobs) {
            if (names.contains(knob.name())) {
                throw new IllegalArgumentException("knob " + knob.name() + " appears twice in the search space");
            }
            names.add(knob.name());
            product = product > Long.MAX_VALUE / knob.size() ? Long.MAX_VALUE : product * knob.size();
        }
        this.knobs = Collections.unmodifiableList(new ArrayList<>(knobs));
        this.size = product;
    }

    /** The space over {@code knobs} keeping only those whose names are in {@code names} (all when null). */
    public static SearchSpace over(List<Knob> knobs, List<String> names) {
        if (names == null) {
            return new SearchSpace(knobs);
        }
        List<Knob> chosen = new ArrayList<>();
        for (String name : names) {
            Knob found = null;
            for (Knob knob : knobs) {
                if (knob.name().equals(name)) {
                    found = knob;
                }
            }
            if (found == null) {
                throw new IllegalArgumentException("no knob '" + name + "' to search over; the device has " + knobNames(knobs));
            }
            chosen.add(found);
        }
        return new SearchSpace(chosen);
    }

    private static List<String> knobNames(List<Knob> knobs) {
        List<String> names = new ArrayList<>();
        for (Knob knob : knobs) {
            names.add(knob.name());
        }
        return names;
    }

    public List<Knob> knobs() {
        return knobs;
    }

    public int dimensions() {
        return knobs.size();
    }

    /** The number of configurations (saturates at Long.MAX_VALUE). */
    public long size() {
        return size;
    }

    /** The configuration at {@code indices}, one index per knob in {@link #knobs()} order. */
    public Configuration configuration(int[] indices) {
        if (indices.length != knobs.size()) {
            throw new IllegalArgumentException("expected " + knobs.size() + " indices, got " + indices.length);
        }
        Map<String, Long> values = new TreeMap<>();
        for (int k = 0; k < indices.length; k++) {
            Knob knob = knobs.get(k);
            if (indices[k] < 0 || indices[k] >= knob.size()) {
                throw new IllegalArgumentException("index " + indices[k] + " is outside knob " + knob.name() + " (0.."
                        + (knob.size() - 1) + ")");
            }
            values.put(knob.name(), knob.value(indices[k]));
        }
        return Configuration.of(values);
    }

    /** The index vector of {@code configuration}, which must pin every knob of this space to a legal value. */
    public int[] indices(Configuration configuration) {
        int[] indices = new int[knobs.size()];
        for (int k = 0; k < indices.length; k++) {
            Knob knob = knobs.get(k);
            Long value = configuration.get(knob.name());
            if (value == null) {
                throw new IllegalArgumentException("configuration " + configuration + " does not pin knob " + knob.name()
                        + "; pin every knob of the search space");
            }
            indices[k] = knob.indexOf(value);
            if (indices[k] < 0) {
                knob.requireLegal(value);
            }
        }
        return indices;
    }

    /** True when {@code configuration} pins every knob of this space to a legal value. */
    public boolean contains(Configuration configuration) {
        for (Knob knob : knobs) {
            Long value = configuration.get(knob.name());
            if (value == null || !knob.isLegal(value)) {
                return false;
            }
        }
        return true;
    }

    /** Every knob at its highest value: the max-performance configuration. */
    public Configuration maximum() {
        int[] indices = new int[knobs.size()];
        for (int k = 0; k < indices.length; k++) {
            indices[k] = knobs.get(k).size() - 1;
        }
        return configuration(indices);
    }

    /** The knob positions scaled to [0, 1] (index over the knob's last index; 0.5 for a one-value knob). */
    public double[] normalised(Configuration configuration) {
        int[] indices = indices(configuration);
        double[] x = new double[indices.length];
        for (int k = 0; k < x.length; k++) {
            int last = knobs.get(k).size() - 1;
            x[k] = last == 0 ? 0.5 : indices[k] / (double) last;
        }
        return x;
    }

    /** The configurations one step up or down on exactly one knob, in knob order. */
    public List<Configuration> neighbours(Configuration configuration) {
        int[] indices = indices(configuration);
        List<Configuration> result = new ArrayList<>();
        for (int k = 0; k < indices.length; k++) {
            for (int step = -1; step <= 1; step += 2) {
                int moved = indices[k] + step;
                if (moved >= 0 && moved < knobs.get(k).size()) {
                    int[] copy = indices.clone();
                    copy[k] = moved;
                    result.add(configuration(copy));
                }
            }
        }
        return result;
    }

    /** The configurations within {@code radius} steps (L-infinity) of {@code configuration}, itself included. */
    public List<Configuration> neighbourhood(Configuration configuration, int radius) {
        LinkedHashSet<Configuration> result = new LinkedHashSet<>();
        result.add(configuration);
        List<Configuration> frontier = new ArrayList<>(result);
        for (int r = 0; r < radius; r++) {
            List<Configuration> next = new ArrayList<>();
            for (Configuration c : frontier) {
                for (Configuration n : neighbours(c)) {
                    if (result.add(n)) {
                        next.add(n);
                    }
                }
            }
            frontier = next;
        }
        return new ArrayList<>(result);
    }

    /**
     * Every configuration of the space, in lexicographic index order.
     *
     * @throws IllegalStateException when the space has more than {@code limit} configurations
     */
    public List<Configuration> all(int limit) {
        if (size > limit) {
            throw new IllegalStateException("the search space has " + size + " configurations, more than the " + limit
                    + " allowed for exhaustive enumeration; search fewer knobs");
        }
        List<Configuration> result = new ArrayList<>((int) size);
        int[] indices = new int[knobs.size()];
        while (true) {
            result.add(configuration(indices));
            int k = indices.length - 1;
            while (k >= 0 && indices[k] == knobs.get(k).size() - 1) {
                indices[k] = 0;
                k--;
            }
            if (k < 0) {
                return result;
            }
            indices[k]++;
        }
    }

    /** A uniformly random configuration. */
    public Configuration random(java.util.Random random) {
        int[] indices = new int[knobs.size()];
        for (int k = 0; k < indices.length; k++) {
            indices[k] = random.nextInt(knobs.get(k).size());
        }
        return configuration(indices);
    }

    @Override
    public String toString() {
        return "SearchSpace" + knobNames(knobs) + " (" + size + " configurations)";
    }
}
