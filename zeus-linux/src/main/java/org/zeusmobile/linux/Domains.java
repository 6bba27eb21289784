package org.zeusmobile.linux;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Hands out measurement domains so that no two meters of a device share one (the Monitor rejects that). */
final class Domains {

    private final Set<String> taken = new HashSet<>();

    /** {@code preferred} when free, else {@code fallback}, else the fallback with a number. */
    String claim(String preferred, String fallback) {
        if (taken.add(preferred)) {
            return preferred;
        }
        if (taken.add(fallback)) {
            return fallback;
        }
        for (int i = 2; ; i++) {
            if (taken.add(fallback + "." + i)) {
                return fallback + "." + i;
            }
        }
    }

    /** A rail or sensor label as a domain word: lower case, runs of other characters as '_'. */
    static String word(String label) {
        String word = label.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "_").replaceAll("^_+|_+$", "");
        return word.isEmpty() ? "rail" : word;
    }

    /**
     * Maps a Jetson INA3221 rail label to total/cpu/gpu/soc/mem where it names one clearly; VDD_IN and
     * POM_5V_IN are the board input (the total). Combined rails such as VDD_CPU_GPU_CV keep "cpu_gpu".
     */
    static String forRail(String label) {
        String upper = label.toUpperCase(Locale.ROOT);
        boolean cpu = upper.contains("CPU");
        boolean gpu = upper.contains("GPU");
        if (upper.equals("VDD_IN") || upper.equals("POM_5V_IN") || upper.endsWith("_IN") && upper.contains("5V")) {
            return "total";
        }
        if (cpu && gpu) {
            return "cpu_gpu";
        }
        if (cpu) {
            return "cpu";
        }
        if (gpu) {
            return "gpu";
        }
        if (upper.contains("SOC")) {
            return "soc";
        }
        if (upper.contains("DDR") || upper.contains("MEM")) {
            return "mem";
        }
        return word(label);
    }
}
