package org.zeusmobile.cli;

import java.io.PrintWriter;
import java.util.List;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.linux.SysfsDevice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code zeus-mobile restore}: puts back every knob a previous apply (or a killed run) left changed. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restores every knob that 'apply' pinned or that a killed run left changed, from the journal.")
final class RestoreCommand implements Runnable {

    @Option(names = "--device", paramLabel = "SPEC", required = true,
            description = "linux[:root=DIR], adb[:SERIAL] or sim:NAME")
    String deviceSpec;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        try (Device device = Devices.open(deviceSpec)) {
            if (device instanceof SysfsDevice) {
                SysfsDevice sysfs = (SysfsDevice) device;
                String why = sysfs.tookOverKilledRun() ? " (left changed by a killed zeus-mobile run, pid "
                        + sysfs.takenOverFrom().split(":")[0] + ")" : sysfs.takenOverFrom() != null ? " (pinned by apply)" : "";
                List<String> restored = sysfs.restoreJournal();
                out.println(restored.isEmpty() ? "nothing to restore: no knob was left pinned"
                        : "restored: " + String.join(", ", restored) + why);
            } else {
                device.restore();
                out.println("nothing to restore: " + deviceSpec + " keeps no state between commands");
            }
        }
    }
}
