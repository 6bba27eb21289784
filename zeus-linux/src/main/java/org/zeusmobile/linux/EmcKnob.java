package org.zeusmobile.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.device.UnusableDeviceException;

/**
 * The Jetson external memory controller through BPMP debugfs, {@code mem.emc.freq}: the way
 * {@code jetson_clocks} pins it ({@code mrq_rate_locked} = 1, then {@code rate}). Legal rates come from
 * {@code /sys/kernel/debug/bpmp/debug/emc/possible_rates} (kHz). Root only.
 */
final class EmcKnob extends KnobDriver {

    static final String EMC = "/sys/kernel/debug/bpmp/debug/clk/emc";
    static final String POSSIBLE_RATES = "/sys/kernel/debug/bpmp/debug/emc/possible_rates";

    private EmcKnob(Knob knob) {
        super(knob, EMC);
    }

    /** The EMC, or null; one whose files cannot be used goes to {@code problems}. */
    static KnobDriver discover(SysFs fs, List<String> problems) {
        try {
            return discover(fs);
        } catch (RuntimeException e) {
            problems.add("mem.emc.freq not used: " + e.getMessage());
            return null;
        }
    }

    private static KnobDriver discover(SysFs fs) {
        if (!fs.isFile(SysFs.join(EMC, "rate")) || !fs.isFile(SysFs.join(EMC, "mrq_rate_locked"))) {
            return null;
        }
        TreeSet<Long> hz = new TreeSet<>();
        for (long khz : parseList(fs.readOrNull(POSSIBLE_RATES), POSSIBLE_RATES)) {
            if (khz > 0) {
                hz.add(khz * 1000);
            }
        }
        if (hz.isEmpty()) {
            throw new UnusableDeviceException(POSSIBLE_RATES + " lists no rates");
        }
        return new EmcKnob(Knob.of("mem.emc.freq", Knob.Unit.HZ, new ArrayList<>(hz)));
    }

    /** Restored in this order: the rate first, then the lock that held it. */
    @Override
    List<String> writableFiles() {
        return files("rate", "mrq_rate_locked");
    }

    @Override
    String checkOriginal(String path, String value) {
        if (path.endsWith("/mrq_rate_locked")) {
            return value.equals("0") || value.equals("1") ? null : "not 0 or 1";
        }
        return wholeNumber(value, 1, "a rate in Hz");
    }

    @Override
    long currentHz(SysFs fs) {
        return readLong(fs, file("rate"));
    }

    @Override
    String governor(SysFs fs) {
        return "1".equals(fs.read(file("mrq_rate_locked"))) ? "locked" : "bpmp";
    }

    @Override
    void pin(SysFs fs, Writer writer, long valueHz) {
        writer.write(file("mrq_rate_locked"), "1");
        writer.write(file("rate"), Long.toString(valueHz));
    }

    @Override
    String method() {
        return "BPMP debugfs mrq_rate_locked + rate";
    }
}
