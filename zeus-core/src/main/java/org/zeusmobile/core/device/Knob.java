package org.zeusmobile.core.device;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One tunable setting with a finite, ascending set of legal values and a unit.
 *
 * <p>Names follow DESIGN.md section 3: {@code cpu.policyN.freq}, {@code gpu.freq},
 * {@code mem.NAME.freq}, {@code batch}, {@code threads}. Frequencies are in Hz.
 */
public final class Knob {

    public static final String GPU_FREQ = "gpu.freq";
    public static final String BATCH = "batch";
    public static final String THREADS = "threads";

    private static final Pattern NAME = Pattern.compile("[a-z0-9_]+([.:\\-][a-z0-9_]+)*");

    /** The unit of a knob's values. */
    public enum Unit {
        HZ("Hz"),
        COUNT("count");

        private final String symbol;

        Unit(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    private final String name;
    private final Unit unit;
    private final long[] values;

    private Knob(String name, Unit unit, long[] values) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("illegal knob name '" + name
                    + "': use lower-case words separated by dots, e.g. cpu.policy4.freq");
        }
        if (values.length == 0) {
            throw new IllegalArgumentException("knob " + name + " has no legal values");
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] <= 0) {
                throw new IllegalArgumentException("knob " + name + " has a non-positive value " + sorted[i]);
            }
            if (i > 0 && sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("knob " + name + " lists the value " + sorted[i] + " twice");
            }
        }
        this.name = name;
        this.unit = unit;
        this.values = sorted;
    }

    /** A frequency knob; values in Hz, in any order. */
    public static Knob frequencyHz(String name, long... valuesHz) {
        return new Knob(name, Unit.HZ, valuesHz);
    }

    /** A count knob such as {@code batch} or {@code threads}. */
    public static Knob count(String name, long... values) {
        return new Knob(name, Unit.COUNT, values);
    }

    public static Knob of(String name, Unit unit, List<Long> values) {
        long[] array = new long[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return new Knob(name, unit, array);
    }

    public String name() {
        return name;
    }

    public Unit unit() {
        return unit;
    }

    /** The legal values, ascending. */
    public List<Long> values() {
        List<Long> list = new ArrayList<>(values.length);
        for (long value : values) {
            list.add(value);
        }
        return Collections.unmodifiableList(list);
    }

    public int size() {
        return values.length;
    }

    public long value(int index) {
        return values[index];
    }

    public long min() {
        return values[0];
    }

    public long max() {
        return values[values.length - 1];
    }

    /** The position of {@code value} among the legal values, or -1 when it is not legal. */
    public int indexOf(long value) {
        int index = Arrays.binarySearch(values, value);
        return index >= 0 ? index : -1;
    }

    public boolean isLegal(long value) {
        return indexOf(value) >= 0;
    }

    /** Throws an {@link IllegalArgumentException} naming the legal values when {@code value} is not one. */
    public void requireLegal(long value) {
        if (!isLegal(value)) {
            throw new IllegalArgumentException("illegal value " + Units.format(value, unit) + " for knob "
                    + name + "; legal values: " + describeValues());
        }
    }

    /** The legal value nearest to {@code value} (ties go to the lower one). */
    public long nearest(long value) {
        long best = values[0];
        for (long candidate : values) {
            if (Math.abs(candidate - value) < Math.abs(best - value)) {
                best = candidate;
            }
        }
        return best;
    }

    public String describeValues() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(Units.format(values[i], unit));
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Knob)) {
            return false;
        }
        Knob knob = (Knob) other;
        return name.equals(knob.name) && unit == knob.unit && Arrays.equals(values, knob.values);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return name + " [" + describeValues() + "]";
    }
}
