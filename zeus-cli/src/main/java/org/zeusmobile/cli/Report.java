package org.zeusmobile.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.zeusmobile.lab.CompareResult;
import org.zeusmobile.lab.ResultTable;

/**
 * Writes the comparison report from a results document (the compare schema plus the profiled configurations and
 * each strategy's timeline): report.html with its images inline, pareto.png, pareto.svg, timeline.png,
 * results.json and results.csv. Every file says SIMULATED where the numbers are (the plots' titles, the page's
 * banner, JSON's {@code simulated}, CSV's {@code source} column).
 */
final class Report {

    static final String[] FILES = {"report.html", "pareto.png", "pareto.svg", "timeline.png", "results.json",
        "results.csv"};

    private Report() {
    }

    /** Writes every report file into {@code outDir} (created if needed) and returns their paths. */
    static List<Path> write(CompareResult results, Path outDir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(outDir);
        List<Path> written = new ArrayList<>();
        XYChart pareto = Plots.pareto(results);
        byte[] paretoPng = BitmapEncoder.getBitmapBytes(pareto, BitmapEncoder.BitmapFormat.PNG);
        written.add(writeBytes(outDir.resolve("pareto.png"), paretoPng));
        written.add(writeSvg(pareto, outDir.resolve("pareto.svg"), pareto.getTitle()));
        byte[] timelinePng = Plots.timelinePng(results);
        written.add(writeBytes(outDir.resolve("timeline.png"), timelinePng));
        written.add(writeText(outDir.resolve("results.json"), results.toReportJson()));
        written.add(writeText(outDir.resolve("results.csv"), ResultTable.csv(results)));
        written.add(writeText(outDir.resolve("report.html"), html(results, paretoPng, timelinePng)));
        return written;
    }

    /**
     * The chart as SVG with its title as the document's {@code <title>}: the plot draws its text as outlines, so
     * this is where the words (SIMULATED among them) stay readable.
     */
    private static Path writeSvg(XYChart chart, Path path, String title) throws IOException {
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        String text = svg.toString(StandardCharsets.UTF_8);
        int open = text.indexOf('>', text.indexOf("<svg")) + 1;
        return writeText(path, text.substring(0, open) + "\n  <title>" + esc(title) + "</title>" + text.substring(open));
    }

    private static Path writeBytes(Path path, byte[] bytes) throws IOException {
        Files.write(path, bytes);
        return path;
    }

    private static Path writeText(Path path, String text) throws IOException {
        return writeBytes(path, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String html(CompareResult r, byte[] paretoPng, byte[] timelinePng) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Zeus Mobile report: ")
                .append(esc(r.model())).append(" on ").append(esc(r.device())).append(r.simulated() ? " (SIMULATED)" : "")
                .append("</title>\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2em auto;"
                        + "max-width:1200px;color:#222;padding:0 1em}\n")
                .append("table{border-collapse:collapse;margin:1em 0;font-size:13px}\n")
                .append("th,td{border:1px solid #ccc;padding:4px 6px;text-align:right}\n")
                .append("th{background:#f2f2f2} td:first-child,th:first-child{text-align:left}\n")
                .append("td.cfg{text-align:left;font-family:monospace;font-size:12px;max-width:300px}\n")
                .append("tr.missed td{color:#a00} p.missed{color:#a00;font-weight:bold}\n")
                .append(".sim{background:#fff3cd;border:2px solid #e0a800;padding:.6em 1em;font-weight:bold;"
                        + "font-size:1.1em}\n")
                .append("img{max-width:100%;border:1px solid #ddd} dt{font-weight:bold} dd{margin:0 0 .5em 1em}\n")
                .append("</style></head><body>\n");
        h.append("<h1>Zeus Mobile: ").append(esc(r.model())).append(" on ").append(esc(r.device())).append("</h1>\n");
        if (r.simulated()) {
            h.append("<p class=\"sim\">SIMULATED: every number on this page comes from the simulated SoC, "
                    + "not from a real device.</p>\n");
        }
        h.append("<h2>Setting</h2>\n<dl>\n");
        dl(h, "Device", r.device() + suffix(r.deviceDescription()));
        dl(h, "Model", r.model() + suffix(r.modelDescription()));
        dl(h, "Energy", r.energy().description());
        dl(h, "Knobs", ResultTable.knobsText(r.knobs()));
        dl(h, "Latency SLO (p95)", String.format(Locale.ROOT, "%.2f ms", r.sloMs()));
        dl(h, "eta (energy weight)", String.format(Locale.ROOT, "%.2f", r.eta()));
        dl(h, "Scenario / trace", r.scenario() + " / " + r.trace());
        dl(h, "Seeds", Integer.toString(r.seeds()));
        h.append("</dl>\n<h2>Summary</h2>\n").append(ResultTable.html(r));
        h.append("<p>Energy ratios below 1 mean less energy than the baseline. <code>default</code> is the governors at "
                + "batch 1; <code>default-batched</code> the governors at the largest batch that meets the SLO. A "
                + "strategy that missed the SLO shows no ratios: its energy is not a saving. Total cost: ")
                .append(esc(ResultTable.COST_MEANING)).append(". ")
                .append(r.simulated() ? "The oracle is the best static configuration that meets the SLO when run "
                        + "through the scenario." : "There is no oracle on real hardware: those columns are empty.")
                .append("</p>\n");
        if (r.split() != null) {
            h.append("<h2>Where the saving comes from</h2>\n<p>").append(esc(r.split().reference())).append(".</p>\n")
                    .append(ResultTable.splitHtml(r.split()));
        }
        for (String note : r.notes()) {
            h.append("<p><b>Note:</b> ").append(esc(note)).append(".</p>\n");
        }
        h.append("<h2>Pareto front</h2>\n<p>Energy per inference against p95 latency for every profiled "
                + "configuration (grey; the axes frame the strategies); the dashed red line is the SLO; each strategy "
                + "has its own colour and outlined marker.</p>\n")
                .append("<img alt=\"Pareto front\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(paretoPng)).append("\">\n");
        h.append("<h2>Timeline</h2>\n<p>Power, temperature and every knob over the run, for each strategy (first "
                + "seed): frequencies as the hardware ran them (solid, governors and thermal caps included) and, where "
                + "a cap held them below it, as pinned (dashed).</p>\n<img alt=\"Timeline\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(timelinePng)).append("\">\n");
        h.append("<p><small>Generated by zeus-mobile").append(r.simulated() ? " from SIMULATED measurements" : "")
                .append(".</small></p>\n</body></html>\n");
        return h.toString();
    }

    private static String suffix(String description) {
        return description == null || description.isEmpty() ? "" : ": " + description;
    }

    private static void dl(StringBuilder h, String term, String definition) {
        h.append("<dt>").append(esc(term)).append("</dt><dd>").append(esc(definition)).append("</dd>\n");
    }

    private static String esc(String text) {
        return ResultTable.escape(text);
    }

    /** Reads a results document, with a clear error for a missing or malformed file. */
    static CompareResult read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("results file " + file + " does not exist (make one with: "
                    + "zeus-mobile compare --out DIR)");
        }
        try {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            ResultsCheck.require(Json.MAPPER.readTree(text));
            return CompareResult.fromJson(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("results file " + file + " is not valid JSON: " + Json.describe(e));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("results file " + file + ": " + e.getMessage());
        }
    }
}
