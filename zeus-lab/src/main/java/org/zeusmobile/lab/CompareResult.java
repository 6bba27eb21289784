package org.zeusmobile.lab;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A comparison's outcome: serialises to exactly the compare --json schema (schema 1, issue 7). */
@JsonPropertyOrder({"schema", "simulated", "device", "model", "slo_ms", "eta", "scenario", "trace", "seeds",
        "strategies"})
public final class CompareResult {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule().addSerializer(Double.class, new UnknownAsNull())
                    .addSerializer(Double.TYPE, new UnknownAsNull()));

    /** NaN (unknown: no oracle on real hardware, no thermal sensor) is written as null, valid JSON. */
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

    @JsonProperty("schema")
    public final int schema = 1;
    @JsonProperty("simulated")
    public final boolean simulated;
    @JsonProperty("device")
    public final String device;
    @JsonProperty("model")
    public final String model;
    @JsonProperty("slo_ms")
    public final double sloMs;
    @JsonProperty("eta")
    public final double eta;
    @JsonProperty("scenario")
    public final String scenario;
    @JsonProperty("trace")
    public final String trace;
    @JsonProperty("seeds")
    public final int seeds;
    @JsonProperty("strategies")
    public final List<StrategyResult> strategies;

    public CompareResult(boolean simulated, String device, String model, double sloMs, double eta, String scenario,
            String trace, int seeds, List<StrategyResult> strategies) {
        this.simulated = simulated;
        this.device = device;
        this.model = model;
        this.sloMs = sloMs;
        this.eta = eta;
        this.scenario = scenario;
        this.trace = trace;
        this.seeds = seeds;
        this.strategies = strategies;
    }

    /** The result for {@code name}; an unknown name is an error listing those present. */
    public StrategyResult strategy(String name) {
        for (StrategyResult s : strategies) {
            if (s.name.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no strategy '" + name + "' in this comparison");
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the comparison: " + e.getMessage(), e);
        }
    }

    /** A plain-text table, one row per strategy. */
    public String toTable() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s%s, model %s, scenario %s, trace %s, SLO p95 <= %.1f ms, eta %.2f, %d seed%s%n",
                simulated ? "SIMULATED " : "", device, model, scenario, trace, sloMs, eta, seeds, seeds == 1 ? "" : "s"));
        out.append(String.format(Locale.ROOT, "%-16s %10s %8s %8s %8s %7s %11s %9s %10s %7s %7s  %s%n", "strategy",
                "E/inf mJ", "p50 ms", "p95 ms", "p99 ms", "SLO vio", "total cost", "converge", "explore J",
                "vs def", "vs orc", "final configuration"));
        for (StrategyResult s : strategies) {
            out.append(String.format(Locale.ROOT, "%-16s %10.2f %8.2f %8.2f %8.2f %6.2f%% %11.1f %9s %10.1f %7.3f %7.3f  %s%n",
                    s.name, s.energyPerInferenceJ * 1e3, s.latencyP50Ms, s.latencyP95Ms, s.latencyP99Ms,
                    s.sloViolationRate * 100, s.totalCost, s.samplesToConverge == null ? "never" : s.samplesToConverge,
                    s.explorationEnergyJ, s.energyVsDefault, s.energyVsOracle, describe(s.finalConfiguration)));
        }
        return out.toString();
    }

    static String describe(Map<String, Long> config) {
        if (config.isEmpty()) {
            return "governed";
        }
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Long> e : config.entrySet()) {
            if (text.length() > 0) {
                text.append(',');
            }
            long v = e.getValue();
            text.append(e.getKey()).append('=');
            text.append(e.getKey().endsWith(".freq") ? (v / 1_000_000) + "MHz" : Long.toString(v));
        }
        return text.toString();
    }
}
