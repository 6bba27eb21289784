package org.zeusmobile.lab;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonView;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A comparison's outcome, the one results model: {@link ResultTable} renders it as a table, markdown, HTML and
 * CSV; {@link #toJson()} writes the compare schema (version {@value #SCHEMA}, docs/cli.md) and
 * {@link #toReportJson()} results.json, which {@link #fromJson} reads back.
 *
 * @param energy what the energy figures cover (this workload or the whole device) and whether they are estimated
 * @param knobs the knobs strategies tuned and the ones held
 * @param split where the saving comes from; null on real devices (no oracle)
 * @param notes what a reader must know to read the numbers right (an oracle that does not exist, a baseline
 *     that could not batch)
 */
@JsonPropertyOrder({"schema", "simulated", "device", "model", "slo_ms", "eta", "scenario", "trace", "seeds",
        "energy", "knobs", "split", "strategies", "notes", "device_description", "model_description", "profile"})
public record CompareResult(
        @JsonProperty("schema") int schema,
        @JsonProperty("simulated") boolean simulated,
        @JsonProperty("device") String device,
        @JsonProperty("model") String model,
        @JsonProperty("slo_ms") double sloMs,
        @JsonProperty("eta") double eta,
        @JsonProperty("scenario") String scenario,
        @JsonProperty("trace") String trace,
        @JsonProperty("seeds") int seeds,
        @JsonProperty("energy") EnergyScope energy,
        @JsonProperty("knobs") Knobs knobs,
        @JsonProperty("split") SavingSplit split,
        @JsonProperty("strategies") List<StrategyResult> strategies,
        @JsonProperty("notes") List<String> notes,
        @JsonView(Views.Report.class) @JsonProperty("device_description") String deviceDescription,
        @JsonView(Views.Report.class) @JsonProperty("model_description") String modelDescription,
        @JsonView(Views.Report.class) @JsonProperty("profile") List<ProfilePoint> profile) {

    /** The compare schema's version: 2 added both baselines, the split, feasibility and the energy scope. */
    public static final int SCHEMA = 2;

    /** Which knobs the strategies tuned (every knob of the search space they could change) and which were held. */
    @JsonPropertyOrder({"tuned", "held"})
    public record Knobs(@JsonProperty("tuned") List<String> tuned, @JsonProperty("held") Map<String, Long> held) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(MapperFeature.DEFAULT_VIEW_INCLUSION)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new SimpleModule().addSerializer(Double.class, new UnknownAsNull())
                    .addSerializer(Double.TYPE, new UnknownAsNull())
                    .addDeserializer(Double.TYPE, new NullAsUnknown()))
            .build();

    /** NaN and infinities (unknown) are written as null, valid JSON. */
    private static final class UnknownAsNull extends StdSerializer<Double> {
        UnknownAsNull() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator out, SerializerProvider provider) throws IOException {
            if (value == null || value.isNaN() || value.isInfinite()) {
                out.writeNull();
            } else {
                out.writeNumber(value);
            }
        }
    }

    /** ... and read back as NaN where the model holds a plain number. */
    private static final class NullAsUnknown extends StdDeserializer<Double> {
        NullAsUnknown() {
            super(Double.TYPE);
        }

        @Override
        public Double deserialize(JsonParser in, DeserializationContext context) throws IOException {
            return in.getValueAsDouble(Double.NaN);
        }

        @Override
        public Double getNullValue(DeserializationContext context) {
            return Double.NaN;
        }
    }

    /** The result for {@code name}; an unknown name is an error listing those present. */
    public StrategyResult strategy(String name) {
        List<String> present = new ArrayList<>();
        for (StrategyResult s : strategies) {
            if (s.name().equals(name)) {
                return s;
            }
            present.add(s.name());
        }
        throw new IllegalArgumentException("no strategy '" + name + "' in this comparison; it has " + present);
    }

    /** Whether the comparison ran {@code name}. */
    public boolean has(String name) {
        for (StrategyResult s : strategies) {
            if (s.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The same result with what the report draws: the descriptions and every profiled configuration. */
    public CompareResult withReportDetails(String deviceText, String modelText, List<ProfilePoint> profilePoints) {
        return new CompareResult(schema, simulated, device, model, sloMs, eta, scenario, trace, seeds, energy, knobs,
                split, strategies, notes, deviceText, modelText, profilePoints);
    }

    /** The compare schema (no descriptions, profile or timelines). */
    public String toJson() {
        return write(Views.Compare.class);
    }

    /** results.json: the compare schema plus the descriptions, the profile and each strategy's timeline. */
    public String toReportJson() {
        return write(Views.Report.class);
    }

    private String write(Class<?> view) {
        try {
            return JSON.writerWithView(view).writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the comparison: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a results document back.
     *
     * @throws IllegalArgumentException when it is not JSON, not a results document, or of another schema version
     */
    public static CompareResult fromJson(String text) {
        try {
            com.fasterxml.jackson.databind.JsonNode tree = JSON.readTree(text);
            if (tree == null || !tree.isObject() || !tree.path("strategies").isArray()) {
                throw new IllegalArgumentException("not a zeus-mobile results document: it has no \"strategies\" array "
                        + "(make one with: zeus-mobile compare --out DIR)");
            }
            if (tree.path("schema").asInt(-1) != SCHEMA) {
                throw new IllegalArgumentException("results document has schema " + tree.path("schema") + "; this "
                        + "version reads schema " + SCHEMA + " (regenerate it with: zeus-mobile compare --out DIR)");
            }
            return JSON.treeToValue(tree, CompareResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage().split("\n")[0]);
        }
    }
}
