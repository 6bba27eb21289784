package org.zeusmobile.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Estimated constants carry ranges; every field is bounded by physics; the sampler draws inside the ranges. */
class ProfileRangesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode builtIn(String name) throws IOException {
        return (ObjectNode) JSON.readTree(ProfileLoader.loadBuiltIn(name).json());
    }

    private static String text(ObjectNode node) throws IOException {
        return JSON.writeValueAsString(node);
    }

    @ParameterizedTest
    @ValueSource(strings = {"snapdragon-8-gen-2", "snapdragon-855", "jetson-orin-nano", "jetson-tx2"})
    void theConstantsThatMoveSavingsCarryRanges(String name) {
        List<String> paths = new ArrayList<>();
        for (SocProfile.Estimate e : ProfileLoader.loadBuiltIn(name).estimates()) {
            paths.add(e.path);
            assertThat(e.min).as(e.path).isLessThanOrEqualTo(e.value);
            assertThat(e.max).as(e.path).isGreaterThanOrEqualTo(e.value);
            assertThat(e.source).as(e.path).isNotBlank();
        }
        int gpu = name.startsWith("snapdragon") ? 3 : 2;
        assertThat(paths).contains("processors[" + gpu + "].opps.points[0][1]", "processors[" + gpu + "].launchOverhead",
                "processors[" + gpu + "].kernelGap", "processors[" + gpu + "].stallActivity",
                "processors[" + gpu + "].idlePower", "processors[" + gpu + "].idleEntryDelay",
                "processors[" + gpu + "].idleExitLatency", "processors[0].launchOverhead", "processors[0].idlePower",
                "thermal.nodes[0].resistance", "batchOverhead");
    }

    @Test
    void aValueOutsideItsRangeIsRefusedNamingFileFieldAndRange() throws IOException {
        ObjectNode root = builtIn("snapdragon-8-gen-2");
        ((ObjectNode) root.get("processors").get(3).get("launchOverhead")).put("value", 40);
        assertThatThrownBy(() -> ProfileLoader.parse(text(root), "phone.json"))
                .isInstanceOf(ProfileException.class)
                .hasMessage("phone.json: field processors[3].launchOverhead.range: value 4e-5 s is outside its range "
                        + "[4e-6, 2.5e-5]; widen the range or fix the value");
    }

    @Test
    void aRangeWithMinAboveMaxIsRefused() throws IOException {
        ObjectNode root = builtIn("snapdragon-8-gen-2");
        ObjectNode resistance = (ObjectNode) root.get("thermal").get("nodes").get(2).get("resistance");
        resistance.putArray("range").add(9).add(5);
        assertThatThrownBy(() -> ProfileLoader.parse(text(root), "phone.json"))
                .hasMessage("phone.json: field thermal.nodes[2].resistance.range: min 9 is above max 5 K/W");
    }

    @Test
    void aVoltageRangeThatFallsWithFrequencyIsRefused() throws IOException {
        ObjectNode root = builtIn("snapdragon-8-gen-2");
        ArrayNode points = (ArrayNode) root.get("processors").get(3).get("opps").get("points");
        ((ArrayNode) points.get(4)).set(2, JSON.getNodeFactory().numberNode(0.5));
        assertThatThrownBy(() -> ProfileLoader.parse(text(root), "phone.json"))
                .hasMessageContaining("phone.json: field processors[3].opps.points[4]: the voltage range must not fall");
    }

    @Test
    void anAbsurdFrequencyIsRefusedAtLoadWithItsBound() throws IOException {
        // issue 17: 1e30 Hz was accepted, then devices printed 9223372036854.8 MHz and compare died
        ObjectNode root = builtIn("jetson-tx2");
        ArrayNode points = (ArrayNode) root.get("processors").get(0).get("opps").get("points");
        ((ArrayNode) points.get(11)).set(0, JSON.getNodeFactory().numberNode(1e27));
        assertThatThrownBy(() -> ProfileLoader.parse(text(root), "tx2.json"))
                .isInstanceOf(ProfileException.class)
                .hasMessage("tx2.json: field processors[0].opps.points[11][0]: frequency must be between 1e6 and 1e10 Hz "
                        + "(a processor clock), got 1e30 Hz; check the table's unit");
    }

    @Test
    void outOfBoundsQuantitiesNameTheirBound() throws IOException {
        ObjectNode root = builtIn("jetson-orin-nano");
        ((ObjectNode) root.get("thermal").get("ambient")).put("value", 400);
        assertThatThrownBy(() -> ProfileLoader.parse(text(root), "orin.json"))
                .hasMessage("orin.json: field thermal.ambient.value: must be between -50 and 150 C (a temperature a "
                        + "device survives), got 400 C (400 C)");
    }

    @Test
    void anUnknownGovernorListsTheModelledOnes() throws IOException {
        ObjectNode root = builtIn("jetson-orin-nano");
        ((ObjectNode) root.get("governors").get("gpu")).put("name", "simple_ondemand");
        assertThatThrownBy(() -> ProfileLoader.parse(text(root), "orin.json"))
                .hasMessage("orin.json: field governors.gpu.name: no gpu governor 'simple_ondemand' is modelled; use one"
                        + " of [msm-adreno-tz, nvhost_podgov]");
    }

    @Test
    void aMissingGovernorConstantIsNamed() throws IOException {
        ObjectNode root = builtIn("snapdragon-8-gen-2");
        ((ObjectNode) root.get("governors").get("gpu")).remove("ceiling");
        assertThatThrownBy(() -> ProfileLoader.parse(text(root), "phone.json"))
                .hasMessage("phone.json: field governors.gpu.ceiling: missing (required)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"snapdragon-8-gen-2", "snapdragon-855", "jetson-orin-nano", "jetson-tx2"})
    void everyDrawnConstantLiesInsideItsRangeAndTheSameSeedDrawsTheSameProfile(String name) {
        SocProfile base = ProfileLoader.loadBuiltIn(name);
        for (long seed = 0; seed < 20; seed++) {
            SocProfile drawn = ProfileSampler.draw(base, seed);
            List<SocProfile.Estimate> estimates = drawn.estimates();
            assertThat(estimates).hasSameSizeAs(base.estimates());
            for (int i = 0; i < estimates.size(); i++) {
                SocProfile.Estimate e = estimates.get(i);
                assertThat(e.path).isEqualTo(base.estimates().get(i).path);
                assertThat(e.value).as("%s, seed %d", e.path, seed).isBetween(e.min, e.max);
            }
            assertThat(ProfileSampler.draw(base, seed).json()).isEqualTo(drawn.json());
        }
        assertThat(ProfileSampler.draw(base, 1).json()).isNotEqualTo(ProfileSampler.draw(base, 2).json());
    }

    @Test
    void aDrawMovesEveryEstimateAndNothingSourced() {
        SocProfile base = ProfileLoader.loadBuiltIn("snapdragon-8-gen-2");
        SocProfile drawn = ProfileSampler.draw(base, 7);
        int moved = 0;
        for (int i = 0; i < base.estimates().size(); i++) {
            moved += base.estimates().get(i).value != drawn.estimates().get(i).value ? 1 : 0;
        }
        assertThat(moved).isEqualTo(base.estimates().size());
        assertThat(drawn.processor("gpu").freqHz).containsExactly(base.processor("gpu").freqHz);
        assertThat(drawn.gpuGovernor.value("ceiling")).isEqualTo(base.gpuGovernor.value("ceiling"));
    }

    @Test
    void aDrawIsASpecAndOpensAsADevice() {
        SimulatedDevice drawn = SimulatedDevice.open("sim:snapdragon-8-gen-2,draw=3", 0L);
        assertThat(drawn.profile().json()).isEqualTo(ProfileSampler.draw(
                ProfileLoader.loadBuiltIn("snapdragon-8-gen-2"), 3).json());
        assertThat(drawn.profile().description).contains("drawn from their ranges, seed 3");
        assertThatThrownBy(() -> SimulatedDevice.open("sim:snapdragon-8-gen-2,draw=x", 0L))
                .hasMessageContaining("draw 'x'");
    }
}
