package org.zeusmobile.cli;

import java.io.PrintWriter;
import java.util.List;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.device.Units;
import org.zeusmobile.linux.Clamp;
import org.zeusmobile.linux.SysfsDevice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code zeus-mobile apply}: pins knobs and journals the originals so that {@code restore} can put them back. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Pins knobs to the given values. On real devices the originals are journaled and stay "
                + "pinned after the command ends, until 'zeus-mobile restore'. On sim: devices the values are "
                + "applied to the simulated device and read back.")
final class ApplyCommand implements Runnable {

    @Option(names = "--device", paramLabel = "SPEC", required = true,
            description = "linux[:root=DIR], adb[:SERIAL] or sim:NAME")
    String deviceSpec;

    @Parameters(arity = "1..*", paramLabel = "KNOB=VALUE", description = "e.g. gpu.freq=475MHz cpu.policy7.freq=1804800kHz")
    List<String> settings;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        try (Device device = Devices.open(deviceSpec)) {
            Configuration configuration = Configuration.parse(String.join(",", settings), device);
            if (device instanceof SysfsDevice) {
                SysfsDevice sysfs = (SysfsDevice) device;
                List<String> leftBefore = sysfs.takenOverKnobs();
                boolean killedRun = sysfs.tookOverKilledRun();
                List<Clamp> clamps = sysfs.applyAndDetach(configuration);
                reportTakenOver(out, sysfs.takenOverFrom(), killedRun, leftBefore, configuration);
                for (Clamp clamp : clamps) {
                    Knob knob = device.knob(clamp.knob());
                    out.println("clamped: " + clamp.knob() + " asked " + Units.format(clamp.requested(), knob.unit())
                            + ", runs at " + Units.format(clamp.effective(), knob.unit()));
                }
                printPinned(out, device, configuration);
                out.println("pinned until: zeus-mobile restore --device " + deviceSpec);
            } else if (device.info().simulated()) {
                device.apply(configuration);
                printPinned(out, device, configuration);
                out.println("(simulated device: the simulation ends with this command, nothing stays pinned)");
            } else {
                throw new IllegalArgumentException("device " + deviceSpec + " keeps its knobs only inside a run; "
                        + "use optimize or compare with it, or apply to a linux or adb device");
            }
        }
    }

    /**
     * What this apply did to knobs an earlier run left changed: a killed run's (restored first) or an earlier
     * apply's (released unless pinned again). Apply replaces what is pinned; saying so keeps it from being a surprise.
     */
    private static void reportTakenOver(PrintWriter out, String owner, boolean killedRun, List<String> left,
            Configuration configuration) {
        if (left.isEmpty()) {
            return;
        }
        List<String> released = new java.util.ArrayList<>();
        List<String> pinnedAgain = new java.util.ArrayList<>();
        for (String knob : left) {
            (configuration.pins(knob) ? pinnedAgain : released).add(knob);
        }
        String who = killedRun ? "a killed zeus-mobile run (pid " + owner.split(":")[0] + ")" : "an earlier apply";
        if (!released.isEmpty()) {
            out.println("restored first: " + String.join(", ", released) + " (left pinned by " + who
                    + ") back to the original values");
        }
        if (!pinnedAgain.isEmpty()) {
            out.println("pinned again: " + String.join(", ", pinnedAgain) + " (left pinned by " + who
                    + "); restore still returns them to the values from before that run");
        }
    }

    private static void printPinned(PrintWriter out, Device device, Configuration configuration) {
        for (String name : configuration.knobs()) {
            Knob knob = device.knob(name);
            out.println("pinned: " + name + " = " + Units.format(device.current(name), knob.unit()));
        }
    }
}
