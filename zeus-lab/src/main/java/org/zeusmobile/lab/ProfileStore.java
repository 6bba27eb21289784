package org.zeusmobile.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.strategy.Prediction;
import org.zeusmobile.core.strategy.Traffic;

/**
 * Stored profiles: per configuration, energy and time per inference and p95 latency, saved as JSON and
 * reused across runs as the hybrid's warm start. One file per device identity, model hash, trace and
 * sequence length (latency depends on all four).
 *
 * <pre>{"schema": 1, "device_identity", "model_hash", "trace", "traffic", "sequence_length", "source",
 *  "configurations": [{"configuration": {knob: value}, "energy_per_inference_j", "time_per_inference_s",
 *  "latency_p95_s"}]}</pre>
 *
 * {@code traffic} ({@code closed-loop} or {@code open-loop}) is the traffic the profile was measured under; files
 * written before it existed take it from the trace ({@code closed} is closed loop).
 */
public final class ProfileStore {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path directory;

    public ProfileStore(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** The file a profile for this key lives in. */
    public Path file(String deviceIdentity, String modelHash, String trace, int sequenceLength) {
        String name = safe(deviceIdentity) + "__" + safe(modelHash) + "__" + safe(trace) + "__seq" + sequenceLength
                + ".json";
        return directory.resolve(name);
    }

    private static String safe(String text) {
        return text.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** The stored profile, or null when there is none. */
    public Map<Configuration, Prediction> load(String deviceIdentity, String modelHash, String trace,
            int sequenceLength) {
        Path file = file(deviceIdentity, modelHash, trace, sequenceLength);
        if (!Files.exists(file)) {
            return null;
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root.path("schema").asInt() != 1) {
                throw new IllegalArgumentException("profile " + file + " has schema " + root.path("schema")
                        + "; this version reads schema 1: delete the file to profile again");
            }
            Traffic traffic = root.has("traffic") ? Traffic.parse(root.path("traffic").asText())
                    : trace.equals("closed") ? Traffic.CLOSED_LOOP : Traffic.OPEN_LOOP;
            Map<Configuration, Prediction> result = new LinkedHashMap<>();
            for (JsonNode entry : root.path("configurations")) {
                Map<String, Long> values = new TreeMap<>();
                Iterator<Map.Entry<String, JsonNode>> fields = entry.path("configuration").fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    values.put(field.getKey(), field.getValue().asLong());
                }
                result.put(Configuration.of(values), new Prediction(entry.path("energy_per_inference_j").asDouble(),
                        entry.path("time_per_inference_s").asDouble(), entry.path("latency_p95_s").asDouble(), traffic));
            }
            if (result.isEmpty()) {
                throw new IllegalArgumentException("profile " + file + " lists no configurations; delete it to profile again");
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read profile " + file + ": " + e.getMessage(), e);
        }
    }

    public Path save(String deviceIdentity, String modelHash, String trace, int sequenceLength, String source,
            Map<Configuration, Prediction> profile) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", 1);
        root.put("device_identity", deviceIdentity);
        root.put("model_hash", modelHash);
        root.put("trace", trace);
        if (!profile.isEmpty()) {
            root.put("traffic", profile.values().iterator().next().traffic().id());
        }
        root.put("sequence_length", sequenceLength);
        root.put("source", source);
        ArrayNode list = root.putArray("configurations");
        for (Map.Entry<Configuration, Prediction> entry : profile.entrySet()) {
            ObjectNode item = list.addObject();
            ObjectNode config = item.putObject("configuration");
            for (Map.Entry<String, Long> knob : entry.getKey().asMap().entrySet()) {
                config.put(knob.getKey(), knob.getValue());
            }
            item.put("energy_per_inference_j", entry.getValue().energyPerInferenceJ());
            item.put("time_per_inference_s", entry.getValue().timePerInferenceS());
            item.put("latency_p95_s", entry.getValue().latencyP95S());
        }
        Path file = file(deviceIdentity, modelHash, trace, sequenceLength);
        try {
            Files.createDirectories(directory);
            Path temp = Files.createTempFile(directory, "profile", ".tmp");
            JSON.writeValue(temp.toFile(), root);
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write profile " + file + ": " + e.getMessage()
                    + "; check that the directory is writable", e);
        }
    }
}
