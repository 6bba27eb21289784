package org.zeusmobile.lab;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonView;
import java.util.List;
import java.util.Map;

/**
 * One strategy's numbers in a comparison, pooled over the seeds: the compare schema's strategy entry.
 * Unknown or meaningless numbers are null (NaN for measured ones): no oracle on real hardware, no convergence
 * for a static strategy, and no savings for a strategy that missed the SLO.
 *
 * @param feasible whether the pooled p95 latency met the SLO (DESIGN.md: a configuration that misses it is
 *     infeasible whatever its cost); an infeasible strategy's energy ratios are null, not savings
 * @param adaptive whether the strategy learns (static ones run one configuration throughout)
 * @param energyPerInferenceJ over every seed's whole run, exploration included, in the comparison's energy scope
 * @param sloViolationRate the share of requests whose latency exceeded the SLO
 * @param totalCostJ the cost per inference the strategies minimise (closed loop: Zeus's eta E + (1 - eta) P_max T;
 *     open loop: E), J-equivalents, times the requests {@code default} serves in the run's length, mean over seeds
 * @param samplesToConverge windows until the strategy settled for good on its final configuration (no change in
 *     at least the last quarter of the run) where that configuration costs within 5% of the oracle's run over the
 *     same span and meets the SLO; null when some seed never settled, or for a static strategy
 * @param configurationChanges how often the configuration changed between windows, mean over seeds
 * @param explorationCostJ the cost of the windows before settling above what the settled configuration costs for
 *     the same requests, J-equivalents, mean over seeds; null when a seed never settled or the strategy is static
 * @param finalMeetsSlo whether the final configuration met the SLO in the windows that ran it (null: it never ran)
 * @param recommendedConfiguration the final configuration where it met the SLO; else the cheapest configuration
 *     the strategy tried that met it; else {@code default}'s
 * @param timeline the first seed's windows (results.json only)
 */
@JsonPropertyOrder({"name", "adaptive", "feasible", "energy_per_inference_j", "latency_p50_ms", "latency_p95_ms",
        "latency_p99_ms", "slo_violation_rate", "total_cost_j", "samples_to_converge", "configuration_changes",
        "exploration_cost_j", "energy_vs_default", "energy_vs_default_batched", "energy_vs_oracle",
        "final_configuration", "final_meets_slo", "recommended_configuration", "timeline"})
public record StrategyResult(
        @JsonProperty("name") String name,
        @JsonProperty("adaptive") boolean adaptive,
        @JsonProperty("feasible") boolean feasible,
        @JsonProperty("energy_per_inference_j") double energyPerInferenceJ,
        @JsonProperty("latency_p50_ms") double latencyP50Ms,
        @JsonProperty("latency_p95_ms") double latencyP95Ms,
        @JsonProperty("latency_p99_ms") double latencyP99Ms,
        @JsonProperty("slo_violation_rate") double sloViolationRate,
        @JsonProperty("total_cost_j") double totalCostJ,
        @JsonProperty("samples_to_converge") Integer samplesToConverge,
        @JsonProperty("configuration_changes") double configurationChanges,
        @JsonProperty("exploration_cost_j") Double explorationCostJ,
        @JsonProperty("energy_vs_default") Double energyVsDefault,
        @JsonProperty("energy_vs_default_batched") Double energyVsDefaultBatched,
        @JsonProperty("energy_vs_oracle") Double energyVsOracle,
        @JsonProperty("final_configuration") Map<String, Long> finalConfiguration,
        @JsonProperty("final_meets_slo") Boolean finalMeetsSlo,
        @JsonProperty("recommended_configuration") Map<String, Long> recommendedConfiguration,
        @JsonView(Views.Report.class) @JsonProperty("timeline") List<TimelinePoint> timeline) {

    /** One measurement window of the first seed's run, for timeline plots. */
    @JsonPropertyOrder({"t_s", "configuration", "running", "power_w", "temperature_c", "energy_per_inference_j",
            "latency_p95_ms"})
    public record TimelinePoint(
            @JsonProperty("t_s") double timeS,
            @JsonProperty("configuration") Map<String, Long> configuration,
            /* The frequencies the hardware ran at the window's end (thermal caps and governors included), Hz. */
            @JsonProperty("running") Map<String, Long> running,
            @JsonProperty("power_w") double powerW,
            @JsonProperty("temperature_c") double temperatureC,
            @JsonProperty("energy_per_inference_j") double energyPerInferenceJ,
            @JsonProperty("latency_p95_ms") double latencyP95Ms) {
    }

    /** This result without its timeline (what compare --json prints). */
    public StrategyResult withoutTimeline() {
        return new StrategyResult(name, adaptive, feasible, energyPerInferenceJ, latencyP50Ms, latencyP95Ms,
                latencyP99Ms, sloViolationRate, totalCostJ, samplesToConverge, configurationChanges, explorationCostJ,
                energyVsDefault, energyVsDefaultBatched, energyVsOracle, finalConfiguration, finalMeetsSlo,
                recommendedConfiguration, null);
    }
}
