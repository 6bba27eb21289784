package org.zeusmobile.core.control;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.measure.Measurement;
import org.zeusmobile.core.strategy.Observation;

/** One measurement window of a controller run: what ran, what it cost, what the strategy was told. */
public final class Window {

    private final int index;
    private final Configuration configuration;
    private final long beginNs;
    private final long endNs;
    private final int inferences;
    private final double measuredEnergyJ;
    private final double trueEnergyJ;
    private final double latencyP95S;
    private final double temperatureC;
    private final Observation observation;
    private final Measurement measurement;
    private final Map<String, Double> temperaturesC;

    Window(int index, Configuration configuration, long beginNs, long endNs, int inferences, double measuredEnergyJ,
            double trueEnergyJ, double latencyP95S, double temperatureC, Observation observation,
            Measurement measurement, Map<String, Double> temperaturesC) {
        this.index = index;
        this.configuration = configuration;
        this.beginNs = beginNs;
        this.endNs = endNs;
        this.inferences = inferences;
        this.measuredEnergyJ = measuredEnergyJ;
        this.trueEnergyJ = trueEnergyJ;
        this.latencyP95S = latencyP95S;
        this.temperatureC = temperatureC;
        this.observation = observation;
        this.measurement = measurement;
        this.temperaturesC = Collections.unmodifiableMap(new LinkedHashMap<>(temperaturesC));
    }

    /** 0 for the first window of the run. */
    public int index() {
        return index;
    }

    public Configuration configuration() {
        return configuration;
    }

    /** Offset of the window's start from the run's start, in ns. */
    public long beginNs() {
        return beginNs;
    }

    public long endNs() {
        return endNs;
    }

    public double elapsedS() {
        return (endNs - beginNs) / 1e9;
    }

    public int inferences() {
        return inferences;
    }

    /** Energy the device's meters reported for the window, in J. */
    public double measuredEnergyJ() {
        return measuredEnergyJ;
    }

    /** Energy from the run's true-energy source (a simulator's noise-free counter), or the measured energy without one. */
    public double energyJ() {
        return Double.isNaN(trueEnergyJ) ? measuredEnergyJ : trueEnergyJ;
    }

    /** Average power over the window in W (from {@link #energyJ()}). */
    public double powerW() {
        return energyJ() / elapsedS();
    }

    public double latencyP95S() {
        return latencyP95S;
    }

    /** The hottest thermal sensor at the end of the window in °C, NaN where the device has none. */
    public double temperatureC() {
        return temperatureC;
    }

    /** What the strategy was told, or null when no request completed in the window. */
    public Observation observation() {
        return observation;
    }

    /** What the device's meters measured over the window, domain by domain. */
    public Measurement measurement() {
        return measurement;
    }

    /** Each thermal sensor's temperature at the end of the window in °C, by name; unreadable ones are absent. */
    public Map<String, Double> temperaturesC() {
        return temperaturesC;
    }
}
