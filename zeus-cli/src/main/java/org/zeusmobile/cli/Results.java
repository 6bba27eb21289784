package org.zeusmobile.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.zeusmobile.lab.CompareResult;
import org.zeusmobile.lab.StrategyResult;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.strategy.Prediction;

/** Builds the documents the CLI writes: the results document behind the report, and the profile document. */
final class Results {

    private Results() {
    }

    /**
     * The compare JSON (schema 1) plus what the report draws: the device and model descriptions, every
     * profiled configuration with its Pareto flag, and each strategy's timeline (first seed).
     */
    static ObjectNode document(CompareResult result, String deviceDescription, String modelDescription,
            Map<Configuration, Prediction> profile) throws IOException {
        ObjectNode doc = (ObjectNode) Json.MAPPER.readTree(result.toJson());
        doc.put("device_description", deviceDescription);
        doc.put("model_description", modelDescription);
        doc.set("profile", Json.MAPPER.valueToTree(configurations(profile)));
        ArrayNode timelines = doc.putArray("timelines");
        for (StrategyResult strategy : result.strategies) {
            ObjectNode timeline = timelines.addObject().put("strategy", strategy.name);
            ArrayNode points = timeline.putArray("points");
            for (StrategyResult.TimelinePoint p : strategy.timeline()) {
                ObjectNode point = points.addObject().put("t_s", p.timeS());
                putNumber(point, "power_w", p.powerW());
                putNumber(point, "temperature_c", p.temperatureC());
                ObjectNode configuration = point.putObject("configuration");
                for (Map.Entry<String, Long> pin : parse(p.configuration()).entrySet()) {
                    configuration.put(pin.getKey(), pin.getValue());
                }
            }
        }
        return doc;
    }

    /** The profile's configurations as the profile JSON lists them, with the Pareto front of energy against p95. */
    static List<Map<String, Object>> configurations(Map<Configuration, Prediction> profile) {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Prediction> predictions = new ArrayList<>(profile.values());
        for (Map.Entry<Configuration, Prediction> entry : profile.entrySet()) {
            Prediction p = entry.getValue();
            if (Double.isInfinite(p.latencyP95S()) || Double.isNaN(p.energyPerInferenceJ())) {
                continue; // cannot keep up with the trace: no latency to plot
            }
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("configuration", entry.getKey().asMap());
            row.put("energy_per_inference_j", p.energyPerInferenceJ());
            // The profile is noise-free steady state: every request of a configuration sees the same latency.
            row.put("latency_p50_ms", p.latencyP95S() * 1e3);
            row.put("latency_p95_ms", p.latencyP95S() * 1e3);
            row.put("power_w", p.powerW());
            row.put("pareto", onParetoFront(p, predictions));
            rows.add(row);
        }
        return rows;
    }

    private static boolean onParetoFront(Prediction candidate, List<Prediction> all) {
        for (Prediction other : all) {
            boolean noWorse = other.energyPerInferenceJ() <= candidate.energyPerInferenceJ()
                    && other.latencyP95S() <= candidate.latencyP95S();
            boolean better = other.energyPerInferenceJ() < candidate.energyPerInferenceJ()
                    || other.latencyP95S() < candidate.latencyP95S();
            if (noWorse && better) {
                return false;
            }
        }
        return true;
    }

    /** Parses a configuration as the harness prints it ({@code knob=value,...} or {@code governed}). */
    static Map<String, Long> parse(String text) {
        Map<String, Long> pins = new java.util.TreeMap<>();
        if (text == null || text.isEmpty() || text.equals("governed")) {
            return pins;
        }
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                pins.put(part.substring(0, eq).trim(), Long.parseLong(part.substring(eq + 1).trim()));
            }
        }
        return pins;
    }

    /** {@code value}, or null where it is unknown (NaN: a device without thermal sensors), as valid JSON. */
    private static void putNumber(ObjectNode node, String key, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            node.putNull(key);
        } else {
            node.put(key, value);
        }
    }

    static JsonNode tree(Object value) {
        return Json.MAPPER.valueToTree(value);
    }
}
