package org.zeusmobile.linux;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.device.UnusableDeviceException;

/**
 * The knobs found under a root: every driver (a knob left alone still restores what a journal holds for it),
 * the usable knobs, the ones left alone with why, and the allow-list of files any of them may write.
 */
final class KnobDrivers {

    final Map<String, KnobDriver> all = new LinkedHashMap<>();
    final List<Knob> usable = new ArrayList<>();
    /** Knobs whose files hold what restore could not write back, with why: never pinned. */
    final Map<String, String> leftAlone = new LinkedHashMap<>();
    final Set<String> writable = new HashSet<>();

    /** cpufreq policies, the GPU (KGSL, else devfreq), memory and bus devfreq, Jetson EMC; what is unusable goes to {@code problems}. */
    static KnobDrivers discover(SysFs fs, List<String> problems) {
        List<KnobDriver> found = new ArrayList<>(CpufreqKnob.discover(fs, problems));
        KnobDriver gpu = KgslKnob.discover(fs, problems);
        if (gpu == null) {
            gpu = DevfreqKnob.discoverGpu(fs, problems);
        }
        if (gpu != null) {
            found.add(gpu);
        }
        found.addAll(DevfreqKnob.discoverMemory(fs, problems));
        KnobDriver emc = EmcKnob.discover(fs, problems);
        if (emc != null) {
            found.add(emc);
        }
        KnobDrivers drivers = new KnobDrivers();
        for (KnobDriver driver : found) {
            if (drivers.all.containsKey(driver.knob.name())) {
                continue;
            }
            drivers.all.put(driver.knob.name(), driver);
            drivers.writable.addAll(driver.writableFiles());
            String reason = unusable(fs, driver);
            if (reason == null) {
                drivers.usable.add(driver.knob);
            } else {
                drivers.leftAlone.put(driver.knob.name(), reason);
                problems.add(driver.knob.name() + " left alone: " + reason);
            }
        }
        return drivers;
    }

    /** Null when {@code driver}'s knob can be read and its originals written back; else why not. */
    private static String unusable(SysFs fs, KnobDriver driver) {
        try {
            driver.snapshot(fs);
            driver.currentHz(fs);
            return null;
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    /**
     * Refuses a journal that names a knob these drivers do not have, a file outside the allow-list or a value
     * its file could not take: a journal is restored as root, so it is trusted no further than the device.
     */
    void requireRestorable(Journal journal, String path) {
        for (Map.Entry<String, Map<String, String>> knob : journal.knobs.entrySet()) {
            KnobDriver driver = all.get(knob.getKey());
            if (driver == null) {
                throw new UnusableDeviceException("journal " + path + " names knob " + knob.getKey()
                        + ", which this device does not have; it belongs to another device or root");
            }
            for (Map.Entry<String, String> file : knob.getValue().entrySet()) {
                if (!writable.contains(file.getKey())) {
                    throw new UnusableDeviceException("journal " + path + " names " + file.getKey()
                            + ", which is not a knob file of this device: refusing to write it");
                }
                driver.checkOriginal(new LinkedHashMap<String, String>(), file.getKey(), file.getValue(), "journal " + path);
            }
        }
    }

    List<Knob> usable() {
        return Collections.unmodifiableList(usable);
    }
}
