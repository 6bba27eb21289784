package org.zeusmobile.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the fields of one profile file. Every number is a quantity {@code {"value", "unit", "source"}} (an
 * estimate also carries {@code "range": [min, max]} in the same unit), converted to SI and checked against
 * physical bounds; every failure is a {@link ProfileException} naming the file, the JSON path, the bound and
 * the fix. Ranged quantities are recorded as {@link SocProfile.Estimate}s.
 */
final class ProfileJson {

    /** A physical dimension and the units a profile may write it in, with the factor to SI. */
    enum Dimension {
        FREQUENCY("Hz", 1, "kHz", 1e3, "MHz", 1e6, "GHz", 1e9),
        VOLTAGE("V", 1, "mV", 1e-3),
        POWER("W", 1, "mW", 1e-3, "uW", 1e-6),
        ENERGY("J", 1, "mJ", 1e-3, "uJ", 1e-6, "nJ", 1e-9),
        CAPACITANCE("F", 1, "nF", 1e-9, "pF", 1e-12),
        TIME("s", 1, "ms", 1e-3, "us", 1e-6, "ns", 1e-9),
        TEMPERATURE("C", 1),
        TEMPERATURE_DELTA("K", 1, "C", 1),
        THERMAL_RESISTANCE("K/W", 1),
        THERMAL_CAPACITANCE("J/K", 1),
        BANDWIDTH("B/s", 1, "MB/s", 1e6, "GB/s", 1e9),
        BYTES("B", 1),
        ENERGY_PER_BYTE("J/B", 1, "nJ/B", 1e-9, "pJ/B", 1e-12),
        RATIO("1", 1, "%", 0.01, "permille", 1e-3),
        PER_VOLT("1/V", 1, "1/mV", 1e3),
        PER_KELVIN("1/K", 1),
        FLOP_PER_CYCLE("FLOP/cycle", 1);

        final Map<String, Double> factors = new LinkedHashMap<>();

        Dimension(Object... unitsAndFactors) {
            for (int i = 0; i < unitsAndFactors.length; i += 2) {
                factors.put((String) unitsAndFactors[i], ((Number) unitsAndFactors[i + 1]).doubleValue());
            }
        }

        String si() {
            return factors.keySet().iterator().next();
        }

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /** Physical bounds of a quantity in SI units, inclusive, and what they bound (for the message). */
    static final class Bounds {
        final double min;
        final double max;
        final String what;

        Bounds(double min, double max, String what) {
            this.min = min;
            this.max = max;
            this.what = what;
        }

        boolean contains(double v) {
            return v >= min && v <= max;
        }

        String describe(Dimension dimension) {
            return String.format(Locale.ROOT, "between %s and %s %s (%s)", fmt(min), fmt(max), dimension.si(), what);
        }
    }

    private final String file;
    private final List<SocProfile.Estimate> estimates = new ArrayList<>();

    ProfileJson(String file) {
        this.file = file;
    }

    List<SocProfile.Estimate> estimates() {
        return estimates;
    }

    ProfileException error(String field, String problem) {
        return new ProfileException(file, field, problem);
    }

    static String path(String at, String field) {
        return at.isEmpty() ? field : at + "." + field;
    }

