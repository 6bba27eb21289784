package org.zeusmobile.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.measure.DomainEnergy;
import org.zeusmobile.core.measure.Measurement;
import org.zeusmobile.core.measure.Monitor;
import org.zeusmobile.lab.EnergyScope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code zeus-mobile measure -- COMMAND ARGS...}: the energy and time of a command, like perf stat for energy. */
@Command(name = "measure", mixinStandardHelpOptions = true,
        description = "Runs COMMAND and reports its wall time and the energy of each meter's domain, "
                + "like perf stat for energy. Exits 1 when the command fails.")
final class MeasureCommand implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--device", paramLabel = "SPEC", defaultValue = "host",
            description = "A real device: host, linux[:root=DIR] or adb[:SERIAL] (default: ${DEFAULT-VALUE}).")
    String deviceSpec;

    @Option(names = "--idle-s", paramLabel = "SECONDS", defaultValue = "0",
            description = "Measure this many seconds of idle first and report energy above it as dynamic (default: 0).")
    double idleS;

    @Option(names = "--json", description = "Print JSON (schema 1, see docs/cli.md).")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The command and its arguments, after --.")
    List<String> command;

    @Mixin
    PerfettoOption perfetto;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Limits.idleS(idleS);
        PrintWriter out = spec.commandLine().getOut();
        try (Device device = Devices.open(deviceSpec, spec.commandLine().getErr())) {
            if (device.info().simulated()) {
                throw new IllegalArgumentException("measure runs a real command, so it needs a real device "
                        + "(--device host, linux or adb); " + deviceSpec + " is simulated and cannot observe it");
            }
            try (Monitor monitor = Monitor.forDevice(device, new Monitor.Options())) {
                if (idleS > 0) {
                    monitor.begin("idle");
                    Thread.sleep((long) (idleS * 1000));
                    monitor.setBaseline(monitor.end("idle"));
                }
                MeasureTrace trace = MeasureTrace.open(perfetto.file);
                Process process;
                try {
                    process = new ProcessBuilder(command).inheritIO().start();
                } catch (IOException e) {
                    trace.finish(spec.commandLine().getErr());
                    // ProcessBuilder says "Cannot run program "x": error=2, No such file or directory": keep the reason
                    String reason = String.valueOf(e.getMessage()).replaceFirst("(?s)^.*error=\\d+, ", "");
                    throw new IllegalArgumentException("cannot start '" + command.get(0) + "': " + reason.toLowerCase(
                            Locale.ROOT) + "; give a program on PATH or its path");
                }
                trace.start(device, String.join(" ", command));
                monitor.begin("command");
                int exitCode = process.waitFor();
                Measurement m = monitor.end("command");
                boolean traceFailed = trace.finish(spec.commandLine().getErr());
                for (String problem : device.problems()) {
                    spec.commandLine().getErr().println("zeus-mobile: not measured: " + problem);
                }
                if (json) {
                    out.println(Json.write(document(device, exitCode, m)));
                } else {
                    printText(out, device, exitCode, m);
                }
                return exitCode == 0 && !traceFailed ? ZeusMobile.OK : ZeusMobile.FAILURE;
            }
        }
    }

    private Map<String, Object> document(Device device, int exitCode, Measurement m) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", 1);
        doc.put("device", device.info().spec());
        doc.put("simulated", device.info().simulated());
        doc.put("command", command);
        doc.put("exit_code", exitCode);
        doc.put("elapsed_s", m.elapsedS());
        List<Object> domains = new ArrayList<>();
        for (DomainEnergy energy : m.domains().values()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("domain", energy.domain());
            d.put("meter", energy.meter());
            d.put("energy_j", energy.valid() ? energy.energyJ() : null);
            d.put("dynamic_energy_j", Double.isNaN(energy.dynamicEnergyJ()) ? null : energy.dynamicEnergyJ());
            d.put("average_power_w", energy.valid() ? energy.averagePowerW() : null);
            d.put("estimated", energy.estimated());
            d.put("measures", EnergyScope.describe(device, energy.meter()));
            d.put("valid", energy.valid());
            d.put("issues", energy.issues());
            domains.add(d);
        }
        doc.put("domains", domains);
        return doc;
    }

    private void printText(PrintWriter out, Device device, int exitCode, Measurement m) {
        out.printf(Locale.ROOT, "%n Energy of %s while '%s' ran (everything running on it counts, not the command "
                + "alone):%n%n", device.info().name(), String.join(" ", command));
        for (DomainEnergy energy : m.domains().values()) {
            if (!energy.valid()) {
                out.printf(Locale.ROOT, " %14s   %-10s (%s)%n", "not measured", energy.domain(),
                        String.join("; ", energy.issues()));
                continue;
            }
            out.printf(Locale.ROOT, " %12.3f J   %-10s %8.3f W average%s%s%n", energy.energyJ(), energy.domain(),
                    energy.averagePowerW(),
                    Double.isNaN(energy.dynamicEnergyJ()) ? ""
                            : String.format(Locale.ROOT, ", %.3f J above idle", energy.dynamicEnergyJ()),
                    energy.estimated() ? "  (ESTIMATED)" : "");
            out.printf(Locale.ROOT, "                 measured by: %s%n", EnergyScope.describe(device, energy.meter()));
            for (String issue : energy.issues()) {
                out.printf(Locale.ROOT, "                 note: %s%n", issue);
            }
        }
        out.printf(Locale.ROOT, "%n %12.3f s   wall time%s%n", m.elapsedS(),
                exitCode == 0 ? "" : String.format(Locale.ROOT, "   (command exited with %d)", exitCode));
    }
}
