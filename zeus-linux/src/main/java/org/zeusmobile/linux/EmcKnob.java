package org.zeusmobile.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.zeusmobile.core.device.Knob;

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

    static KnobDriver discover(SysFs fs) {
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
            return null;
        }
        return new EmcKnob(Knob.of("mem.emc.freq", Knob.Unit.HZ, new ArrayList<>(hz)));
    }

    @Override
    List<String> writableFiles() {
        List<String> files = new ArrayList<>();
        files.add(file("rate"));
        files.add(file("mrq_rate_locked"));
        return files;
    }

    @Override
    List<String> stateFiles(SysFs fs) {
        return writableFiles();
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
    void restore(SysFs fs, Writer writer, Map<String, String> originals) {
        writer.write(file("rate"), originals.get(file("rate")));
        writer.write(file("mrq_rate_locked"), originals.get(file("mrq_rate_locked")));
    }

    @Override
    String method() {
        return "BPMP debugfs mrq_rate_locked + rate";
    }
}
