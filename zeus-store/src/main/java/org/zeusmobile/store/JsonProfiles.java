package org.zeusmobile.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.strategy.Prediction;
import org.zeusmobile.core.strategy.Traffic;

/**
 * Reads a profile file of the JSON store earlier versions kept (one file per device identity, model hash,
 * trace and sequence length):
 *
 * <pre>{"schema": 1, "device_identity", "model_hash", "trace", "traffic", "sequence_length", "source",
 *  "configurations": [{"configuration": {knob: value}, "energy_per_inference_j", "time_per_inference_s",
 *  "latency_p95_s"}]}</pre>
 */
final class JsonProfiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One file's contents. */
    static final class Profile {
        final ProfileKey key;
        final String source;
        final Map<Configuration, Prediction> predictions;

        Profile(ProfileKey key, String source, Map<Configuration, Prediction> predictions) {
            this.key = key;
            this.source = source;
            this.predictions = predictions;
        }
    }

    private JsonProfiles() {
    }

    /** The file's profile; an {@link IllegalArgumentException} names the file and what is wrong with it. */
    static Profile read(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        if (root == null || root.path("schema").asInt() != 1) {
            throw new IllegalArgumentException("profile " + file + " is not a schema-1 JSON profile");
        }
        String trace = root.path("trace").asText();
        // Files written before "traffic" existed: a closed trace is closed loop, any other open loop.
        Traffic traffic = root.has("traffic") ? Traffic.parse(root.path("traffic").asText())
                : trace.equals("closed") ? Traffic.CLOSED_LOOP : Traffic.OPEN_LOOP;
        Map<Configuration, Prediction> predictions = new LinkedHashMap<>();
        for (JsonNode entry : root.path("configurations")) {
            Map<String, Long> values = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = entry.path("configuration").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                values.put(field.getKey(), field.getValue().asLong());
            }
            predictions.put(Configuration.of(values), new Prediction(entry.path("energy_per_inference_j").asDouble(),
                    entry.path("time_per_inference_s").asDouble(), entry.path("latency_p95_s").asDouble(), traffic));
        }
        if (predictions.isEmpty()) {
            throw new IllegalArgumentException("profile " + file + " lists no configurations");
        }
        ProfileKey key = new ProfileKey(root.path("device_identity").asText(), root.path("model_hash").asText(),
                trace, root.path("sequence_length").asInt());
        return new Profile(key, root.path("source").asText("imported JSON profile"), predictions);
    }
}
