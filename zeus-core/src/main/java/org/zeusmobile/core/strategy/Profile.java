package org.zeusmobile.core.strategy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.zeusmobile.core.device.Configuration;

/**
 * A stored profile: per configuration, the expected energy and time per inference and p95 latency, for one device
 * identity, model, traffic and input size (latency depends on all four). The hybrid's warm start
 * ({@link ProfilePrior}). The profile store (zeus-store) keeps this content; an app imports and exports it as a small
 * JSON file with the same fields (zeus-android's {@code ProfileJson}). Immutable.
 */
public final class Profile {

    /** The version of the stored form; a reader refuses any other. */
    public static final int SCHEMA = 1;

    /** The most configurations {@link Builder#predictionsOf} stores: larger spaces are not worth a file. */
    public static final int MAX_CONFIGURATIONS = 20_000;

    private final String deviceIdentity;
    private final String modelHash;
    private final String trace;
    private final int inputSize;
    private final String source;
    private final Map<Configuration, Prediction> predictions;

    private Profile(Builder builder) {
        this.deviceIdentity = builder.deviceIdentity;
        this.modelHash = builder.modelHash;
        this.trace = builder.trace;
        this.inputSize = builder.inputSize;
        this.source = builder.source;
        this.predictions = Collections.unmodifiableMap(new LinkedHashMap<>(builder.predictions));
    }

    /** A profile for the device with this identity ({@code Device.info().identity()}). */
    public static Builder forDevice(String deviceIdentity) {
        return new Builder(deviceIdentity);
    }

    /** Builds a profile; every field but the device identity and the predictions has a default. */
    public static final class Builder {
        private final String deviceIdentity;
        private String modelHash = "unnamed";
        private String trace = "closed";
        private int inputSize;
        private String source = "unknown";
        private final Map<Configuration, Prediction> predictions = new LinkedHashMap<>();

        private Builder(String deviceIdentity) {
            this.deviceIdentity = requireText(deviceIdentity, "device identity");
        }

        /** What identifies the model: a hash of the file, or an app's own name and version for it. */
        public Builder model(String modelHash) {
            this.modelHash = requireText(modelHash, "model");
            return this;
        }

        /** The traffic it was measured under, as a request trace describes itself ({@code closed}, {@code periodic:30}). */
        public Builder trace(String trace) {
            this.trace = requireText(trace, "trace");
            return this;
        }

        /** The input size in the model's own unit (tokens, pixels of height...); 0 for the model's default. */
        public Builder inputSize(int inputSize) {
            if (inputSize < 0) {
                throw new IllegalArgumentException("a profile's input size is 0 (the model's default) or positive, got "
                        + inputSize);
            }
            this.inputSize = inputSize;
            return this;
        }

        /** Where the numbers come from (e.g. "hybrid's BO warm start on the device"). */
        public Builder source(String source) {
            this.source = requireText(source, "source");
            return this;
        }

        public Builder predict(Configuration configuration, Prediction prediction) {
            if (!(prediction.energyPerInferenceJ() >= 0) || !(prediction.timePerInferenceS() > 0)
                    || !(prediction.latencyP95S() > 0) || Double.isInfinite(prediction.energyPerInferenceJ())
                    || Double.isInfinite(prediction.latencyP95S())) {
                throw new IllegalArgumentException("profile entry " + configuration + " is not a measurement: "
                        + prediction + " (energy must be >= 0 J, times > 0 s, all finite)");
            }
            if (!predictions.isEmpty() && predictions.values().iterator().next().traffic() != prediction.traffic()) {
                throw new IllegalArgumentException("profile entry " + configuration + " holds for "
                        + prediction.traffic().id() + " traffic, the others for " + predictions.values().iterator().next().traffic().id()
                        + ": one profile, one kind of traffic");
            }
            predictions.put(configuration, prediction);
            return this;
        }

        public Builder predictions(Map<Configuration, Prediction> entries) {
            for (Map.Entry<Configuration, Prediction> entry : entries.entrySet()) {
                predict(entry.getKey(), entry.getValue());
            }
            return this;
        }

        /** Every configuration of {@code space} (up to {@link #MAX_CONFIGURATIONS}) the prior has a prediction for. */
        public Builder predictionsOf(Prior prior, SearchSpace space) {
            for (Configuration configuration : space.all(MAX_CONFIGURATIONS)) {
                Prediction prediction = prior.predict(configuration);
                if (prediction != null) {
                    predict(configuration, prediction);
                }
            }
            return this;
        }

        public Profile build() {
            if (predictions.isEmpty()) {
                throw new IllegalArgumentException("a profile lists at least one configuration");
            }
            return new Profile(this);
        }
    }

    private static String requireText(String value, String what) {
        if (value == null || value.trim().isEmpty()) {
            throw new IllegalArgumentException("a profile's " + what + " must not be empty");
        }
        return value;
    }

    public String deviceIdentity() {
        return deviceIdentity;
    }

    public String modelHash() {
        return modelHash;
    }

    public String trace() {
        return trace;
    }

    public int inputSize() {
        return inputSize;
    }

    public String source() {
        return source;
    }

    /** The traffic every prediction holds for (closed or open loop: it decides the cost). */
    public Traffic traffic() {
        return predictions.values().iterator().next().traffic();
    }

    /** The predictions, in the order they were added. */
    public Map<Configuration, Prediction> predictions() {
        return predictions;
    }

    /**
     * Why this profile cannot warm-start {@code deviceIdentity} running {@code modelHash}, or null when it can: a
     * profile measured on another device or model would rank the wrong configurations first.
     */
    public String mismatch(String deviceIdentity, String modelHash) {
        if (!this.deviceIdentity.equals(deviceIdentity)) {
            return "the profile was made on device " + this.deviceIdentity + ", this is " + deviceIdentity;
        }
        if (!this.modelHash.equals(modelHash)) {
            return "the profile is for model " + this.modelHash + ", this is " + modelHash;
        }
        return null;
    }

    @Override
    public String toString() {
        return "Profile{" + deviceIdentity + ", model " + modelHash + ", " + trace + ", input " + inputSize + ", "
                + traffic().id() + ", " + predictions.size() + " configurations, from " + source + "}";
    }
}
