package org.zeusmobile.lab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.zeusmobile.core.strategy.Strategies;
import org.zeusmobile.core.workload.ModelProfiler;
import org.zeusmobile.sim.SimulatedDevice;
import org.zeusmobile.sim.SocProfile;

/**
 * Savings as ranges (issue 12): draws {@code draws} profiles of one device with every estimated constant inside its
 * range ({@code sim:NAME,draw=N}, {@link org.zeusmobile.sim.ProfileSampler}), reruns the comparison on each, and
 * reports every strategy's saving against both baselines and the saving split as median and [min, max] over the
 * draws. It names the constants the saving moves with most: Spearman's rank correlation, over the draws, of each
 * drawn constant with the best static configuration's saving (the split's "both") and with the hybrid's. Each draw's
 * SLO is 1.5 x that draw's own default p95, as in every comparison. SIMULATED throughout.
 */
public final class SensitivityRun {

    /** What one draw gave: its drawn constants (by readable path, SI units) and its comparison. */
    public record Draw(long draw, Map<String, Double> constants, CompareResult result) {
    }

    /** A saving over the draws: median, extremes and how many draws have one (an infeasible strategy has none). */
    public record Spread(double median, double min, double max, int count, int of) {

        static Spread of(List<Double> values, int of) {
            List<Double> present = new ArrayList<>();
            for (Double v : values) {
                if (v != null && !Double.isNaN(v)) {
                    present.add(v);
                }
            }
            if (present.isEmpty()) {
                return new Spread(Double.NaN, Double.NaN, Double.NaN, 0, of);
            }
            Collections.sort(present);
            int n = present.size();
            double median = n % 2 == 1 ? present.get(n / 2) : (present.get(n / 2 - 1) + present.get(n / 2)) / 2;
            return new Spread(median, present.get(0), present.get(n - 1), n, of);
        }

        /** "12.3% [8.1%, 15.0%]" (savings as percentages less energy), with "(k of N draws)" when some lack one. */
        String text() {
            if (count == 0) {
                return "– (missed the SLO in every draw)";
            }
            String range = String.format(Locale.ROOT, "%.1f%% [%.1f%%, %.1f%%]", median * 100, min * 100, max * 100);
            return count == of ? range : range + String.format(Locale.ROOT, " (%d of %d draws met the SLO)", count, of);
        }
    }

    /** One constant's rank correlation with a saving over the draws. */
    public record Sensitivity(String constant, double min, double max, String unit, double rhoBoth, double rhoHybrid) {
    }

    private static final Pattern PROCESSOR = Pattern.compile("^processors\\[(\\d+)\\]");
    private static final Pattern BUS = Pattern.compile("^memory\\[(\\d+)\\]");
    private static final String[] SPLIT = {"batching only", "DVFS only", "both"};

    private final String device;
    private final ModelProfiler model;
    private final Scenario scenario;
    private final int draws;
    private final long durationS;
    private final List<Draw> results = new ArrayList<>();

    /**
     * @param device a built-in profile name ({@code snapdragon-8-gen-2})
     * @param draws how many profiles to draw (draw seeds 1..draws)
     * @param durationS simulated seconds per strategy run (one seed per draw)
     */
    public SensitivityRun(String device, ModelProfiler model, Scenario scenario, int draws, long durationS) {
        if (draws < 2) {
            throw new IllegalArgumentException("a sensitivity run needs at least 2 draws (a range and a rank "
                    + "correlation need several), got " + draws);
        }
        this.device = device;
        this.model = model;
        this.scenario = scenario;
        this.draws = draws;
        this.durationS = durationS;
    }

    /** Runs the comparison on every draw; {@code progress} (may be null) is told after each. */
    public SensitivityRun run(Consumer<String> progress) {
        for (long d = 1; d <= draws; d++) {
            String spec = "sim:" + device + ",draw=" + d;
            CompareOptions options = new CompareOptions(model).device(spec).scenario(scenario).seeds(1)
                    .durationNs(durationS * 1_000_000_000L);
            CompareResult result = new ComparisonHarness(options).run(null);
            results.add(new Draw(d, constants(SimulatedDevice.open(spec, 0).profile()), result));
            if (progress != null) {
                progress.accept("sensitivity " + device + " draw " + d + "/" + draws);
            }
        }
        return this;
    }

    public List<Draw> draws() {
        return Collections.unmodifiableList(results);
    }

