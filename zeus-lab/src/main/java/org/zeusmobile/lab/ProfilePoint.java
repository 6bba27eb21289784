package org.zeusmobile.lab;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.strategy.Prediction;

/** One profiled configuration: energy and latency per inference, and whether it is on the Pareto front. */
@JsonPropertyOrder({"configuration", "energy_per_inference_j", "latency_p50_ms", "latency_p95_ms", "power_w", "pareto"})
public record ProfilePoint(
        @JsonProperty("configuration") Map<String, Long> configuration,
        @JsonProperty("energy_per_inference_j") double energyPerInferenceJ,
        @JsonProperty("latency_p50_ms") double latencyP50Ms,
        @JsonProperty("latency_p95_ms") double latencyP95Ms,
        @JsonProperty("power_w") double powerW,
        @JsonProperty("pareto") boolean pareto) {

    /**
     * A profile's configurations with the Pareto front of energy against p95 latency. Configurations that cannot
     * keep up with the trace have no latency to plot and are left out. In a noise-free profile every request of a
     * configuration sees the same latency, so p50 equals p95.
     */
    public static List<ProfilePoint> of(Map<Configuration, Prediction> profile) {
        List<Prediction> plotted = new ArrayList<>();
        for (Prediction p : profile.values()) {
            if (plottable(p)) {
                plotted.add(p);
            }
        }
        List<ProfilePoint> points = new ArrayList<>();
        for (Map.Entry<Configuration, Prediction> entry : profile.entrySet()) {
            Prediction p = entry.getValue();
            if (plottable(p)) {
                points.add(new ProfilePoint(new java.util.TreeMap<>(entry.getKey().asMap()), p.energyPerInferenceJ(),
                        p.latencyP95S() * 1e3, p.latencyP95S() * 1e3, p.powerW(), onFront(p, plotted)));
            }
        }
        return points;
    }

    private static boolean plottable(Prediction p) {
        return !Double.isInfinite(p.latencyP95S()) && !Double.isNaN(p.energyPerInferenceJ());
    }

    private static boolean onFront(Prediction candidate, List<Prediction> all) {
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
}
