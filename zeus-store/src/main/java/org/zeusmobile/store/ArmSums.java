package org.zeusmobile.store;

import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.strategy.Observation;
import org.zeusmobile.core.strategy.Prediction;
import org.zeusmobile.core.strategy.Traffic;

/** One device's windows at one configuration, as sums: what it measured there, and how much of it. */
public final class ArmSums {

    final String deviceId;
    final Configuration configuration;
    /** The traffic most of the windows saw (it decides the cost: see Traffic). */
    Traffic traffic;
    long windows;
    long inferences;
    double energyJSum;
    double energyJSquaredSum;
    double timeSSum;
    double latencyP95SSum;

    ArmSums(String deviceId, Configuration configuration, Traffic traffic) {
        this.deviceId = deviceId;
        this.configuration = configuration;
        this.traffic = traffic;
    }

    /** The sums of one window. */
    static ArmSums of(String deviceId, Observation window) {
        ArmSums sums = new ArmSums(deviceId, window.configuration(), window.traffic());
        sums.add(window);
        return sums;
    }

    void add(Observation window) {
        windows++;
        inferences += window.inferences();
        energyJSum += window.energyPerInferenceJ();
        energyJSquaredSum += window.energyPerInferenceJ() * window.energyPerInferenceJ();
        timeSSum += window.timePerInferenceS();
        latencyP95SSum += window.latencyP95S();
    }

    void add(ArmSums other) {
        if (other.windows > windows) {
            traffic = other.traffic;
        }
        windows += other.windows;
        inferences += other.inferences;
        energyJSum += other.energyJSum;
        energyJSquaredSum += other.energyJSquaredSum;
        timeSSum += other.timeSSum;
        latencyP95SSum += other.latencyP95SSum;
    }

    public long windows() {
        return windows;
    }

    public long inferences() {
        return inferences;
    }

    /** The mean window's energy and time per inference and p95 latency. */
    public Prediction mean() {
        return new Prediction(energyJSum / windows, timeSSum / windows, latencyP95SSum / windows, traffic);
    }

    /** The sample standard deviation of the windows' energy per inference, J; NaN below two windows. */
    public double energyJStandardDeviation() {
        if (windows < 2) {
            return Double.NaN;
        }
        double mean = energyJSum / windows;
        return Math.sqrt(Math.max(0, (energyJSquaredSum - windows * mean * mean) / (windows - 1)));
    }
}
