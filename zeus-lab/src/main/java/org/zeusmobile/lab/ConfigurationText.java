package org.zeusmobile.lab;

import java.math.BigDecimal;
import java.util.Map;

/** The one way results show a configuration to people: {@code batch=2, gpu.freq=615MHz}; {@code governed} for none. */
public final class ConfigurationText {

    private ConfigurationText() {
    }

    /** Knobs in name order, frequencies in MHz (decimals kept, so the text can be given back to apply). */
    public static String of(Map<String, Long> configuration) {
        if (configuration == null || configuration.isEmpty()) {
            return "governed";
        }
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Long> pin : new java.util.TreeMap<>(configuration).entrySet()) {
            text.append(text.length() == 0 ? "" : ", ").append(pin.getKey()).append('=')
                    .append(value(pin.getKey(), pin.getValue()));
        }
        return text.toString();
    }

    /** One knob's value: MHz for frequencies (knobs named {@code *.freq}), the plain count otherwise. */
    public static String value(String knob, long value) {
        if (!knob.endsWith(".freq")) {
            return Long.toString(value);
        }
        return new BigDecimal(value).movePointLeft(6).stripTrailingZeros().toPlainString() + "MHz";
    }
}
