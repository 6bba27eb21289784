package org.zeusmobile.store;

import java.util.Map;
import java.util.TreeMap;
import org.zeusmobile.core.device.Configuration;

/** A configuration as the store keeps it: {@code knob=value,...} in knob order, values in the knob's unit (Hz). */
final class ConfigurationText {

    private ConfigurationText() {
    }

    static String format(Configuration configuration) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Long> knob : configuration.asMap().entrySet()) {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(knob.getKey()).append('=').append(knob.getValue());
        }
        return text.toString();
    }

    static Configuration parse(String text) {
        Map<String, Long> values = new TreeMap<>();
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("stored configuration '" + text + "' is not knob=value,...");
            }
            values.put(part.substring(0, eq), Long.parseLong(part.substring(eq + 1)));
        }
        return Configuration.of(values);
    }
}
