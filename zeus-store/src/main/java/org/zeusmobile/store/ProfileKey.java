package org.zeusmobile.store;

/**
 * What a profile is for: the device class (SoC and knob tables, {@code DeviceInfo.identity()}; every board of
 * one model shares it), the model's hash, the request trace (e.g. {@code closed}, {@code periodic:30}) and the
 * input size (tokens, pixels or samples).
 */
public final class ProfileKey {

    private final String deviceClass;
    private final String modelHash;
    private final String trace;
    private final int inputSize;

    public ProfileKey(String deviceClass, String modelHash, String trace, int inputSize) {
        this.deviceClass = require(deviceClass, "device class");
        this.modelHash = require(modelHash, "model hash");
        this.trace = require(trace, "trace");
        if (inputSize < 1) {
            throw new IllegalArgumentException("a profile's input size is >= 1, got " + inputSize);
        }
        this.inputSize = inputSize;
    }

    static String require(String text, String what) {
        if (text == null || text.trim().isEmpty()) {
            throw new IllegalArgumentException("a profile needs a " + what);
        }
        return text;
    }

    public String deviceClass() {
        return deviceClass;
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

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ProfileKey)) {
            return false;
        }
        ProfileKey o = (ProfileKey) other;
        return deviceClass.equals(o.deviceClass) && modelHash.equals(o.modelHash) && trace.equals(o.trace)
                && inputSize == o.inputSize;
    }

    @Override
    public int hashCode() {
        return ((deviceClass.hashCode() * 31 + modelHash.hashCode()) * 31 + trace.hashCode()) * 31 + inputSize;
    }

    @Override
    public String toString() {
        return deviceClass + " / " + modelHash + " / " + trace + " / input " + inputSize;
    }
}
