package org.zeusmobile.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Writes the comparison report from a results document (the compare JSON, schema 1, plus the
 * profiled configurations and per-strategy timelines): report.html with its images inline,
 * pareto.png, pareto.svg, timeline.png, results.json and results.csv.
 */
final class Report {

    static final String[] FILES = {"report.html", "pareto.png", "pareto.svg", "timeline.png", "results.json",
        "results.csv"};

    private static final String[] CSV_COLUMNS = {"name", "energy_per_inference_j", "latency_p50_ms", "latency_p95_ms",
        "latency_p99_ms", "slo_violation_rate", "total_cost", "samples_to_converge", "exploration_energy_j",
        "energy_vs_default", "energy_vs_oracle"};

    /** One colour per strategy, the same in every plot (strategies keep their order in the results). */
    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(23, 190, 207)};

    private Report() {
    }

    private static Color colour(JsonNode results, String strategy) {
        int i = 0;
        for (JsonNode s : results.path("strategies")) {
            if (s.path("name").asText().equals(strategy)) {
                return PALETTE[i % PALETTE.length];
            }
            i++;
        }
        return Color.DARK_GRAY;
    }

    /** Writes every report file into {@code outDir} (created if needed) and returns their paths. */
    static List<Path> write(JsonNode results, Path outDir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        requireResults(results);
        Files.createDirectories(outDir);
        List<Path> written = new ArrayList<>();
        XYChart pareto = paretoChart(results);
        byte[] paretoPng = BitmapEncoder.getBitmapBytes(pareto, BitmapEncoder.BitmapFormat.PNG);
        written.add(writeBytes(outDir.resolve("pareto.png"), paretoPng));
        VectorGraphicsEncoder.saveVectorGraphic(pareto, outDir.resolve("pareto").toString(),
                VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        written.add(outDir.resolve("pareto.svg"));
        byte[] timelinePng = timelinePng(results);
        written.add(writeBytes(outDir.resolve("timeline.png"), timelinePng));
        written.add(writeBytes(outDir.resolve("results.json"), Json.write(results).getBytes(StandardCharsets.UTF_8)));
        written.add(writeBytes(outDir.resolve("results.csv"), csv(results).getBytes(StandardCharsets.UTF_8)));
        written.add(writeBytes(outDir.resolve("report.html"),
                html(results, paretoPng, timelinePng).getBytes(StandardCharsets.UTF_8)));
        return written;
    }

    private static void requireResults(JsonNode results) {
        if (results == null || !results.isObject() || !results.has("strategies") || !results.path("strategies").isArray()) {
            throw new IllegalArgumentException("not a zeus-mobile results document: it has no \"strategies\" array "
                    + "(make one with: zeus-mobile compare --out DIR)");
        }
        if (results.path("schema").asInt(-1) != 1) {
            throw new IllegalArgumentException("results document has schema " + results.path("schema")
                    + "; this version reads schema 1");
        }
    }

    private static Path writeBytes(Path path, byte[] bytes) throws IOException {
        Files.write(path, bytes);
        return path;
    }

    private static boolean simulated(JsonNode results) {
        return results.path("simulated").asBoolean(false);
    }

    private static String title(JsonNode results, String what) {
        return what + " — " + results.path("model").asText() + " on " + results.path("device").asText()
                + (simulated(results) ? " (SIMULATED)" : "");
    }

    static XYChart paretoChart(JsonNode results) {
        XYChart chart = new XYChartBuilder().width(900).height(560).title(title(results, "Energy vs latency"))
                .xAxisTitle("p95 latency (ms)").yAxisTitle("energy per inference (mJ)").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        List<Double> allX = new ArrayList<>();
        List<Double> allY = new ArrayList<>();
        List<Double> frontX = new ArrayList<>();
        List<Double> frontY = new ArrayList<>();
        for (JsonNode c : results.path("profile")) {
            double x = c.path("latency_p95_ms").asDouble();
            double y = c.path("energy_per_inference_j").asDouble() * 1e3;
            allX.add(x);
            allY.add(y);
            if (c.path("pareto").asBoolean(false)) {
                frontX.add(x);
                frontY.add(y);
            }
        }
        if (!allX.isEmpty()) {
            XYSeries all = chart.addSeries("profiled configurations", allX, allY);
            all.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            all.setMarker(SeriesMarkers.CIRCLE);
            all.setMarkerColor(new Color(170, 170, 170));
        }
        if (!frontX.isEmpty()) {
            sortByX(frontX, frontY);
            XYSeries front = chart.addSeries("Pareto front", frontX, frontY);
            front.setMarker(SeriesMarkers.NONE);
            front.setLineColor(new Color(60, 60, 60));
        }
        double minY = Double.MAX_VALUE;
        double maxY = 0;
        for (JsonNode s : results.path("strategies")) {
            double x = s.path("latency_p95_ms").asDouble();
            double y = s.path("energy_per_inference_j").asDouble() * 1e3;
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
            XYSeries choice = chart.addSeries(s.path("name").asText(), new double[] {x}, new double[] {y});
            choice.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            choice.setMarker(SeriesMarkers.DIAMOND);
            choice.setMarkerColor(colour(results, s.path("name").asText()));
        }
        for (double y : allY) {
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
        }
        double slo = results.path("slo_ms").asDouble(Double.NaN);
        if (!Double.isNaN(slo) && maxY > 0) {
            XYSeries line = chart.addSeries(String.format(Locale.ROOT, "SLO %.1f ms", slo), new double[] {slo, slo},
                    new double[] {minY * 0.9, maxY * 1.1});
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(Color.RED);
            line.setLineStyle(SeriesLines.DASH_DASH);
        }
        return chart;
    }

    private static void sortByX(List<Double> xs, List<Double> ys) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            points.add(new double[] {xs.get(i), ys.get(i)});
        }
        points.sort((a, b) -> Double.compare(a[0], b[0]));
        xs.clear();
        ys.clear();
        for (double[] p : points) {
            xs.add(p[0]);
            ys.add(p[1]);
        }
    }

    /** Three stacked panels sharing the time axis: power, temperature, and the pinned GPU (or first) frequency. */
    static byte[] timelinePng(JsonNode results) throws IOException {
        XYChart power = timelineChart(results, "Power over time", "power (W)");
        XYChart temperature = timelineChart(results, "Temperature over time", "hottest sensor (°C)");
        XYChart configuration = timelineChart(results, "Configuration over time", "");
        String knob = timelineKnob(results);
        configuration.setYAxisTitle(knob == null ? "configuration"
                : knob + (knob.endsWith(".freq") ? " pinned (MHz)" : " pinned"));
        for (JsonNode timeline : results.path("timelines")) {
            String name = timeline.path("strategy").asText();
            List<Double> t = new ArrayList<>();
            List<Double> w = new ArrayList<>();
            List<Double> c = new ArrayList<>();
            List<Double> kt = new ArrayList<>();
            List<Double> kv = new ArrayList<>();
            for (JsonNode point : timeline.path("points")) {
                double ts = point.path("t_s").asDouble();
                t.add(ts);
                w.add(point.path("power_w").asDouble(Double.NaN));
                c.add(point.path("temperature_c").asDouble(Double.NaN));
                JsonNode value = knob == null ? null : point.path("configuration").get(knob);
                if (value != null && value.isNumber()) {
                    kt.add(ts);
                    kv.add(knob.endsWith(".freq") ? value.asDouble() / 1e6 : value.asDouble());
                }
            }
            if (t.isEmpty()) {
                continue;
            }
            Color colour = colour(results, name);
            addLine(power, name, t, w, colour);
            addLine(temperature, name, t, c, colour);
            if (!kt.isEmpty()) {
                addLine(configuration, name, kt, kv, colour);
            }
        }
        // A device without thermal sensors (a host) gets no empty temperature panel.
        BufferedImage[] panels = anyTemperature(results)
                ? new BufferedImage[] {BitmapEncoder.getBufferedImage(power), BitmapEncoder.getBufferedImage(temperature),
                    BitmapEncoder.getBufferedImage(configuration)}
                : new BufferedImage[] {BitmapEncoder.getBufferedImage(power), BitmapEncoder.getBufferedImage(configuration)};
        int height = 0;
        for (BufferedImage panel : panels) {
            height += panel.getHeight();
        }
        BufferedImage image = new BufferedImage(panels[0].getWidth(), height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        int y = 0;
        for (BufferedImage panel : panels) {
            g.drawImage(panel, 0, y, null);
            y += panel.getHeight();
        }
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    /**
     * The knob the configuration panel shows: gpu.freq when any point pins it, else the pinned knob that takes
     * the most distinct values (the one the strategies moved), the first such on ties.
     */
    private static String timelineKnob(JsonNode results) {
        Map<String, Set<String>> values = new LinkedHashMap<>();
        for (JsonNode timeline : results.path("timelines")) {
            for (JsonNode point : timeline.path("points")) {
                Iterator<Map.Entry<String, JsonNode>> pins = point.path("configuration").fields();
                while (pins.hasNext()) {
                    Map.Entry<String, JsonNode> pin = pins.next();
                    if (pin.getKey().equals("gpu.freq")) {
                        return pin.getKey();
                    }
                    values.computeIfAbsent(pin.getKey(), k -> new HashSet<>()).add(pin.getValue().asText());
                }
            }
        }
        String best = null;
        for (Map.Entry<String, Set<String>> knob : values.entrySet()) {
            if (best == null || knob.getValue().size() > values.get(best).size()) {
                best = knob.getKey();
            }
        }
        return best;
    }

    private static boolean anyTemperature(JsonNode results) {
        for (JsonNode timeline : results.path("timelines")) {
            for (JsonNode point : timeline.path("points")) {
                if (point.path("temperature_c").isNumber()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static XYChart timelineChart(JsonNode results, String what, String yTitle) {
        XYChart chart = new XYChartBuilder().width(1000).height(340).title(title(results, what))
                .xAxisTitle("time (s)").yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        return chart;
    }

    private static void addLine(XYChart chart, String name, List<Double> x, List<Double> y, Color colour) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(colour);
    }

    static String csv(JsonNode results) {
        StringBuilder csv = new StringBuilder(String.join(",", CSV_COLUMNS)).append(",final_configuration\n");
        for (JsonNode s : results.path("strategies")) {
            for (int i = 0; i < CSV_COLUMNS.length; i++) {
                JsonNode value = s.path(CSV_COLUMNS[i]);
                csv.append(i == 0 ? "" : ",").append(value.isNull() || value.isMissingNode() ? "" : value.asText());
            }
            csv.append(",\"").append(configurationText(s.path("final_configuration"), false)).append("\"\n");
        }
        return csv.toString();
    }

    /** Knob values for people: frequencies in MHz. */
    static String configurationText(JsonNode configuration) {
        return configurationText(configuration, true);
    }

    static String configurationText(JsonNode configuration, boolean human) {
        if (configuration == null || !configuration.isObject() || configuration.size() == 0) {
            return "governed";
        }
        StringBuilder text = new StringBuilder();
        Iterator<Map.Entry<String, JsonNode>> fields = configuration.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String value = human && field.getKey().endsWith(".freq") && field.getValue().isNumber()
                    ? String.format(Locale.ROOT, "%.0fMHz", field.getValue().asDouble() / 1e6) : field.getValue().asText();
            text.append(text.length() == 0 ? "" : human ? ", " : ",").append(field.getKey()).append('=').append(value);
        }
        return text.toString();
    }

    private static String html(JsonNode results, byte[] paretoPng, byte[] timelinePng) {
        boolean simulated = simulated(results);
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Zeus Mobile report: ")
                .append(esc(results.path("model").asText())).append(" on ").append(esc(results.path("device").asText()))
                .append(simulated ? " (simulated)" : "").append("</title>\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2em auto;"
                        + "max-width:1100px;color:#222;padding:0 1em}\n")
                .append("table{border-collapse:collapse;margin:1em 0;font-size:14px}\n")
                .append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}\n")
                .append("th{background:#f2f2f2} td:first-child,th:first-child{text-align:left}\n")
                .append("td.cfg{text-align:left;font-family:monospace;font-size:12px;max-width:300px}\n")
                .append(".sim{background:#fff3cd;border:2px solid #e0a800;padding:.6em 1em;font-weight:bold;"
                        + "font-size:1.1em}\n")
                .append("img{max-width:100%;border:1px solid #ddd} dt{font-weight:bold} dd{margin:0 0 .5em 1em}\n")
                .append("</style></head><body>\n");
        h.append("<h1>Zeus Mobile: ").append(esc(results.path("model").asText())).append(" on ")
                .append(esc(results.path("device").asText())).append("</h1>\n");
        if (simulated) {
            h.append("<p class=\"sim\">SIMULATED: every number on this page comes from the simulated SoC, "
                    + "not from a real device.</p>\n");
        }
        h.append("<h2>Setting</h2>\n<dl>\n");
        dl(h, "Device", results.path("device").asText() + descriptionSuffix(results.path("device_description")));
        dl(h, "Model", results.path("model").asText() + descriptionSuffix(results.path("model_description")));
        dl(h, "Latency SLO (p95)", String.format(Locale.ROOT, "%.2f ms", results.path("slo_ms").asDouble()));
        dl(h, "eta (energy weight)", results.path("eta").asText());
        dl(h, "Scenario / trace", results.path("scenario").asText() + " / " + results.path("trace").asText());
        dl(h, "Seeds", results.path("seeds").asText());
        h.append("</dl>\n<h2>Summary</h2>\n<table>\n<tr><th>strategy</th><th>energy / inference (mJ)</th>"
                + "<th>p50 (ms)</th><th>p95 (ms)</th><th>p99 (ms)</th><th>SLO violations</th><th>total cost</th>"
                + "<th>samples to converge</th><th>exploration energy (J)</th><th>energy vs default</th>"
                + "<th>energy vs oracle</th><th>final configuration</th></tr>\n");
        for (JsonNode s : results.path("strategies")) {
            h.append("<tr><td>").append(esc(s.path("name").asText())).append("</td>")
                    .append(td(s.path("energy_per_inference_j").asDouble() * 1e3, "%.3f"))
                    .append(td(s.path("latency_p50_ms").asDouble(), "%.2f"))
                    .append(td(s.path("latency_p95_ms").asDouble(), "%.2f"))
                    .append(td(s.path("latency_p99_ms").asDouble(), "%.2f"))
                    .append(td(s.path("slo_violation_rate").asDouble() * 100, "%.2f%%"))
                    .append(td(s.path("total_cost").asDouble(), "%.4g"))
                    .append("<td>").append(converge(s)).append("</td>")
                    .append(td(s.path("exploration_energy_j").asDouble(Double.NaN), "%.3f"))
                    .append(td(s.path("energy_vs_default").asDouble(), "%.3f"))
                    .append(td(s.path("energy_vs_oracle").asDouble(Double.NaN), "%.3f"))
                    .append("<td class=\"cfg\">").append(esc(configurationText(s.path("final_configuration"))))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n<p>Energy ratios below 1 mean less energy than the default governors (or the oracle). ")
                .append(simulated ? "The oracle is the best static configuration, found exhaustively on the "
                        + "simulator's noise-free model." : "There is no oracle on real hardware: those columns are empty.")
                .append("</p>\n");
        h.append("<h2>Pareto front</h2>\n<p>Energy per inference against p95 latency for every profiled "
                + "configuration; the dashed red line is the SLO; diamonds mark each strategy's outcome.</p>\n")
                .append("<img alt=\"Pareto front\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(paretoPng)).append("\">\n");
        h.append("<h2>Timeline</h2>\n<p>Power, temperature and configuration over the run, for each strategy "
                + "(first seed).</p>\n<img alt=\"Timeline\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(timelinePng)).append("\">\n");
        h.append("<p><small>Generated by zeus-mobile").append(simulated ? " from simulated measurements" : "")
                .append(".</small></p>\n</body></html>\n");
        return h.toString();
    }

    private static String descriptionSuffix(JsonNode description) {
        return description.isTextual() && !description.asText().isEmpty() ? ": " + description.asText() : "";
    }

    private static void dl(StringBuilder h, String term, String definition) {
        h.append("<dt>").append(esc(term)).append("</dt><dd>").append(esc(definition)).append("</dd>\n");
    }

    /** Windows to converge; "never" when a run did not settle, "–" without an oracle to settle on. */
    private static String converge(JsonNode strategy) {
        if (strategy.path("samples_to_converge").isNumber()) {
            return strategy.path("samples_to_converge").asText();
        }
        return strategy.path("energy_vs_oracle").isNumber() ? "never" : "–";
    }

    private static String td(double value, String format) {
        return "<td>" + (Double.isNaN(value) ? "–" : String.format(Locale.ROOT, format, value)) + "</td>";
    }

    private static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A results document's strategies as rows of the stdout table. */
    static String table(JsonNode results) {
        StringBuilder t = new StringBuilder();
        if (simulated(results)) {
            t.append("SIMULATED results\n");
        }
        t.append(String.format(Locale.ROOT, "%s on %s, scenario %s, trace %s, SLO p95 <= %.2f ms, eta %s, %s seed(s)%n",
                results.path("model").asText(), results.path("device").asText(), results.path("scenario").asText(),
                results.path("trace").asText(), results.path("slo_ms").asDouble(), results.path("eta").asText(),
                results.path("seeds").asText()));
        t.append(String.format(Locale.ROOT, "%-16s %12s %9s %9s %9s %8s %11s %9s %10s %10s%n", "strategy", "mJ/inference",
                "p50 ms", "p95 ms", "p99 ms", "SLO miss", "total cost", "converge", "vs default", "vs oracle"));
        for (JsonNode s : results.path("strategies")) {
            t.append(String.format(Locale.ROOT, "%-16s %12.3f %9.2f %9.2f %9.2f %7.2f%% %11.4g %9s %10.3f %10.3f%n",
                    s.path("name").asText(), s.path("energy_per_inference_j").asDouble() * 1e3,
                    s.path("latency_p50_ms").asDouble(), s.path("latency_p95_ms").asDouble(),
                    s.path("latency_p99_ms").asDouble(), s.path("slo_violation_rate").asDouble() * 100,
                    s.path("total_cost").asDouble(),
                    converge(s),
                    s.path("energy_vs_default").asDouble(), s.path("energy_vs_oracle").asDouble(Double.NaN)));
        }
        return t.toString();
    }

    /** Reads a results document, with a clear error for a missing or malformed file. */
    static JsonNode read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("results file " + file + " does not exist (make one with: "
                    + "zeus-mobile compare --out DIR)");
        }
        try {
            JsonNode node = Json.MAPPER.readTree(file.toFile());
            requireResults(node);
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException("results file " + file + " is not valid JSON: "
                    + e.getMessage().split("\n")[0]);
        }
    }
}
