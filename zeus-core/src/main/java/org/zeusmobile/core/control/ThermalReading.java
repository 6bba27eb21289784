package org.zeusmobile.core.control;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zeusmobile.core.device.DeviceException;
import org.zeusmobile.core.device.ThermalSensor;

/**
 * Every thermal sensor read once at the end of a window: each one's temperature, the hottest, and the smallest
 * headroom to a next trip point; NaN where unknown. A sensor that cannot be read leaves the others to decide.
 */
public final class ThermalReading {

    /** Sensor name to °C, in the device's order; unreadable sensors are absent. */
    public final Map<String, Double> temperaturesC;
    public final double hottestC;
    /** °C to the nearest next trip point over all sensors (negative past the last one); NaN without trip points. */
    public final double headroomC;

    private ThermalReading(Map<String, Double> temperaturesC, double hottestC, double headroomC) {
        this.temperaturesC = Collections.unmodifiableMap(temperaturesC);
        this.hottestC = hottestC;
        this.headroomC = headroomC;
    }

    /** Reads {@code sensors}; one that cannot be read is left out. */
    public static ThermalReading of(List<ThermalSensor> sensors) {
        return of(sensors, null);
    }

    /**
     * Reads {@code sensors}. Each one that fails is counted in {@code failures} (may be null), and so is a device
     * with sensors none of which could be read: without any reading the strategies' thermal guard has no headroom
     * to watch, which the run result says.
     */
    static ThermalReading of(List<ThermalSensor> sensors, SensorFailures failures) {
        Map<String, Double> temperaturesC = new LinkedHashMap<>();
        double hottestC = Double.NaN;
        double headroomC = Double.NaN;
        for (ThermalSensor sensor : sensors) {
            double celsius;
            try {
                celsius = sensor.readCelsius();
            } catch (DeviceException e) {
                if (failures != null) {
                    failures.failed(sensor.name(), e.getMessage());
                }
                continue;
            }
            temperaturesC.put(sensor.name(), celsius);
            if (Double.isNaN(hottestC) || celsius > hottestC) {
                hottestC = celsius;
            }
            double headroom = headroomC(celsius, sensor.tripPointsC());
            if (!Double.isNaN(headroom) && (Double.isNaN(headroomC) || headroom < headroomC)) {
                headroomC = headroom;
            }
        }
        if (Double.isNaN(hottestC) && !sensors.isEmpty() && failures != null) {
            failures.noneRead();
        }
        return new ThermalReading(temperaturesC, hottestC, headroomC);
    }

    /** The same reading with the headroom from another source (Android's thermal headroom forecast). */
    public ThermalReading withHeadroomC(double celsius) {
        return new ThermalReading(temperaturesC, hottestC, celsius);
    }

    /**
     * °C to the next trip point above {@code celsius} (past the last one: negative, to the last); NaN without
     * trip points. Once a step throttles, what is left to avoid is the next, harsher one.
     */
    static double headroomC(double celsius, double[] tripPointsC) {
        if (tripPointsC.length == 0) {
            return Double.NaN;
        }
        for (double trip : tripPointsC) {
            if (trip > celsius) {
                return trip - celsius;
            }
        }
        return tripPointsC[tripPointsC.length - 1] - celsius;
    }
}
