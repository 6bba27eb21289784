package org.zeusmobile.core.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Failed thermal reads of one run, counted per sensor with the last reason: bounded by the number of sensors. */
final class SensorFailures {

    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private final Map<String, String> lastReason = new LinkedHashMap<>();
    private long windowsWithoutTemperature;

    void failed(String sensor, String reason) {
        long[] count = counts.get(sensor);
        if (count == null) {
            count = new long[1];
            counts.put(sensor, count);
        }
        count[0]++;
        lastReason.put(sensor, reason);
    }

    void noneRead() {
        windowsWithoutTemperature++;
    }

    List<String> summaries(int windows) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, long[]> entry : counts.entrySet()) {
            lines.add(String.format(Locale.ROOT, "thermal sensor %s could not be read in %d of %d windows (last: %s)",
                    entry.getKey(), entry.getValue()[0], windows, lastReason.get(entry.getKey())));
        }
        if (windowsWithoutTemperature > 0) {
            lines.add(String.format(Locale.ROOT, "no thermal sensor could be read in %d of %d windows: the thermal guard "
                    + "had no temperature to watch there", windowsWithoutTemperature, windows));
        }
        return lines;
    }
}
