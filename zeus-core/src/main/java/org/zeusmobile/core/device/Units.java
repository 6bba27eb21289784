package org.zeusmobile.core.device;

import java.util.Locale;

/** Formatting and parsing of knob values with their units. */
public final class Units {

    private Units() {
    }

    /** A human-readable value: frequencies in MHz (or GHz), counts as plain numbers. */
    public static String format(long value, Knob.Unit unit) {
        if (unit == Knob.Unit.HZ) {
            return String.format(Locale.ROOT, "%.1f MHz", value / 1e6);
        }
        return Long.toString(value);
    }

    /**
     * Parses a value such as {@code 475000000}, {@code 475MHz}, {@code 1.8GHz} or {@code 300000kHz}
     * into a long in the knob's base unit (Hz for frequencies).
     */
    public static long parse(String text, Knob.Unit unit) {
        String trimmed = text.trim();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        double scale = 1;
        String number = lower;
        if (unit == Knob.Unit.HZ) {
            if (lower.endsWith("ghz")) {
                scale = 1e9;
                number = lower.substring(0, lower.length() - 3);
            } else if (lower.endsWith("mhz")) {
                scale = 1e6;
                number = lower.substring(0, lower.length() - 3);
            } else if (lower.endsWith("khz")) {
                scale = 1e3;
                number = lower.substring(0, lower.length() - 3);
            } else if (lower.endsWith("hz")) {
                number = lower.substring(0, lower.length() - 2);
            }
        }
        try {
            if (scale == 1 && number.matches("[0-9]+")) {
                return Long.parseLong(number);
            }
            double value = Double.parseDouble(number.trim()) * scale;
            long rounded = Math.round(value);
            if (Double.isNaN(value) || Math.abs(value - rounded) > 1e-6 * Math.max(1, Math.abs(value))) {
                throw new NumberFormatException(text);
            }
            return rounded;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number"
                    + (unit == Knob.Unit.HZ ? " (frequencies: Hz, or with a unit like 475MHz)" : ""));
        }
    }
}
