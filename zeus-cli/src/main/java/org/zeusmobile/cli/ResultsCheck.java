package org.zeusmobile.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import org.zeusmobile.lab.CompareResult;

/**
 * What a results document (results.json) must hold before a report is drawn from it, beyond what the results
 * model parses: numbers where numbers belong (a string such as "abc" is refused, not copied into the CSV), and a
 * simulator's results marked simulated (a report must not pass simulated numbers off as measured ones by
 * dropping the SIMULATED banner). Each refusal names the field.
 */
final class ResultsCheck {

    /** The strategy fields that hold numbers (or null where unknown). */
    private static final String[] NUMBERS = {"energy_per_inference_j", "latency_p50_ms", "latency_p95_ms",
        "latency_p99_ms", "slo_violation_rate", "total_cost_j", "configuration_changes", "exploration_cost_j",
        "energy_vs_default", "energy_vs_default_batched", "energy_vs_oracle"};
    private static final String[] CONFIGURATIONS = {"final_configuration", "recommended_configuration"};

    private ResultsCheck() {
    }

    /** Refuses {@code results} with an IllegalArgumentException that names the field, unless it is sound. */
    static void require(JsonNode results) {
        if (results == null || !results.isObject() || !results.path("strategies").isArray()
                || results.path("schema").asInt(-1) != CompareResult.SCHEMA) {
            return; // the results model says what is missing or which schema it reads
        }
        if (!results.path("simulated").isBoolean()) {
            throw new IllegalArgumentException("\"simulated\" must be true or false, got " + results.path("simulated"));
        }
        if (!results.path("device").isTextual()) {
            throw new IllegalArgumentException("\"device\" must be a device spec, got " + results.path("device"));
        }
        if (results.path("device").asText().startsWith("sim:") && !results.path("simulated").asBoolean()) {
            throw new IllegalArgumentException("it says \"simulated\": false, but its device " + results.path("device")
                    .asText() + " is the simulator: refusing to present simulated numbers as measured ones");
        }
        number(results, "slo_ms", "");
        number(results, "eta", "");
        int index = 0;
        for (JsonNode strategy : results.path("strategies")) {
            String where = "strategies[" + index++ + "].";
            for (String field : NUMBERS) {
                number(strategy, field, where);
            }
            for (String field : CONFIGURATIONS) {
                Iterator<Map.Entry<String, JsonNode>> pins = strategy.path(field).fields();
                while (pins.hasNext()) {
                    Map.Entry<String, JsonNode> pin = pins.next();
                    if (!pin.getValue().isIntegralNumber()) {
                        throw new IllegalArgumentException(where + field + "." + pin.getKey() + " is " + pin.getValue()
                                + ", not a knob value (a whole number)");
                    }
                }
            }
        }
    }

    /** A number, or null, or absent. */
    private static void number(JsonNode node, String field, String where) {
        JsonNode value = node.path(field);
        if (!value.isMissingNode() && !value.isNull() && !value.isNumber()) {
            throw new IllegalArgumentException(where + field + " is " + value + ", not a number");
        }
    }
}
