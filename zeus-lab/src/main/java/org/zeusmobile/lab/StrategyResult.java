package org.zeusmobile.lab;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.zeusmobile.core.control.Window;

/** One strategy's numbers in a comparison, pooled over the seeds (the compare --json schema's strategy entry). */
@JsonPropertyOrder({"name", "energy_per_inference_j", "latency_p50_ms", "latency_p95_ms", "latency_p99_ms",
        "slo_violation_rate", "total_cost", "samples_to_converge", "exploration_energy_j", "energy_vs_default",
        "energy_vs_oracle", "final_configuration"})
public final class StrategyResult {

    /** One point of a strategy's timeline (first seed): a measurement window. */
    public record TimelinePoint(double timeS, String configuration, double powerW, double temperatureC,
            double energyPerInferenceJ, double latencyP95Ms) {

        /** A run's windows as timeline points. */
        static List<TimelinePoint> of(List<Window> windows) {
            List<TimelinePoint> points = new ArrayList<>();
            for (Window w : windows) {
                points.add(new TimelinePoint(w.endNs() / 1e9, w.configuration().toString(), w.powerW(),
                        w.temperatureC(), w.inferences() > 0 ? w.energyJ() / w.inferences() : Double.NaN,
                        w.latencyP95S() * 1e3));
            }
            return points;
        }
    }

    @JsonProperty("name")
    public final String name;
    /** Energy per inference in J over every seed's whole run (true energy from the simulator). */
    @JsonProperty("energy_per_inference_j")
    public final double energyPerInferenceJ;
    @JsonProperty("latency_p50_ms")
    public final double latencyP50Ms;
    @JsonProperty("latency_p95_ms")
    public final double latencyP95Ms;
    @JsonProperty("latency_p99_ms")
    public final double latencyP99Ms;
    /** The fraction of requests whose latency exceeded the SLO. */
    @JsonProperty("slo_violation_rate")
    public final double sloViolationRate;
    /**
     * The Zeus cost of serving the requests {@code default} served in the same run:
     * (eta E + (1 - eta) P_max T) per inference times that count, mean over seeds, J-equivalents.
     */
    @JsonProperty("total_cost")
    public final double totalCost;
    /** Mean over seeds of the first window after which the strategy's answer stays within 5% of the oracle's cost; null when some seed never settled. */
    @JsonProperty("samples_to_converge")
    public final Integer samplesToConverge;
    /** Energy above the oracle's for the same inferences until convergence (the whole run without it), J, mean over seeds. */
    @JsonProperty("exploration_energy_j")
    public final double explorationEnergyJ;
    @JsonProperty("energy_vs_default")
    public final double energyVsDefault;
    @JsonProperty("energy_vs_oracle")
    public final double energyVsOracle;
    /** The answer most seeds ended with: knob -> value (Hz for frequencies); empty for all-governed. */
    @JsonProperty("final_configuration")
    public final Map<String, Long> finalConfiguration;

    @JsonIgnore
    private final List<TimelinePoint> timeline;

    public StrategyResult(String name, double energyPerInferenceJ, double latencyP50Ms, double latencyP95Ms,
            double latencyP99Ms, double sloViolationRate, double totalCost, Integer samplesToConverge,
            double explorationEnergyJ, double energyVsDefault, double energyVsOracle,
            Map<String, Long> finalConfiguration, List<TimelinePoint> timeline) {
        this.name = name;
        this.energyPerInferenceJ = energyPerInferenceJ;
        this.latencyP50Ms = latencyP50Ms;
        this.latencyP95Ms = latencyP95Ms;
        this.latencyP99Ms = latencyP99Ms;
        this.sloViolationRate = sloViolationRate;
        this.totalCost = totalCost;
        this.samplesToConverge = samplesToConverge;
        this.explorationEnergyJ = explorationEnergyJ;
        this.energyVsDefault = energyVsDefault;
        this.energyVsOracle = energyVsOracle;
        this.finalConfiguration = finalConfiguration;
        this.timeline = timeline;
    }

    /** The first seed's measurement windows, for timeline plots; not part of the JSON schema. */
    @JsonIgnore
    public List<TimelinePoint> timeline() {
        return timeline;
    }
}