    /** A number as short as it reads: 250, 0.75, 1e6, 1e-15, 1.234e30. */
    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e5) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        String g = String.format(Locale.ROOT, Math.abs(v) >= 1e-3 && Math.abs(v) < 1e5 ? "%.4f" : "%.4e", v);
        String mantissa = g.contains("e") ? g.substring(0, g.indexOf('e')) : g;
        String exponent = g.contains("e") ? g.substring(g.indexOf('e') + 1) : "";
        mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        if (exponent.isEmpty()) {
            return mantissa;
        }
        int e = Integer.parseInt(exponent);
        return mantissa + "e" + e;
    }

    void allowOnly(JsonNode node, String at, String... allowed) {
        Set<String> known = new HashSet<>(Arrays.asList(allowed));
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!known.contains(name)) {
                throw error(path(at, name), "unknown field; allowed here: " + String.join(", ", allowed));
            }
        }
    }

    JsonNode required(JsonNode node, String at, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw error(path(at, field), "missing (required)");
        }
        return value;
    }

    JsonNode element(JsonNode array, int index, String at) {
        JsonNode value = array.get(index);
        if (!value.isObject()) {
            throw error(at, "must be an object");
        }
        return value;
    }

    String text(JsonNode node, String at, String field) {
        JsonNode value = required(node, at, field);
        if (!value.isTextual() || value.textValue().trim().isEmpty()) {
            throw error(path(at, field), "must be a non-empty string");
        }
        return value.textValue();
    }

    JsonNode object(JsonNode node, String at, String field) {
        JsonNode value = required(node, at, field);
        if (!value.isObject()) {
            throw error(path(at, field), "must be an object");
        }
        return value;
    }

    JsonNode array(JsonNode node, String at, String field) {
        JsonNode value = required(node, at, field);
        if (!value.isArray()) {
            throw error(path(at, field), "must be an array");
        }
        return value;
    }

    long integer(JsonNode node, String at, String field, long min, long max) {
        JsonNode value = required(node, at, field);
        if (!value.isIntegralNumber() || value.longValue() < min || value.longValue() > max) {
            throw error(path(at, field), "must be an integer between " + min + " and " + max + ", got " + value);
        }
        return value.longValue();
    }

    long[] ascendingCounts(JsonNode node, String at, String field, long max) {
        JsonNode values = array(node, at, field);
        if (values.size() == 0) {
            throw error(path(at, field), "needs at least one value");
        }
        long[] result = new long[values.size()];
        for (int i = 0; i < result.length; i++) {
            JsonNode value = values.get(i);
            if (!value.isIntegralNumber() || value.longValue() < 1 || value.longValue() > max
                    || (i > 0 && value.longValue() <= result[i - 1])) {
                throw error(path(at, field) + "[" + i + "]", "values must be integers from 1 to " + max
                        + " in ascending order, got " + value);
            }
            result[i] = value.longValue();
        }
        return result;
    }

    void requireSource(JsonNode node, String at) {
        JsonNode source = node.get("source");
        if (source == null || !source.isTextual() || source.textValue().trim().isEmpty()) {
            throw error(path(at, "source"), "missing: every number needs its source (a datasheet, a device tree, a paper,"
                    + " a kernel source file, or \"estimated: <reasoning>\" with a range)");
        }
    }

    double unit(JsonNode node, String at, String field, Dimension dimension) {
        String unit = text(node, at, field);
        Double factor = dimension.factors.get(unit);
        if (factor == null) {
            throw error(path(at, field), "unknown unit '" + unit + "' for " + dimension.label() + "; use one of "
                    + String.join(", ", dimension.factors.keySet()));
        }
        return factor;
    }

    /**
     * A quantity {@code {"value", "unit", "source"[, "range"]}} converted to SI, inside {@code bounds}. A range
     * {@code [min, max]} (same unit) must hold the value, have min <= max and lie inside the bounds.
     */
    double quantity(JsonNode node, String at, String field, Dimension dimension, Bounds bounds) {
        JsonNode q = required(node, at, field);
        String qAt = path(at, field);
        if (!q.isObject()) {
            throw error(qAt, "must be a quantity like {\"value\": 1.5, \"unit\": \"" + dimension.si()
                    + "\", \"source\": \"...\"}");
        }
        allowOnly(q, qAt, "value", "unit", "source", "range");
        JsonNode value = required(q, qAt, "value");
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
            throw error(qAt + ".value", "must be a finite number");
        }
        double factor = unit(q, qAt, "unit", dimension);
        requireSource(q, qAt);
        double si = value.doubleValue() * factor;
        if (!bounds.contains(si)) {
            throw error(qAt + ".value", "must be " + bounds.describe(dimension) + ", got " + fmt(si) + " "
                    + dimension.si() + " (" + value + " " + q.get("unit").textValue() + ")");
        }
        if (q.has("range")) {
            double[] range = range(q.get("range"), qAt + ".range", factor, dimension, bounds, si);
            estimates.add(new SocProfile.Estimate(qAt, si, range[0], range[1], dimension.si(), q.get("source").asText()));
        }
        return si;
    }

    /** A {@code [min, max]} range in the quantity's unit around {@code valueSi}, checked; returns SI {min, max}. */
    double[] range(JsonNode range, String at, double factor, Dimension dimension, Bounds bounds, double valueSi) {
        if (range == null || !range.isArray() || range.size() != 2 || !range.get(0).isNumber()
                || !range.get(1).isNumber()) {
            throw error(at, "must be [min, max] in the value's unit");
        }
        double min = range.get(0).doubleValue() * factor;
        double max = range.get(1).doubleValue() * factor;
        if (!(min <= max)) {
            throw error(at, "min " + fmt(min) + " is above max " + fmt(max) + " " + dimension.si());
        }
        if (!bounds.contains(min) || !bounds.contains(max)) {
            throw error(at, "must lie " + bounds.describe(dimension) + ", got [" + fmt(min) + ", " + fmt(max) + "]");
        }
        if (!(valueSi >= min && valueSi <= max)) {
            throw error(at, "value " + fmt(valueSi) + " " + dimension.si() + " is outside its range [" + fmt(min) + ", "
                    + fmt(max) + "]; widen the range or fix the value");
        }
        return new double[] {min, max};
    }

    /** A table {@code "points": [[...], ...]} whose rows all have one of the {@code widths}. */
    double[][] table(JsonNode node, String at, int... widths) {
        JsonNode points = array(node, at, "points");
        if (points.size() == 0) {
            throw error(path(at, "points"), "needs at least one operating point");
        }
        int width = points.get(0).isArray() ? points.get(0).size() : -1;
        double[][] result = new double[points.size()][];
        for (int i = 0; i < points.size(); i++) {
            JsonNode row = points.get(i);
            String rowAt = path(at, "points") + "[" + i + "]";
            boolean allowed = false;
            for (int w : widths) {
                allowed |= row.isArray() && row.size() == w && w == width;
            }
            if (!allowed) {
                throw error(rowAt, "each point is an array of " + widthsText(widths) + " numbers, the same for every row");
            }
            result[i] = new double[width];
            for (int c = 0; c < width; c++) {
                if (!row.get(c).isNumber() || !Double.isFinite(row.get(c).doubleValue())) {
                    throw error(rowAt + "[" + c + "]", "must be a finite number");
                }
                result[i][c] = row.get(c).doubleValue();
            }
        }
        return result;
    }

    private static String widthsText(int... widths) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            sb.append(i == 0 ? "" : i == widths.length - 1 ? " or " : ", ").append(widths[i]);
        }
        return sb.toString();
    }

    /** Checks one table cell, already in SI, against {@code bounds}. */
    void checkCell(String at, double si, Dimension dimension, Bounds bounds) {
        if (!bounds.contains(si)) {
            throw error(at, dimension.label() + " must be " + bounds.describe(dimension) + ", got " + fmt(si) + " "
                    + dimension.si() + "; check the table's unit");
        }
    }

    /** Records a table cell's range as an estimate (the table's source gives the reasoning). */
    void addEstimate(String at, double valueSi, double minSi, double maxSi, Dimension dimension, String source) {
        estimates.add(new SocProfile.Estimate(at, valueSi, minSi, maxSi, dimension.si(), source));
    }
}
