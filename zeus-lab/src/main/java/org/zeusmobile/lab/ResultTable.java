package org.zeusmobile.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.zeusmobile.core.device.Configuration;

/**
 * Renders the results model for people (a fixed-width table, markdown, an HTML fragment) and programs (CSV), from
 * one list of columns: every format shows the same numbers with the same units. A strategy that missed the SLO reads
 * {@code MISSED} and shows no savings; unknown numbers read {@code –} (CSV: empty).
 */
public final class ResultTable {

    private static final String NONE = "–";

    /** One column: headers for text and documents, the CSV field, the text shown, the raw value for CSV. */
    private record Column(String shortHeader, String header, String csv, Function<StrategyResult, String> shown,
            Function<StrategyResult, Object> raw) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("strategy", "strategy", "name", StrategyResult::name, StrategyResult::name),
            new Column("E/inf mJ", "energy / inference (mJ)", "energy_per_inference_j",
                    s -> number(s.energyPerInferenceJ() * 1e3, "%.2f"), StrategyResult::energyPerInferenceJ),
            new Column("p50 ms", "p50 (ms)", "latency_p50_ms", s -> number(s.latencyP50Ms(), "%.2f"),
                    StrategyResult::latencyP50Ms),
            new Column("p95 ms", "p95 (ms)", "latency_p95_ms", s -> number(s.latencyP95Ms(), "%.2f"),
                    StrategyResult::latencyP95Ms),
            new Column("p99 ms", "p99 (ms)", "latency_p99_ms", s -> number(s.latencyP99Ms(), "%.2f"),
                    StrategyResult::latencyP99Ms),
            new Column("SLO", "SLO (p95)", "feasible", s -> s.feasible() ? "met" : "MISSED", StrategyResult::feasible),
            new Column("over SLO", "requests over SLO", "slo_violation_rate",
                    s -> number(s.sloViolationRate() * 100, "%.2f%%"), StrategyResult::sloViolationRate),
            new Column("cost J", "total cost (J)", "total_cost_j", s -> number(s.totalCostJ(), "%.1f"),
                    StrategyResult::totalCostJ),
            new Column("converge", "converged after (windows)", "samples_to_converge", ResultTable::converge,
                    StrategyResult::samplesToConverge),
            new Column("changes", "configuration changes", "configuration_changes",
                    s -> number(s.configurationChanges(), "%.0f"), StrategyResult::configurationChanges),
            new Column("explore J", "exploration cost (J)", "exploration_cost_j",
                    s -> number(s.explorationCostJ(), "%.1f"), StrategyResult::explorationCostJ),
            new Column("vs def", "energy vs default", "energy_vs_default", s -> number(s.energyVsDefault(), "%.3f"),
                    StrategyResult::energyVsDefault),
            new Column("vs def-b", "energy vs default-batched", "energy_vs_default_batched",
                    s -> number(s.energyVsDefaultBatched(), "%.3f"), StrategyResult::energyVsDefaultBatched),
            new Column("vs orc", "energy vs oracle", "energy_vs_oracle", s -> number(s.energyVsOracle(), "%.3f"),
                    StrategyResult::energyVsOracle),
            new Column("final configuration", "final configuration", "final_configuration",
                    s -> ConfigurationText.of(s.finalConfiguration()),
                    s -> Configuration.of(s.finalConfiguration()).toString()));

    private ResultTable() {
    }

    /** The heading line: what ran, under which SLO, marked SIMULATED where it was. */
    public static String heading(CompareResult r) {
        return String.format(Locale.ROOT, "%s%s, model %s, scenario %s, trace %s, SLO p95 <= %.1f ms, eta %.2f, %d seed%s",
                r.simulated() ? "SIMULATED " : "", r.device(), r.model(), r.scenario(), r.trace(), r.sloMs(), r.eta(),
                r.seeds(), r.seeds() == 1 ? "" : "s");
    }

    /** The table for a terminal, with the heading, the energy scope, the knobs, the split and the notes. */
    public static String text(CompareResult r) {
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[COLUMNS.size()];
        for (int c = 0; c < header.length; c++) {
            header[c] = COLUMNS.get(c).shortHeader();
        }
        rows.add(header);
        for (StrategyResult s : r.strategies()) {
            rows.add(cells(s));
        }
        int[] widths = new int[header.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder(heading(r)).append('\n');
        out.append("energy: ").append(r.energy().description()).append('\n');
        out.append("knobs: ").append(knobsText(r.knobs())).append('\n');
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                boolean left = c == 0 || c == row.length - 1;
                String cell = left ? pad(row[c], widths[c], true) : pad(row[c], widths[c], false);
                line.append(c == 0 ? "" : "  ").append(c == row.length - 1 ? row[c] : cell);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        String missed = missedText(r);
        if (!missed.isEmpty()) {
            out.append(missed).append('\n');
        }
        out.append("total cost: ").append(COST_MEANING).append('\n');
        if (r.split() != null) {
            out.append(splitText(r.split()));
        }
        for (String note : r.notes()) {
            out.append("note: ").append(note).append('\n');
        }
        return out.toString();
    }

    /** What total cost means, said beside it. */
    public static final String COST_MEANING = "the cost per inference the strategies minimise (closed loop: Zeus's "
            + "eta*E + (1-eta)*P_max*T; open-loop arrivals: the energy E), in J-equivalents, times the requests default "
            + "serves in the same time";

    private static String missedText(CompareResult r) {
        List<String> missed = new ArrayList<>();
        for (StrategyResult s : r.strategies()) {
            if (!s.feasible()) {
                missed.add(String.format(Locale.ROOT, "%s (p95 %.2f ms)", s.name(), s.latencyP95Ms()));
            }
        }
        return missed.isEmpty() ? "" : "MISSED the SLO, so their energy is no saving: " + String.join(", ", missed);
    }

    private static String splitText(SavingSplit split) {
        StringBuilder out = new StringBuilder("saving against default, split (" + split.reference() + "):\n");
        for (Map.Entry<String, SavingSplit.Part> part : parts(split).entrySet()) {
            out.append(String.format(Locale.ROOT, "  %-14s %s%n", part.getKey(), partText(part.getValue())));
        }
        return out.toString();
    }

    private static String partText(SavingSplit.Part part) {
        if (part.configuration() == null) {
            return part.note();
        }
        return String.format(Locale.ROOT, "%s per inference  (%s)", savingText(part.saving()),
                ConfigurationText.of(part.configuration()));
    }

    private static Map<String, SavingSplit.Part> parts(SavingSplit split) {
        Map<String, SavingSplit.Part> parts = new java.util.LinkedHashMap<>();
        parts.put("batching only", split.batchingOnly());
        parts.put("DVFS only", split.dvfsOnly());
        parts.put("both", split.both());
        return parts;
    }

    /** The table as markdown (the strategy rows only; the caller writes the heading). */
    public static String markdown(CompareResult r) {
        StringBuilder t = new StringBuilder("|");
        StringBuilder rule = new StringBuilder("|");
        for (int c = 0; c < COLUMNS.size(); c++) {
            t.append(' ').append(COLUMNS.get(c).header()).append(" |");
            rule.append(c == 0 || c == COLUMNS.size() - 1 ? " --- |" : " ---: |");
        }
        t.append('\n').append(rule).append('\n');
        for (StrategyResult s : r.strategies()) {
            String[] cells = cells(s);
            cells[cells.length - 1] = "`" + cells[cells.length - 1] + "`";
            t.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        String missed = missedText(r);
        return missed.isEmpty() ? t.toString() : t + "\n" + missed + ".\n";
    }

    /** The split as a markdown table. */
    public static String splitMarkdown(SavingSplit split) {
        StringBuilder t = new StringBuilder("| part | energy per inference vs default | configuration |\n| --- | ---: | --- |\n");
        for (Map.Entry<String, SavingSplit.Part> part : parts(split).entrySet()) {
            SavingSplit.Part p = part.getValue();
            t.append("| ").append(part.getKey()).append(" | ")
                    .append(p.configuration() == null ? NONE : savingText(p.saving())).append(" | ")
                    .append(p.configuration() == null ? p.note() : "`" + ConfigurationText.of(p.configuration()) + "`")
                    .append(" |\n");
        }
        return t.toString();
    }

    /** An HTML {@code <table>} of the strategies, infeasible rows marked. */
    public static String html(CompareResult r) {
        StringBuilder h = new StringBuilder("<table>\n<tr>");
        for (Column column : COLUMNS) {
            h.append("<th>").append(escape(column.header())).append("</th>");
        }
        h.append("</tr>\n");
        for (StrategyResult s : r.strategies()) {
            h.append(s.feasible() ? "<tr>" : "<tr class=\"missed\">");
            String[] cells = cells(s);
            for (int c = 0; c < cells.length; c++) {
                h.append(c == cells.length - 1 ? "<td class=\"cfg\">" : "<td>").append(escape(cells[c])).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
        String missed = missedText(r);
        return missed.isEmpty() ? h.toString() : h + "<p class=\"missed\">" + escape(missed) + ".</p>\n";
    }

    /** The split as an HTML table. */
    public static String splitHtml(SavingSplit split) {
        StringBuilder h = new StringBuilder("<table>\n<tr><th>part</th><th>energy per inference vs default</th>"
                + "<th>configuration</th></tr>\n");
        for (Map.Entry<String, SavingSplit.Part> part : parts(split).entrySet()) {
            SavingSplit.Part p = part.getValue();
            h.append("<tr><td>").append(escape(part.getKey())).append("</td><td>")
                    .append(p.configuration() == null ? NONE : savingText(p.saving()))
                    .append("</td><td class=\"cfg\">")
                    .append(escape(p.configuration() == null ? p.note() : ConfigurationText.of(p.configuration())))
                    .append("</td></tr>\n");
        }
        return h.append("</table>\n").toString();
    }

    /**
     * CSV for programs: one row per strategy, raw numbers in the units their names carry, empty where unknown, and a
     * {@code source} column that says SIMULATED, MEASURED or ESTIMATED on every row.
     */
    public static String csv(CompareResult r) {
        String source = r.simulated() ? "SIMULATED" : r.energy().estimated() ? "ESTIMATED" : "MEASURED";
        StringBuilder out = new StringBuilder("source,scope");
        for (Column column : COLUMNS) {
            out.append(',').append(column.csv());
        }
        out.append('\n');
        for (StrategyResult s : r.strategies()) {
            out.append(source).append(',').append(r.energy().scope());
            for (Column column : COLUMNS) {
                out.append(',').append(csvValue(column.raw().apply(s)));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String csvValue(Object value) {
        if (value == null || value instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return "";
        }
        String text = value.toString();
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static String[] cells(StrategyResult s) {
        String[] cells = new String[COLUMNS.size()];
        for (int c = 0; c < cells.length; c++) {
            cells[c] = COLUMNS.get(c).shown().apply(s);
        }
        return cells;
    }

    private static String converge(StrategyResult s) {
        if (!s.adaptive()) {
            return "static";
        }
        return s.samplesToConverge() == null ? "never" : s.samplesToConverge().toString();
    }

    /** The knobs line: what was tuned and what was held. */
    public static String knobsText(CompareResult.Knobs knobs) {
        String tuned = knobs.tuned().isEmpty() ? "none tuned" : "tuned " + String.join(", ", knobs.tuned());
        return knobs.held().isEmpty() ? tuned : tuned + "; held " + ConfigurationText.of(knobs.held());
    }

    /**
     * A saving as people read it: {@code 25.5% less energy}, or {@code 1.3% more energy} where the cost-optimal
     * configuration spends more energy to save time.
     */
    public static String savingText(double saving) {
        return String.format(Locale.ROOT, "%.1f%% %s energy", Math.abs(saving) * 100, saving < 0 ? "more" : "less");
    }

    static String number(Double value, String format) {
        return value == null || value.isNaN() || value.isInfinite() ? NONE : String.format(Locale.ROOT, format, value);
    }

    private static String pad(String text, int width, boolean left) {
        StringBuilder padded = new StringBuilder();
        if (!left) {
            padded.append(" ".repeat(Math.max(0, width - text.length())));
        }
        padded.append(text);
        if (left) {
            padded.append(" ".repeat(Math.max(0, width - text.length())));
        }
        return padded.toString();
    }

    /** {@code text} safe inside HTML. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
