package org.zeusmobile.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zeusmobile.core.device.DeviceRegistry;
import org.zeusmobile.core.device.Knob;

class ProfileLoaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode builtIn(String name) throws IOException {
        try (InputStream in = ProfileLoader.class.getResourceAsStream("/profiles/" + name + ".json")) {
            return (ObjectNode) JSON.readTree(in);
        }
    }

    private static String text(ObjectNode node) throws IOException {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }

    @ParameterizedTest
    @ValueSource(strings = {"snapdragon-8-gen-2", "snapdragon-855", "jetson-orin-nano", "jetson-tx2"})
    void everyBuiltInLoadsAndEveryNumberHasASource(String name) throws IOException {
        SocProfile profile = ProfileLoader.loadBuiltIn(name);
        assertThat(profile.name).isEqualTo(name);
        // every object that holds a bare number must say where it comes from, in it or in its table
        assertSourced(builtIn(name), name);
    }

    private static void assertSourced(com.fasterxml.jackson.databind.JsonNode node, String at) {
        if (node.isObject()) {
            boolean hasNumber = false;
            for (var fields = node.fields(); fields.hasNext();) {
                var field = fields.next();
                hasNumber |= field.getValue().isNumber() && !field.getKey().equals("cores")
                        && !field.getKey().equals("downHysteresis") && !field.getKey().equals("defaultThreads");
                assertSourced(field.getValue(), at + "." + field.getKey());
            }
            if (hasNumber || node.has("points")) {
                assertThat(node.path("source").asText()).as("source of %s", at).isNotBlank();
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                assertSourced(node.get(i), at + "[" + i + "]");
            }
        }
    }

    @Test
    void snapdragon8Gen2HasTheRealClusterLayoutAndAdreno740Points() {
        SocProfile p = ProfileLoader.loadBuiltIn("snapdragon-8-gen-2");
        assertThat(p.processor("policy0").cores).isEqualTo(3);
        assertThat(p.processor("policy3").cores).isEqualTo(4);
        assertThat(p.processor("policy7").cores).isEqualTo(1);
        assertThat(p.processor("gpu").freqHz).containsExactly(220_000_000L, 295_000_000L, 348_000_000L, 401_000_000L,
                475_000_000L, 550_000_000L, 615_000_000L, 680_000_000L);
    }

    @Test
    void jetsonProfilesCarryTheirPublishedTablesOrinInOneNvpmodelMode() {
        SocProfile orin = ProfileLoader.loadBuiltIn("jetson-orin-nano");
        assertThat(orin.processor("gpu").freqHz[0]).isEqualTo(306_000_000L);
        assertThat(orin.processor("gpu").freqHz[orin.processor("gpu").freqHz.length - 1]).isEqualTo(1_020_000_000L);
        // MAXN SUPER throughout: the CPU up to 1.73 GHz, EMC 3199 MHz on a 128-bit LPDDR5 bus (102 GB/s peak)
        long[] cpu = orin.processor("policy0").freqHz;
        assertThat(cpu[cpu.length - 1]).isEqualTo(1_728_000_000L);
        SocProfile.Bus emc = orin.buses.get(0);
        assertThat(emc.freqHz).contains(665_600_000L, 2_133_000_000L, 3_199_000_000L);
        assertThat(java.util.Arrays.stream(emc.freqHz).filter(f -> f > 2_133_000_000L && f < 3_199_000_000L))
                .as("lockable EMC points between 2133 and 3199 MHz").isNotEmpty();
        assertThat(emc.peakBandwidthBps[emc.freqHz.length - 1]).isCloseTo(102.4e9, within(0.1e9));
        assertThat(orin.sensors).extracting(s -> s.domain).contains("total", "cpu_gpu", "soc");
        SocProfile tx2 = ProfileLoader.loadBuiltIn("jetson-tx2");
        long[] gpu = tx2.processor("gpu").freqHz;
        assertThat(gpu).hasSize(13);
        assertThat(gpu[0]).isEqualTo(114_750_000L);
        assertThat(gpu[12]).isEqualTo(1_300_500_000L);
    }

    @Test
    void syntaxErrorNamesTheFileAndThePlace() {
        assertThatThrownBy(() -> ProfileLoader.parse("{\"name\": \"x\",,}", "broken.json"))
                .isInstanceOf(ProfileException.class)
                .hasMessageStartingWith("broken.json: field (syntax, line 1 column")
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void missingFieldIsNamed() throws IOException {
        ObjectNode root = builtIn("snapdragon-8-gen-2");
        ((ObjectNode) root.get("processors").get(1)).remove("capacitance");
        assertThatThrownBy(() -> ProfileLoader.parse(text(root), "p.json"))
                .isInstanceOf(ProfileException.class)
                .hasMessage("p.json: field processors[1].capacitance: missing (required)");
    }

    @Test
    void operatingPointsOutOfOrderAreRejected() throws IOException {
        ObjectNode root = builtIn("snapdragon-8-gen-2");
        ArrayNode points = (ArrayNode) root.get("processors").get(3).get("opps").get("points");
        var third = points.get(2).deepCopy();
        points.set(2, points.get(3).deepCopy());
        points.set(3, third);
        assertThatThrownBy(() -> ProfileLoader.parse(text(root), "p.json"))
                .isInstanceOf(ProfileException.class)
                .hasMessageContaining("p.json: field processors[3].opps.points[3]")
                .hasMessageContaining("ascending frequency order");
    }

    @Test
    void negativeCapacitanceIsRejected() throws IOException {
        ObjectNode root = builtIn("snapdragon-8-gen-2");
        ((ObjectNode) root.get("processors").get(0).get("capacitance")).put("value", -0.1);
        assertThatThrownBy(() -> ProfileLoader.parse(text(root), "p.json"))
                .isInstanceOf(ProfileException.class)
                .hasMessage("p.json: field processors[0].capacitance.value: must be between 1e-15 and 1e-6 F (switched "
                        + "capacitance of one core), got -1e-10 F (-0.1 nF)");
    }

    @Test
    void unknownUnitIsRejectedWithTheKnownOnes() throws IOException {
        ObjectNode root = builtIn("snapdragon-8-gen-2");
        ((ObjectNode) root.get("basePower")).put("unit", "mWatt");
        assertThatThrownBy(() -> ProfileLoader.parse(text(root), "p.json"))
                .isInstanceOf(ProfileException.class)
                .hasMessage("p.json: field basePower.unit: unknown unit 'mWatt' for power; use one of W, mW, uW");
    }

    @Test
    void numberWithoutSourceIsRejected() throws IOException {
        ObjectNode root = builtIn("jetson-tx2");
        ((ObjectNode) root.get("switchEnergy")).remove("source");
        assertThatThrownBy(() -> ProfileLoader.parse(text(root), "p.json"))
                .hasMessageContaining("p.json: field switchEnergy.source: missing");
    }

    @Test
    void misspelledFieldIsRejectedRatherThanIgnored() throws IOException {
        ObjectNode root = builtIn("jetson-tx2");
        ((ObjectNode) root.get("thermal")).set("ambiant", root.get("thermal").get("ambient"));
        assertThatThrownBy(() -> ProfileLoader.parse(text(root), "p.json"))
                .hasMessageContaining("p.json: field thermal.ambiant: unknown field");
    }

    @Test
    void danglingReferencesAreRejected() throws IOException {
        ObjectNode root = builtIn("snapdragon-855");
        ((ObjectNode) root.get("thermal").get("trips").get(0)).put("processor", "policy9");
        assertThatThrownBy(() -> ProfileLoader.parse(text(root), "p.json"))
                .hasMessageContaining("p.json: field thermal.trips[0].processor: unknown processor 'policy9'");
    }

    @Test
    void fileSpecLoadsAProfileFileAndErrorsNameThatFile(@TempDir Path dir) throws IOException {
        ObjectNode root = builtIn("jetson-orin-nano");
        root.put("name", "my-board");
        Path file = dir.resolve("board.json");
        Files.write(file, text(root).getBytes(StandardCharsets.UTF_8));
        try (SimulatedDevice device = SimulatedDevice.open("sim:file=" + file, 0)) {
            assertThat(device.info().name()).isEqualTo("my-board");
            assertThat(device.knob("mem.emc.freq").size()).isEqualTo(5);
        }
        Files.write(file, "{\"name\": 3}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> SimulatedDevice.open("sim:file=" + file, 0))
                .hasMessageStartingWith(file + ": field ");
        assertThatThrownBy(() -> SimulatedDevice.open("sim:file=" + dir.resolve("none.json"), 0))
                .hasMessageContaining("none.json").hasMessageContaining("no such file");
    }

    @Test
    void providerOpensBuiltInsAndListsThemForUnknownNames() {
        DeviceRegistry registry = DeviceRegistry.fromServiceLoader();
        assertThat(registry.schemes()).contains("sim");
        assertThat(registry.usage()).contains("snapdragon-8-gen-2", "jetson-tx2", "sim:file=PATH");
        try (var device = registry.open("sim:jetson-tx2,seed=7")) {
            assertThat(device.info().simulated()).isTrue();
            assertThat(((SimulatedDevice) device).seed()).isEqualTo(7);
            assertThat(device.knob(Knob.GPU_FREQ).size()).isEqualTo(13);
        }
        assertThatThrownBy(() -> registry.open("sim:pixel-99"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pixel-99")
                .hasMessageContaining("snapdragon-8-gen-2, snapdragon-855, jetson-orin-nano, jetson-tx2");
        assertThatThrownBy(() -> registry.open("sim:jetson-tx2,seed=x")).hasMessageContaining("seed");
    }
}
