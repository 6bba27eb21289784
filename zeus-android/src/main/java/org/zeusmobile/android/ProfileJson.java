package org.zeusmobile.android;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.strategy.Prediction;
import org.zeusmobile.core.strategy.Profile;
import org.zeusmobile.core.strategy.Traffic;

/**
 * A {@link Profile} as the small versioned JSON file an app ships in its assets or syncs with its backend, with
 * Android's own {@code org.json}. The fields are those of the JSON profiles the profile store (zeus-store) imports,
 * schema 1:
 *
 * <pre>{"schema": 1, "device_identity", "model_hash", "trace", "traffic", "sequence_length", "source",
 *  "configurations": [{"configuration": {knob: value}, "energy_per_inference_j", "time_per_inference_s",
 *  "latency_p95_s"}]}</pre>
 */
public final class ProfileJson {

    private ProfileJson() {
    }

    /** Reads a profile; the stream is read to its end, not closed. */
    public static Profile read(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            bytes.write(buffer, 0, n);
        }
        return parse(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
    }

    /** The profile in {@code file}, or null where there is no such file; an unreadable one is an error naming it. */
    public static Profile readIfExists(File file) {
        if (!file.isFile()) {
            return null;
        }
        try (InputStream in = new FileInputStream(file)) {
            return read(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read the profile " + file + ": " + e.getMessage()
                    + "; delete it or export it again with EnergyOptimizer.profile()", e);
        }
    }

    /** Parses a profile's JSON text; a wrong schema or a missing field is an error that names it. */
    public static Profile parse(String json) {
        try {
            JSONObject root = new JSONObject(json);
            int schema = root.optInt("schema", -1);
            if (schema != Profile.SCHEMA) {
                throw new IllegalArgumentException("the profile has schema " + root.opt("schema") + "; this version reads "
                        + "schema " + Profile.SCHEMA + ": export it again with this version");
            }
            Profile.Builder profile = Profile.forDevice(root.getString("device_identity"))
                    .model(root.getString("model_hash")).trace(root.getString("trace"))
                    .inputSize(root.getInt("sequence_length")).source(root.getString("source"));
            // Files written before profiles named their traffic: a closed trace was closed loop, any other open.
            Traffic traffic = root.has("traffic") ? Traffic.parse(root.getString("traffic"))
                    : root.getString("trace").equals("closed") ? Traffic.CLOSED_LOOP : Traffic.OPEN_LOOP;
            JSONArray entries = root.getJSONArray("configurations");
            for (int i = 0; i < entries.length(); i++) {
                JSONObject entry = entries.getJSONObject(i);
                JSONObject knobs = entry.getJSONObject("configuration");
                Map<String, Long> values = new TreeMap<>();
                for (Iterator<String> names = knobs.keys(); names.hasNext(); ) {
                    String name = names.next();
                    values.put(name, knobs.getLong(name));
                }
                profile.predict(Configuration.of(values), new Prediction(entry.getDouble("energy_per_inference_j"),
                        entry.getDouble("time_per_inference_s"), entry.getDouble("latency_p95_s"), traffic));
            }
            return profile.build();
        } catch (JSONException e) {
            throw new IllegalArgumentException("not a Zeus Mobile profile: " + e.getMessage(), e);
        }
    }

    /** Writes {@code profile} as UTF-8 JSON; the stream is flushed, not closed. */
    public static void write(Profile profile, OutputStream out) throws IOException {
        out.write(toJson(profile).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    public static String toJson(Profile profile) {
        try {
            JSONObject root = new JSONObject();
            root.put("schema", Profile.SCHEMA);
            root.put("device_identity", profile.deviceIdentity());
            root.put("model_hash", profile.modelHash());
            root.put("trace", profile.trace());
            root.put("traffic", profile.traffic().id());
            root.put("sequence_length", profile.inputSize());
            root.put("source", profile.source());
            JSONArray entries = new JSONArray();
            for (Map.Entry<Configuration, Prediction> entry : profile.predictions().entrySet()) {
                JSONObject knobs = new JSONObject();
                for (Map.Entry<String, Long> knob : entry.getKey().asMap().entrySet()) {
                    knobs.put(knob.getKey(), knob.getValue().longValue());
                }
                entries.put(new JSONObject()
                        .put("configuration", knobs)
                        .put("energy_per_inference_j", entry.getValue().energyPerInferenceJ())
                        .put("time_per_inference_s", entry.getValue().timePerInferenceS())
                        .put("latency_p95_s", entry.getValue().latencyP95S()));
            }
            root.put("configurations", entries);
            return root.toString(2);
        } catch (JSONException e) {
            throw new IllegalArgumentException("profile " + profile + " cannot be written as JSON: " + e.getMessage(), e);
        }
    }
}