    /**
     * A profile's estimated constants by readable path ({@code processors[gpu].stallActivity}). The voltages of one
     * OPP table share one draw, so the table counts once, by its top point.
     */
    static Map<String, Double> constants(SocProfile profile) {
        Map<String, Double> constants = new LinkedHashMap<>();
        for (SocProfile.Estimate e : profile.estimates()) {
            constants.put(key(profile, e), e.value); // a later (higher) OPP row replaces an earlier one: the top stays
        }
        return constants;
    }

    /** An estimate's readable path; an OPP table's voltages (one draw) share one key. */
    private static String key(SocProfile profile, SocProfile.Estimate e) {
        return readable(profile, e.path).replaceAll("\\.opps\\.points\\[\\d+\\]\\[1\\]$", ".opps voltages (top point)");
    }

    private static String readable(SocProfile profile, String path) {
        Matcher m = PROCESSOR.matcher(path);
        if (m.find()) {
            return "processors[" + profile.processors.get(Integer.parseInt(m.group(1))).name + "]"
                    + path.substring(m.end());
        }
        m = BUS.matcher(path);
        if (m.find()) {
            return "memory[" + profile.buses.get(Integer.parseInt(m.group(1))).name + "]" + path.substring(m.end());
        }
        return path;
    }

    /** {@code name}'s saving against default (1 - energy ratio; null where it missed the SLO), per draw. */
    public Spread savingVsDefault(String name) {
        List<Double> values = new ArrayList<>();
        for (Draw d : results) {
            values.add(d.result.has(name) ? saving(d.result.strategy(name).energyVsDefault()) : null);
        }
        return Spread.of(values, results.size());
    }

    /** {@code name}'s saving against default-batched, per draw. */
    public Spread savingVsDefaultBatched(String name) {
        List<Double> values = new ArrayList<>();
        for (Draw d : results) {
            values.add(d.result.has(name) ? saving(d.result.strategy(name).energyVsDefaultBatched()) : null);
        }
        return Spread.of(values, results.size());
    }

    /** A part of the split against default: "batching only", "DVFS only" or "both". */
    public Spread split(String part) {
        List<Double> values = new ArrayList<>();
        for (Draw d : results) {
            values.add(part(d.result.split(), part).saving());
        }
        return Spread.of(values, results.size());
    }

    private static SavingSplit.Part part(SavingSplit split, String part) {
        return switch (part) {
            case "batching only" -> split.batchingOnly();
            case "DVFS only" -> split.dvfsOnly();
            case "both" -> split.both();
            default -> throw new IllegalArgumentException("no split part '" + part + "'; use batching only, DVFS "
                    + "only or both");
        };
    }

    private static Double saving(Double energyRatio) {
        return energyRatio == null ? null : 1 - energyRatio;
    }

    /**
     * Every drawn constant's Spearman correlation with the best static saving and with the hybrid's, strongest
     * first (by the best static one); NaN where a saving is missing in some draw or a constant never varies.
     */
    public List<Sensitivity> sensitivities() {
        List<Sensitivity> out = new ArrayList<>();
        SocProfile base = SimulatedDevice.open("sim:" + device, 0).profile();
        Map<String, SocProfile.Estimate> byPath = new LinkedHashMap<>();
        for (SocProfile.Estimate e : base.estimates()) {
            byPath.put(key(base, e), e);
        }
        double[] both = new double[results.size()];
        double[] hybrid = new double[results.size()];
        for (int i = 0; i < results.size(); i++) {
            both[i] = orNaN(results.get(i).result.split().both().saving());
            CompareResult r = results.get(i).result;
            hybrid[i] = r.has(Strategies.HYBRID)
                    ? orNaN(saving(r.strategy(Strategies.HYBRID).energyVsDefault()))
                    : Double.NaN;
        }
        for (String constant : results.get(0).constants.keySet()) {
            double[] x = new double[results.size()];
            for (int i = 0; i < results.size(); i++) {
                x[i] = results.get(i).constants.getOrDefault(constant, Double.NaN);
            }
            SocProfile.Estimate e = byPath.get(constant);
            out.add(new Sensitivity(constant, e == null ? Double.NaN : e.min, e == null ? Double.NaN : e.max,
                    e == null ? "" : e.unit, overPresent(x, both), overPresent(x, hybrid)));
        }
        out.sort(Comparator.comparingDouble((Sensitivity s) -> Double.isNaN(s.rhoBoth) ? -1 : Math.abs(s.rhoBoth))
                .reversed());
        return out;
    }

