package org.zeusmobile.lab;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * Where a saving comes from, for one device, model and scenario: the governors at the largest batch that meets
 * the SLO (batching alone), the best static frequencies at default's batch (DVFS alone), and the best static
 * configuration overall (both), each against {@code default}. The two DVFS figures are static configurations found
 * by running candidates noise-free through the scenario (the oracle's search).
 */
@JsonPropertyOrder({"reference", "batching_only", "dvfs_only", "both"})
public record SavingSplit(
        @JsonProperty("reference") String reference,
        @JsonProperty("batching_only") Part batchingOnly,
        @JsonProperty("dvfs_only") Part dvfsOnly,
        @JsonProperty("both") Part both) {

    /**
     * One part of the split.
     *
     * @param configuration null when no configuration of this kind meets the SLO ({@code note} says so)
     * @param energyVsDefault energy per inference over default's; null without a configuration
     */
    @JsonPropertyOrder({"configuration", "energy_per_inference_j", "energy_vs_default", "note"})
    public record Part(
            @JsonProperty("configuration") Map<String, Long> configuration,
            @JsonProperty("energy_per_inference_j") Double energyPerInferenceJ,
            @JsonProperty("energy_vs_default") Double energyVsDefault,
            @JsonProperty("note") String note) {

        /** The saving against default as a fraction (0.25: a quarter less energy), null without a configuration. */
        public Double saving() {
            return energyVsDefault == null ? null : 1 - energyVsDefault;
        }
    }
}
