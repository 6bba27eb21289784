package org.zeusmobile.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.device.DeviceException;
import org.zeusmobile.core.device.DeviceRegistry;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.device.ThermalSensor;
import org.zeusmobile.core.device.Units;
import org.zeusmobile.core.measure.EnergyMeter;
import org.zeusmobile.core.measure.PowerMeter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code zeus-mobile devices}: a device's knobs, meters and thermal sensors. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "Shows a device: its knobs with their legal values, its meters and its thermal sensors.")
final class DevicesCommand implements Runnable {

    @Option(names = "--device", paramLabel = "SPEC", defaultValue = DeviceRegistry.DEFAULT_SPEC,
            description = "sim:NAME, sim:file=PATH, host, linux[:root=DIR], adb[:SERIAL] (default: ${DEFAULT-VALUE})")
    String deviceSpec;

    @Option(names = "--json", description = "Print JSON (schema 1, see docs/cli.md) instead of a table.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        try (Device device = Devices.open(deviceSpec, spec.commandLine().getErr())) {
            if (json) {
                out.println(Json.write(describe(device)));
            } else {
                printTable(device, out);
            }
        }
    }

    /** The {@code devices --json} document, schema 1. */
    static Map<String, Object> describe(Device device) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", 1);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", device.info().name());
        info.put("spec", device.info().spec());
        info.put("simulated", device.info().simulated());
        info.put("description", device.info().description());
        doc.put("device", info);
        List<Object> knobs = new ArrayList<>();
        for (Knob knob : device.knobs()) {
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("name", knob.name());
            k.put("unit", knob.unit().symbol());
            k.put("values", knob.values());
            k.put("current", device.current(knob.name()));
            k.put("governor", device.governor(knob.name()));
            knobs.add(k);
        }
        doc.put("knobs", knobs);
        List<Object> meters = new ArrayList<>();
        for (EnergyMeter meter : device.energyMeters()) {
            meters.add(meter(meter.name(), meter.domain(), "energy", "J", meter.resolutionJ(), meter.updatePeriodNs(),
                    meter.estimated()));
        }
        for (PowerMeter meter : device.powerMeters()) {
            meters.add(meter(meter.name(), meter.domain(), "power", "W", meter.resolutionW(), meter.updatePeriodNs(),
                    meter.estimated()));
        }
        doc.put("meters", meters);
        List<Object> thermal = new ArrayList<>();
        for (ThermalSensor sensor : device.thermalSensors()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("name", sensor.name());
            String error = null;
            Double celsius = null;
            try {
                celsius = sensor.readCelsius();
            } catch (DeviceException e) {
                error = e.getMessage();
            }
            t.put("celsius", celsius);
            t.put("error", error);
            List<Double> trips = new ArrayList<>();
            for (double trip : sensor.tripPointsC()) {
                trips.add(trip);
            }
            t.put("trip_points_c", trips);
            thermal.add(t);
        }
        doc.put("thermal", thermal);
        doc.put("problems", device.problems());
        return doc;
    }

    /** The temperature as text, or why it cannot be read. */
    private static String celsiusText(ThermalSensor sensor) {
        try {
            return String.format(Locale.ROOT, "%.1f °C", sensor.readCelsius());
        } catch (DeviceException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    private static Map<String, Object> meter(String name, String domain, String kind, String unit, double resolution,
            long updatePeriodNs, boolean estimated) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("domain", domain);
        m.put("kind", kind);
        m.put("unit", unit);
        m.put("resolution", resolution);
        m.put("update_period_ms", updatePeriodNs / 1e6);
        m.put("estimated", estimated);
        return m;
    }

    private static void printTable(Device device, PrintWriter out) {
        out.printf(Locale.ROOT, "%s%s%n  %s%n  spec: %s%n%n", device.info().name(),
                device.info().simulated() ? "  [SIMULATED]" : "", device.info().description(), device.info().spec());
        out.println("Knobs:");
        for (Knob knob : device.knobs()) {
            String governor = device.governor(knob.name());
            out.printf(Locale.ROOT, "  %-22s now %-12s %-14s %d values: %s%n", knob.name(),
                    Units.format(device.current(knob.name()), knob.unit()),
                    governor == null ? "" : "(" + governor + ")", knob.size(), knob.describeValues());
        }
        out.println("Meters:");
        for (EnergyMeter meter : device.energyMeters()) {
            out.printf(Locale.ROOT, "  %-22s %-8s energy counter, resolution %.3g J, updates every %.1f ms%s%n",
                    meter.name(), meter.domain(), meter.resolutionJ(), meter.updatePeriodNs() / 1e6,
                    meter.estimated() ? ", ESTIMATED" : "");
        }
        for (PowerMeter meter : device.powerMeters()) {
            out.printf(Locale.ROOT, "  %-22s %-8s power, resolution %.3g W, updates every %.1f ms%s%n", meter.name(),
                    meter.domain(), meter.resolutionW(), meter.updatePeriodNs() / 1e6,
                    meter.estimated() ? ", ESTIMATED" : "");
        }
        out.println("Thermal:");
        for (ThermalSensor sensor : device.thermalSensors()) {
            StringBuilder trips = new StringBuilder();
            for (double trip : sensor.tripPointsC()) {
                trips.append(trips.length() == 0 ? ", throttles at " : ", ").append(String.format(Locale.ROOT, "%.1f °C", trip));
            }
            out.printf(Locale.ROOT, "  %-22s %s%s%n", sensor.name(), celsiusText(sensor), trips);
        }
        if (!device.problems().isEmpty()) {
            out.println("Not used:");
            for (String problem : device.problems()) {
                out.println("  " + problem);
            }
        }
    }
}