    /**
     * This device's section of docs/results.md: every strategy's saving against both baselines and the split as
     * median [min, max] over the draws, and the {@code top} constants the best static saving moves with most.
     */
    public String markdown(int top) {
        StringBuilder md = new StringBuilder();
        int n = results.size();
        double sloMin = Double.POSITIVE_INFINITY;
        double sloMax = 0;
        java.util.TreeSet<Long> batches = new java.util.TreeSet<>();
        for (Draw d : results) {
            sloMin = Math.min(sloMin, d.result.sloMs());
            sloMax = Math.max(sloMax, d.result.sloMs());
            batches.add(d.result.split().batchingOnly().configuration().getOrDefault("batch", 1L));
        }
        md.append(String.format(Locale.ROOT, "### %s, %s, %s: %d drawn profiles (SIMULATED)%n%n", device,
                model.model(), scenario.id(), n));
        md.append(String.format(Locale.ROOT, "SLO p95 %.1f-%.1f ms (1.5 x each draw's default p95); "
                + "default-batched ran batch %s. Savings: median [min, max] over the draws, %% less energy per "
                + "inference; negative: more energy.%n%n", sloMin, sloMax, batches));
        md.append("| strategy | saving vs default | saving vs default-batched |\n| --- | ---: | ---: |\n");
        for (StrategyResult s : results.get(0).result.strategies()) {
            if (s.name().equals(Strategies.DEFAULT)) {
                continue;
            }
            md.append("| ").append(s.name()).append(" | ").append(savingVsDefault(s.name()).text()).append(" | ")
                    .append(savingVsDefaultBatched(s.name()).text()).append(" |\n");
        }
        md.append("\n| split (static configurations run through the scenario) | saving vs default |\n| --- | ---: |\n");
        for (String part : SPLIT) {
            md.append("| ").append(part).append(" | ").append(split(part).text()).append(" |\n");
        }
        md.append(String.format(Locale.ROOT, "%nThe constants these savings move with most (Spearman's rank "
                + "correlation over the %d draws; with %d draws |rho| under %.2f is within chance at 95%%):%n%n", n, n,
                2 / Math.sqrt(n - 1)));
        md.append("| constant | range | rho with best static saving (both) | rho with hybrid saving |\n"
                + "| --- | --- | ---: | ---: |\n");
        List<Sensitivity> all = sensitivities();
        for (Sensitivity s : all.subList(0, Math.min(top, all.size()))) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", s.constant(),
                    range(s.min(), s.max(), s.unit()), rho(s.rhoBoth()), rho(s.rhoHybrid())));
        }
        return md.append('\n').toString();
    }

    /** A range in the unit a reader expects (us, ms, mW, nF; fractions of 1 as %). */
    static String range(double min, double max, String unit) {
        double scale = 1;
        String shown = unit;
        switch (unit) {
            case "s" -> {
                scale = max < 1e-3 ? 1e6 : max < 1 ? 1e3 : 1;
                shown = max < 1e-3 ? "us" : max < 1 ? "ms" : "s";
            }
            case "W" -> {
                scale = max < 1 ? 1e3 : 1;
                shown = max < 1 ? "mW" : "W";
            }
            case "F" -> {
                scale = 1e9;
                shown = "nF";
            }
            case "1" -> {
                if (max <= 1) {
                    scale = 100;
                    shown = "%";
                } else {
                    shown = "x";
                }
            }
            default -> {
            }
        }
        return significant(min * scale) + "-" + significant(max * scale) + " " + shown;
    }

    /** Three significant digits without trailing zeros. */
    private static String significant(double value) {
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.3g", value)).stripTrailingZeros()
                .toPlainString();
    }

    private static String rho(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%+.2f", value);
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }

    /** Spearman's correlation over the draws where both have a number (a strategy that missed the SLO has none). */
    private static double overPresent(double[] x, double[] y) {
        int n = 0;
        double[] px = new double[x.length];
        double[] py = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                px[n] = x[i];
                py[n++] = y[i];
            }
        }
        return n < 3 ? Double.NaN : spearman(Arrays.copyOf(px, n), Arrays.copyOf(py, n));
    }

    /** Spearman's rank correlation (average ranks for ties); NaN when either side has a NaN or does not vary. */
    static double spearman(double[] x, double[] y) {
        if (x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException("rank correlation needs two series of the same length >= 2, got "
                    + x.length + " and " + y.length);
        }
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i]) || Double.isNaN(y[i])) {
                return Double.NaN;
            }
        }
        double[] rx = ranks(x);
        double[] ry = ranks(y);
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += rx[i] / x.length;
            my += ry[i] / x.length;
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    private static double[] ranks(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[values.length];
        for (int start = 0; start < order.length;) {
            int end = start;
            while (end + 1 < order.length && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            for (int k = start; k <= end; k++) {
                ranks[order[k]] = (start + end) / 2.0 + 1;
            }
            start = end + 1;
        }
        return ranks;
    }
}
