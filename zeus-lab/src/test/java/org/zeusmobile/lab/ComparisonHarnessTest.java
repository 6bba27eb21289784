package org.zeusmobile.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeusmobile.core.control.RequestTrace;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.strategy.Prediction;
import org.zeusmobile.core.strategy.Traffic;

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
    void producesExactlyTheCompareJsonSchema() throws Exception {
        CompareResult result = new ComparisonHarness(shortRun()).run(null);
        JsonNode root = new ObjectMapper().readTree(result.toJson());
        assertThat(fieldNames(root)).containsExactly("schema", "simulated", "device", "model", "slo_ms", "eta",
                "scenario", "trace", "seeds", "strategies");
        assertThat(root.get("schema").asInt()).isEqualTo(1);
        assertThat(root.get("simulated").asBoolean()).isTrue();
        assertThat(root.get("device").asText()).isEqualTo("sim:jetson-orin-nano");
        assertThat(root.get("scenario").asText()).isEqualTo("steady");
        assertThat(root.get("trace").asText()).isEqualTo("closed");
        List<String> names = new ArrayList<>();
        for (JsonNode s : root.get("strategies")) {
            names.add(s.get("name").asText());
            assertThat(fieldNames(s)).containsExactly("name", "energy_per_inference_j", "latency_p50_ms",
                    "latency_p95_ms", "latency_p99_ms", "slo_violation_rate", "total_cost", "samples_to_converge",
                    "exploration_energy_j", "energy_vs_default", "energy_vs_oracle", "final_configuration");
            assertThat(s.get("energy_per_inference_j").isNumber()).isTrue();
            assertThat(s.get("samples_to_converge").isInt() || s.get("samples_to_converge").isNull()).isTrue();
            assertThat(s.get("final_configuration").isObject()).isTrue();
        }
        assertThat(names).containsExactly("default", "max-performance", "oracle", "zeus-jit", "polythrottle-bo",
                "hybrid");
    }

    @Test
    void theBaselinesAreTheirOwnYardsticksAndTheDefaultSloIsOneAndAHalfTimesDefaultsP95() {
        CompareResult result = new ComparisonHarness(shortRun().strategies("default", "oracle")).run(null);
        StrategyResult def = result.strategy("default");
        StrategyResult oracle = result.strategy("oracle");
        assertThat(def.energyVsDefault).isEqualTo(1.0);
        assertThat(oracle.energyVsOracle).isEqualTo(1.0);
        assertThat(result.sloMs).isCloseTo(1.5 * def.latencyP95Ms, within(1e-9));
        assertThat(def.sloViolationRate).isZero();
        // The oracle is the best static configuration: no more cost than default, and it meets the SLO.
        assertThat(oracle.totalCost).isLessThanOrEqualTo(def.totalCost);
        assertThat(oracle.latencyP95Ms).isLessThanOrEqualTo(result.sloMs);
        assertThat(oracle.samplesToConverge).isEqualTo(1);
        assertThat(oracle.finalConfiguration).containsKeys("gpu.freq", "batch");
    }

    @Test
    void phasedScenariosAddTheDynamicOracle() {
        CompareResult result = new ComparisonHarness(shortRun().scenario(Scenario.INPUT_CHANGE)
                .strategies("default", "oracle")).run(null);
        assertThat(result.strategies).extracting(s -> s.name).containsExactly("default", "oracle",
                ComparisonHarness.ORACLE_DYNAMIC);
        assertThat(result.strategy(ComparisonHarness.ORACLE_DYNAMIC).totalCost)
                .isLessThanOrEqualTo(result.strategy("oracle").totalCost * 1.01);
    }

    @Test
    void theHybridsWarmStartIsStoredAndReused(@TempDir Path dir) throws Exception {
        ProfileStore store = new ProfileStore(dir);
        CompareOptions options = shortRun().strategies("default", "hybrid").profileStore(store);
        CompareResult first = new ComparisonHarness(options).run(null);
        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.toList();
        }
        assertThat(files).hasSize(1);
        assertThat(files.get(0).getFileName().toString()).contains("minilm").endsWith("seq128.json");
        long modified = Files.getLastModifiedTime(files.get(0)).toMillis();
        CompareResult second = new ComparisonHarness(options).run(null);
        assertThat(Files.getLastModifiedTime(files.get(0)).toMillis()).isEqualTo(modified);
        assertThat(second.strategy("hybrid").energyPerInferenceJ).isEqualTo(first.strategy("hybrid").energyPerInferenceJ);
    }

    @Test
    void profilesRoundTripThroughJson(@TempDir Path dir) {
        ProfileStore store = new ProfileStore(dir);
        Map<Configuration, Prediction> profile = Map.of(
                Configuration.governed().with("gpu.freq", 306_000_000L).with("batch", 2), new Prediction(0.03, 0.004, 0.009,
                        Traffic.CLOSED_LOOP));
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
