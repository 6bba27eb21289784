package org.zeusmobile.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeusmobile.core.control.RequestTrace;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.strategy.KnobSelection;
import org.zeusmobile.core.strategy.Prediction;
import org.zeusmobile.core.strategy.Traffic;
import org.zeusmobile.store.StoreLocation;

class ComparisonHarnessTest {

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        while (it.hasNext()) {
            names.add(it.next());
        }
        return names;
    }

    private static CompareOptions shortRun() {
        return new CompareOptions(TransformerStandIn.minilm("gpu")).device("sim:jetson-orin-nano").seeds(1)
                .durationNs(60_000_000_000L);
    }

    @Test
    void producesExactlyTheCompareJsonSchemaTwo() throws Exception {
        CompareResult result = new ComparisonHarness(shortRun()).run(null);
        JsonNode root = new ObjectMapper().readTree(result.toJson());
        assertThat(fieldNames(root)).containsExactly("schema", "simulated", "device", "model", "slo_ms", "eta",
                "scenario", "trace", "seeds", "energy", "knobs", "split", "strategies", "notes");
        assertThat(root.get("schema").asInt()).isEqualTo(2);
        assertThat(root.get("simulated").asBoolean()).isTrue();
        assertThat(root.get("device").asText()).isEqualTo("sim:jetson-orin-nano");
        assertThat(root.get("scenario").asText()).isEqualTo("steady");
        assertThat(root.get("trace").asText()).isEqualTo("closed");
        assertThat(root.path("energy").path("scope").asText()).isEqualTo("workload");
        assertThat(fieldNames(root.get("split"))).containsExactly("reference", "batching_only", "dvfs_only", "both");
        assertThat(root.path("split").path("dvfs_only").path("configuration").path("batch").asLong()).isEqualTo(1);
        List<String> names = new ArrayList<>();
        for (JsonNode s : root.get("strategies")) {
            names.add(s.get("name").asText());
            assertThat(fieldNames(s)).containsExactly("name", "adaptive", "feasible", "energy_per_inference_j",
                    "latency_p50_ms", "latency_p95_ms", "latency_p99_ms", "slo_violation_rate", "total_cost_j",
                    "samples_to_converge", "configuration_changes", "exploration_cost_j", "energy_vs_default",
                    "energy_vs_default_batched", "energy_vs_oracle", "final_configuration", "final_meets_slo",
                    "recommended_configuration");
            assertThat(s.get("energy_per_inference_j").isNumber()).isTrue();
            assertThat(s.get("final_configuration").isObject()).isTrue();
        }
        assertThat(names).containsExactly("default", "default-batched", "max-performance", "oracle", "zeus-jit",
                "polythrottle-bo", "hybrid");
        assertThat(CompareResult.fromJson(result.toReportJson())).as("results.json reads back").isEqualTo(result);
        for (StrategyResult s : result.strategies()) {
            List<StrategyResult.TimelinePoint> timeline = s.timeline();
            if (!s.adaptive()) {
                assertThat(s.configurationChanges()).as(s.name() + " runs one configuration").isZero();
                assertThat(s.samplesToConverge()).isNull();
                assertThat(s.explorationCostJ()).isNull();
            } else if (s.samplesToConverge() != null) {
                // Converged means what ran stayed put: no change from the settling window on (one seed here).
                Map<String, Long> settled = timeline.get(s.samplesToConverge() - 1).configuration();
                assertThat(timeline.subList(s.samplesToConverge() - 1, timeline.size())).as(s.name() + " after converging")
                        .allSatisfy(p -> assertThat(p.configuration()).isEqualTo(settled));
                assertThat(timeline.size() - s.samplesToConverge() + 1).isGreaterThanOrEqualTo(timeline.size() / 4);
            }
        }
    }

    @Test
    void everySavingIsQuotedAgainstBothBaselinesAndTheOracleMeetsTheSloThroughTheScenario() {
        // On the phone: there default is dispatch-bound at batch 1, so a larger batch meets its SLO; on the Orin the
        // governors already run the GPU at its top level and batch 2 misses 1.5x default's p95 (issue 12)
        CompareResult result = new ComparisonHarness(shortRun().device("sim:snapdragon-8-gen-2")
                .strategies("default", "oracle")).run(null);
        StrategyResult def = result.strategy("default");
        StrategyResult batched = result.strategy("default-batched");
        StrategyResult oracle = result.strategy("oracle");
        assertThat(def.energyVsDefault()).isEqualTo(1.0);
        assertThat(batched.energyVsDefaultBatched()).isEqualTo(1.0);
        assertThat(result.sloMs()).isCloseTo(1.5 * def.latencyP95Ms(), within(1e-9));
        // default's only misses are its cold start: the first batches run at the lowest clocks the governors wake at
        assertThat(def.sloViolationRate()).isLessThan(0.005);
        // default-batched: the governors untouched at a larger batch that still meets the SLO.
        assertThat(batched.finalConfiguration()).containsOnlyKeys("batch");
        assertThat(batched.finalConfiguration().get("batch")).isGreaterThan(1);
        assertThat(batched.sloViolationRate()).isLessThanOrEqualTo(0.01);
        // batching need not save with the governors untouched: msm-adreno-tz clocks the GPU up for the longer
        // kernels and bwmon the DDR, so here it costs ~20% more per inference than default (issue 12); it is quoted
        assertThat(batched.energyVsDefault()).isPositive();
        // The oracle is the best static configuration that meets the SLO through the scenario.
        assertThat(oracle.sloViolationRate()).isLessThanOrEqualTo(0.01);
        // The governors adapt while the oracle holds one configuration: on the energy alone (eta 1) they may
        // come within a hair of it in a short run, never clearly below it.
        assertThat(oracle.totalCostJ()).isLessThanOrEqualTo(def.totalCostJ() * 1.01);
        assertThat(oracle.energyVsOracle()).isCloseTo(1.0, within(0.01));
        assertThat(oracle.finalConfiguration()).containsKeys("gpu.freq", "batch");
        assertThat(oracle.adaptive()).isFalse();
        assertThat(oracle.samplesToConverge()).as("a static strategy does not converge").isNull();
        // The split: batching alone is default-batched; both is the oracle; DVFS alone holds default's batch.
        SavingSplit split = result.split();
        assertThat(split.batchingOnly().energyVsDefault()).isCloseTo(batched.energyVsDefault(), within(1e-12));
        assertThat(split.both().configuration()).isEqualTo(oracle.finalConfiguration());
        assertThat(split.dvfsOnly().configuration()).containsEntry("batch", 1L);
        assertThat(split.both().saving()).isGreaterThanOrEqualTo(split.dvfsOnly().saving() - 0.02);
    }

    @Test
    void aStrategyThatMissesTheSloShowsNoSavingsAndNoOracleIsNamedWhenNoneMeetsIt() {
        CompareResult result = new ComparisonHarness(shortRun().strategies("default", "oracle").sloMs(1)).run(null);
        StrategyResult def = result.strategy("default");
        assertThat(def.feasible()).isFalse();
        assertThat(def.energyVsDefault()).as("an infeasible row's energy is no saving").isNull();
        assertThat(result.has("oracle")).isFalse();
        assertThat(result.split().both().configuration()).isNull();
        assertThat(result.notes()).anySatisfy(note -> assertThat(note)
                .contains("oracle: no static configuration meets the SLO"));
        assertThat(ResultTable.text(result)).contains("MISSED").contains("no static configuration meets the SLO");
        assertThat(ResultTable.csv(result).lines().skip(1)).allSatisfy(line -> assertThat(line)
                .startsWith("SIMULATED,workload,").contains(",false,"));
    }

    @Test
    void heldKnobsHoldForEveryStrategyBothBaselinesAndTheOracle() {
        KnobSelection batchOne = KnobSelection.of(null, Configuration.governed().with("batch", 1));
        CompareResult result = new ComparisonHarness(shortRun().strategies("default", "oracle", "zeus-jit")
                .knobs(batchOne)).run(null);
        for (StrategyResult s : result.strategies()) {
            assertThat(s.finalConfiguration()).as(s.name()).containsEntry("batch", 1L);
            for (StrategyResult.TimelinePoint p : s.timeline()) {
                assertThat(p.configuration()).as(s.name() + " at " + p.timeS() + " s").containsEntry("batch", 1L);
            }
        }
        assertThat(result.knobs().held()).containsEntry("batch", 1L);
        assertThat(result.split().batchingOnly().energyVsDefault()).isEqualTo(1.0);
        assertThat(result.notes()).isEmpty();
    }

    @Test
    void onlyTheTunedKnobsMove() {
        KnobSelection gpuOnly = KnobSelection.of(List.of("gpu.freq"), null);
        CompareResult result = new ComparisonHarness(shortRun().strategies("default", "oracle", "hybrid")
                .knobs(gpuOnly)).run(null);
        assertThat(result.knobs().tuned()).containsExactly("gpu.freq");
        assertThat(result.strategy("oracle").finalConfiguration()).containsOnlyKeys("gpu.freq");
        for (StrategyResult.TimelinePoint p : result.strategy("hybrid").timeline()) {
            assertThat(p.configuration().keySet()).isSubsetOf("gpu.freq");
        }
    }

    @Test
    void phasedScenariosAddTheDynamicOracle() {
        CompareResult result = new ComparisonHarness(shortRun().scenario(Scenario.INPUT_CHANGE)
                .strategies("default", "oracle")).run(null);
        assertThat(result.strategies()).extracting(StrategyResult::name).containsExactly("default", "default-batched",
                "oracle", ComparisonHarness.ORACLE_DYNAMIC);
        assertThat(result.strategy(ComparisonHarness.ORACLE_DYNAMIC).totalCostJ())
                .isLessThanOrEqualTo(result.strategy("oracle").totalCostJ() * 1.01);
    }

    @Test
    void theHybridsWarmStartIsStoredAndReused(@TempDir Path dir) {
        ProfileStore store = ProfileStore.open(StoreLocation.parse(dir.resolve("profiles.db").toString()),
                "sim:snapdragon-8-gen-2,seed=1");
        CompareOptions options = shortRun().strategies("default", "hybrid").profileStore(store);
        CompareResult first = new ComparisonHarness(options).run(null);
        assertThat(store.lastLoaded().isEmpty()).as("nothing stored before the first run").isTrue();
        CompareResult second = new ComparisonHarness(options).run(null);
        assertThat(store.lastLoaded().predictions()).as("the first run's BO profile").hasSizeGreaterThan(100);
        assertThat(store.lastLoaded().hasOwnData()).isTrue();
        assertThat(second.strategy("hybrid").energyPerInferenceJ())
                .isEqualTo(first.strategy("hybrid").energyPerInferenceJ());
        assertThat(store.problems()).isEmpty();
    }

    @Test
    void profilesRoundTripThroughTheStore(@TempDir Path dir) {
        ProfileStore store = ProfileStore.open(StoreLocation.parse(dir.resolve("profiles.db").toString()),
                "orin-board-1");
        Map<Configuration, Prediction> profile = Map.of(
                Configuration.governed().with("gpu.freq", 306_000_000L).with("batch", 2),
                new Prediction(0.03, 0.004, 0.009, Traffic.CLOSED_LOOP));
        store.save("orin-1", "hash", "closed", 128, "test", profile);
        Map<Configuration, Prediction> loaded = store.load("orin-1", "hash", "closed", 128);
        Prediction p = loaded.get(Configuration.governed().with("gpu.freq", 306_000_000L).with("batch", 2));
        assertThat(p.energyPerInferenceJ()).isEqualTo(0.03);
        assertThat(p.latencyP95S()).isEqualTo(0.009);
        assertThat(p.traffic()).isEqualTo(Traffic.CLOSED_LOOP);
        assertThat(store.load("orin-1", "hash", "periodic:30", 128)).isNull();
    }

    @Test
    void rejectsBadOptionsWithTheFix() {
        CompareOptions options = new CompareOptions(TransformerStandIn.minilm("gpu"));
        assertThatThrownBy(() -> options.device("linux:/")).hasMessageContaining("sim:NAME");
        assertThatThrownBy(() -> options.strategies("fastest")).hasMessageContaining("known");
        assertThatThrownBy(() -> options.eta(1.5)).hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> options.sloMs(0)).hasMessageContaining("> 0");
        assertThatThrownBy(() -> Scenario.parse("earthquake")).hasMessageContaining("input-change");
        assertThatThrownBy(() -> options.trace(RequestTrace.parse("bursty"))).hasMessageContaining("periodic");
    }
}
