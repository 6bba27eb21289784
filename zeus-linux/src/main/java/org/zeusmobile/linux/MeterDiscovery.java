package org.zeusmobile.linux;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.zeusmobile.core.device.DeviceException;
import org.zeusmobile.core.device.ThermalSensor;
import org.zeusmobile.core.measure.EnergyMeter;
import org.zeusmobile.core.measure.MeterDescription;
import org.zeusmobile.core.measure.Plausible;
import org.zeusmobile.core.measure.PowerMeter;

/** Finds the meters and thermal sensors of a Linux device under a root (DESIGN.md section 5). */
final class MeterDiscovery {

    static final String POWER_SUPPLY = "/sys/class/power_supply";
    static final String HWMON = "/sys/class/hwmon";
    static final String INA3221 = "/sys/bus/i2c/drivers/ina3221";
    static final String INA3221X = "/sys/bus/i2c/drivers/ina3221x";
    static final String IIO = "/sys/bus/iio/devices";
    static final String THERMAL = "/sys/class/thermal";

    /** Fuel gauges refresh about once a second or slower (DESIGN.md section 5, battery). */
    static final long FUEL_GAUGE_PERIOD_NS = 1_000_000_000L;
    /** Assumed INA3221 refresh when the driver exposes no update_interval: 8 ms (the JetPack driver's default averaging). */
    static final long INA3221_DEFAULT_PERIOD_NS = 8_000_000L;
    private static final Pattern ODPM_RAIL = Pattern.compile("CH(\\d+)\\(T=(\\d+)\\)\\[([^\\]]+)\\],\\s*(\\d+)");

    final List<EnergyMeter> energy = new ArrayList<>();
    final List<PowerMeter> power = new ArrayList<>();
    final List<ThermalSensor> thermal = new ArrayList<>();
    final List<BatterySign> batteries = new ArrayList<>();
    /** What could not be used and why: a bad file leaves out its meter, not the device. */
    final List<String> problems = new ArrayList<>();

    private final Sampler sampler;
    private final SysFs fs;
    private final Domains domains = new Domains();

    MeterDiscovery(Sampler sampler) {
        this.sampler = sampler;
        this.fs = sampler.fs();
    }

    MeterDiscovery discoverAll() {
        ina3221Hwmon();
        ina3221Iio();
        odpm();
        energy.addAll(RaplMeters.discover(sampler, domains, problems));
        hwmon();
        battery();
        thermalZones();
        return this;
    }

    /** Runs one meter's discovery; a file it cannot use becomes a problem instead of refusing the device. */
    private void guarded(String what, Runnable discovery) {
        try {
            discovery.run();
        } catch (RuntimeException e) {
            problems.add(what + " not used: " + e.getMessage());
        }
    }

    /** JetPack 5+: {@code inN_label} / {@code inN_input} (mV) / {@code currN_input} (mA) under a hwmon of the ina3221 driver. */
    private void ina3221Hwmon() {
        for (String chip : fs.list(INA3221)) {
            String hwmonParent = SysFs.join(SysFs.join(INA3221, chip), "hwmon");
            for (String hwmon : fs.list(hwmonParent)) {
                if (!hwmon.startsWith("hwmon")) {
                    continue;
                }
                final String dir = SysFs.join(hwmonParent, hwmon);
                guarded("ina3221 " + dir, () -> ina3221Hwmon(chip, dir));
            }
        }
    }

    private void ina3221Hwmon(String chip, String dir) {
        long periodNs = INA3221_DEFAULT_PERIOD_NS;
        String interval = fs.readOrNull(SysFs.join(dir, "update_interval"));
        if (interval != null) {
            periodNs = Math.max(1, KnobDriver.parseLong(interval, SysFs.join(dir, "update_interval"))) * 1_000_000L;
        }
        for (int channel = 1; channel <= 8; channel++) {
            String label = fs.readOrNull(SysFs.join(dir, "in" + channel + "_label"));
            final String voltage = SysFs.join(dir, "in" + channel + "_input");
            final String current = SysFs.join(dir, "curr" + channel + "_input");
            if (label == null || skipRail(label) || !fs.isFile(voltage) || !fs.isFile(current)) {
                continue;
            }
            label = label.trim();
            power.add(new FileMeters.Power(MeterDescription.power("ina3221 " + chip + " " + label,
                    domains.claim(Domains.forRail(label), Domains.word(label)),
                    // integer mV times integer mA: one mA step at ~5 V is 5 mW
                    0.005, periodNs), Arrays.asList(voltage, current),
                    files -> FileMeters.volts(files, voltage, 1e3) * FileMeters.amps(files, current, 1e3), sampler));
        }
    }

    /** JetPack 4: {@code rail_name_N} and {@code in_powerN_input} (mW) under the ina3221x IIO device. */
    private void ina3221Iio() {
        for (String chip : fs.list(INA3221X)) {
            String chipDir = SysFs.join(INA3221X, chip);
            for (String child : fs.list(chipDir)) {
                if (!child.equals("iio_device") && !child.startsWith("iio:device")) {
                    continue;
                }
                String dir = SysFs.join(chipDir, child);
                for (int channel = 0; channel < 3; channel++) {
                    String label = fs.readOrNull(SysFs.join(dir, "rail_name_" + channel));
                    final String powerPath = SysFs.join(dir, "in_power" + channel + "_input");
                    if (label == null || skipRail(label) || !fs.isFile(powerPath)) {
                        continue;
                    }
                    label = label.trim();
                    power.add(new FileMeters.Power(MeterDescription.power("ina3221x " + chip + " " + label,
                            domains.claim(Domains.forRail(label), Domains.word(label)), 0.001, INA3221_DEFAULT_PERIOD_NS),
                            Collections.singletonList(powerPath), files -> FileMeters.number(files, powerPath) / 1e3,
                            sampler));
                }
            }
        }
    }

    /** "NC" marks an unconnected channel; the summing channel would count rails twice. */
    private static boolean skipRail(String label) {
        String trimmed = label.trim();
        return trimmed.isEmpty() || trimmed.equalsIgnoreCase("NC") || trimmed.toLowerCase(Locale.ROOT).contains("sum");
    }

    /** Pixel on-device power monitors: {@code energy_value} holds {@code t=<ms>} then {@code CH<i>(T=<ms>)[RAIL], <µW·s>}. */
    private void odpm() {
        for (String device : fs.list(IIO)) {
            final String dir = SysFs.join(IIO, device);
            guarded("power monitor " + dir, () -> odpm(dir));
        }
    }

    private void odpm(String dir) {
        final String path = SysFs.join(dir, "energy_value");
        String content = fs.readOrNull(path);
        if (content == null || !content.trim().startsWith("t=")) {
            return;
        }
        long periodNs = 1_000_000L;
        String rate = fs.readOrNull(SysFs.join(dir, "sampling_rate"));
        if (rate != null) {
            try {
                double hz = Double.parseDouble(rate.trim());
                if (hz > 0) {
                    periodNs = Math.round(1e9 / hz);
                }
            } catch (NumberFormatException e) {
                throw new DeviceException(SysFs.join(dir, "sampling_rate") + " holds '" + rate.trim() + "', not a rate in Hz");
            }
        }
        for (final String rail : odpmRails(content, path).keySet()) {
            energy.add(new FileMeters.Energy(MeterDescription.energy("odpm " + rail,
                    domains.claim(odpmDomain(rail), Domains.word(rail)), 1e-6, periodNs), Collections.singletonList(path),
                    files -> odpmRailUws(files.get(path), path, rail) / 1e6, sampler));
        }
    }

    /** Rail name to cumulative µW·s, in file order. */
    static Map<String, Long> odpmRails(String content, String path) {
        Map<String, Long> rails = new java.util.LinkedHashMap<>();
        String[] lines = content.trim().split("\n");
        if (lines.length == 0 || !lines[0].trim().startsWith("t=")) {
            throw new DeviceException(path + " does not start with the ODPM 't=' header");
        }
        for (int i = 1; i < lines.length; i++) {
            Matcher matcher = ODPM_RAIL.matcher(lines[i].trim());
            if (!matcher.matches()) {
                throw new DeviceException(path + " line '" + lines[i].trim() + "' is not 'CH<i>(T=<ms>)[RAIL], <uWs>'");
            }
            try {
                rails.put(matcher.group(3), Long.parseLong(matcher.group(4)));
            } catch (NumberFormatException e) {
                throw new DeviceException(path + " line '" + lines[i].trim() + "' holds a value beyond a 64-bit counter");
            }
        }
        return rails;
    }

    private static double odpmRailUws(String content, String path, String rail) {
        if (content == null) {
            throw new DeviceException("cannot read " + path + ": the power monitor vanished");
        }
        Long value = odpmRails(content, path).get(rail);
        if (value == null) {
            throw new DeviceException(path + " no longer lists rail " + rail);
        }
        return value;
    }

    /** Pixel rail names: CPUCL0/1/2 are the little/mid/big clusters, G3D the GPU, TPU the Tensor TPU. */
    static String odpmDomain(String rail) {
        String upper = rail.toUpperCase(Locale.ROOT);
        if (upper.contains("CPUCL0")) {
            return "cpu.little";
        }
        if (upper.contains("CPUCL1")) {
            return "cpu.mid";
        }
        if (upper.contains("CPUCL2")) {
            return "cpu.big";
        }
        if (upper.contains("G3D")) {
            return "gpu";
        }
        if (upper.contains("TPU")) {
            return "tpu";
        }
        if (upper.contains("MIF") || upper.contains("DDR") || upper.contains("MEM")) {
            return "mem";
        }
        if (upper.contains("DISP")) {
            return "display";
        }
        return Domains.word(rail);
    }

    /** hwmon chips other than the INA3221 (handled above): power*_input in µW, energy*_input in µJ. */
    private void hwmon() {
        for (final String hwmon : fs.list(HWMON)) {
            guarded("hwmon " + SysFs.join(HWMON, hwmon), () -> hwmon(hwmon));
        }
    }

    private void hwmon(String hwmon) {
        String dir = SysFs.join(HWMON, hwmon);
        String chip = fs.readOrNull(SysFs.join(dir, "name"));
        if (chip == null || chip.trim().startsWith("ina3221")) {
            return;
        }
        chip = chip.trim();
        for (String file : fs.list(dir)) {
            Matcher matcher = Pattern.compile("(power|energy)(\\d+)_input").matcher(file);
            if (!matcher.matches()) {
                continue;
            }
            final String path = SysFs.join(dir, file);
            String label = fs.readOrNull(SysFs.join(dir, matcher.group(1) + matcher.group(2) + "_label"));
            String what = chip + "." + (label == null ? matcher.group(1) + matcher.group(2) : label.trim());
            String domain = domains.claim(Domains.word(what), Domains.word(hwmon + "." + what));
            if (matcher.group(1).equals("power")) {
                power.add(new FileMeters.Power(MeterDescription.power("hwmon " + what, domain, 1e-6, 1_000_000L),
                        Collections.singletonList(path), files -> FileMeters.number(files, path) / 1e6, sampler));
            } else {
                energy.add(new FileMeters.Energy(MeterDescription.energy("hwmon " + what, domain, 1e-6, 1_000_000L),
                        Collections.singletonList(path), files -> FileMeters.number(files, path) / 1e6, sampler));
            }
        }
    }

    /** The first power_supply of type Battery with current_now (µA) and voltage_now (µV). */
    private void battery() {
        for (String supply : fs.list(POWER_SUPPLY)) {
            String dir = SysFs.join(POWER_SUPPLY, supply);
            String type = fs.readOrNull(SysFs.join(dir, "type"));
            final String current = SysFs.join(dir, "current_now");
            final String voltage = SysFs.join(dir, "voltage_now");
            final String status = SysFs.join(dir, "status");
            if (type == null || !type.trim().equals("Battery") || !fs.isFile(current) || !fs.isFile(voltage)) {
                continue;
            }
            final BatterySign sign = new BatterySign();
            batteries.add(sign);
            power.add(new FileMeters.Power(MeterDescription.power("battery " + supply, domains.claim("total", "battery"), 1e-3,
                    FUEL_GAUGE_PERIOD_NS), Arrays.asList(current, voltage, status),
                    files -> sign.watts(FileMeters.amps(files, current, 1e6), FileMeters.volts(files, voltage, 1e6),
                            files.get(status)), sampler));
            return;
        }
    }

    private void thermalZones() {
        List<String> zones = new ArrayList<>();
        for (String zone : fs.list(THERMAL)) {
            if (zone.matches("thermal_zone\\d+")) {
                zones.add(zone);
            }
        }
        zones.sort((a, b) -> Integer.compare(Integer.parseInt(a.substring(12)), Integer.parseInt(b.substring(12))));
        java.util.Set<String> names = new java.util.HashSet<>();
        // phones have dozens of zones: read every type and temp in one round-trip
        List<String> files = new ArrayList<>();
        for (String zone : zones) {
            files.add(SysFs.join(SysFs.join(THERMAL, zone), "type"));
            files.add(SysFs.join(SysFs.join(THERMAL, zone), "temp"));
        }
        Map<String, String> read = fs.readAll(files);
        for (String zone : zones) {
            String dir = SysFs.join(THERMAL, zone);
            String type = read.get(SysFs.join(dir, "type"));
            String label = type == null || type.trim().isEmpty() ? zone : type.trim();
            String temp = SysFs.join(dir, "temp");
            if (read.get(temp) == null && !fs.isFile(temp)) {
                problems.add("thermal zone " + zone + " (" + label + ") not used: it has no temp file to read");
                continue;
            }
            // Some zones refuse reads (EINVAL) while their sensor sleeps: they stay, and each failed read says why.
            String name = names.add(label) ? label : label + "." + zone.substring(12);
            thermal.add(new MilliCelsius(name, temp, sampler, passiveTripPointsC(dir)));
        }
        String kgslTemp = SysFs.join(KgslKnob.KGSL, "temp");
        if (fs.isFile(kgslTemp)) {
            thermal.add(new MilliCelsius(names.add("kgsl-3d0") ? "kgsl-3d0" : "kgsl-3d0.temp", kgslTemp, sampler,
                    new double[0]));
        }
    }

    /**
     * The zone's passive trip points in °C, ascending: where the kernel starts passive cooling, that is
     * throttling (sysfs-class-thermal: trip_point_N_type is active, passive, hot or critical, and
     * trip_point_N_temp is in m°C). Unreadable or malformed trips are skipped; vendors' userspace thermal
     * daemons may throttle at their own thresholds, which sysfs does not show.
     */
    private double[] passiveTripPointsC(String zoneDir) {
        List<String> files = new ArrayList<>();
        for (String name : fs.list(zoneDir)) {
            if (name.matches("trip_point_\\d+_type")) {
                files.add(SysFs.join(zoneDir, name));
                files.add(SysFs.join(zoneDir, name.replace("_type", "_temp")));
            }
        }
        if (files.isEmpty()) {
            return new double[0];
        }
        Map<String, String> read = fs.readAll(files);
        TreeSet<Double> trips = new TreeSet<>();
        for (int i = 0; i < files.size(); i += 2) {
            String type = read.get(files.get(i));
            String temp = read.get(files.get(i + 1));
            if (type != null && type.trim().equals("passive") && temp != null && temp.trim().matches("-?\\d+")) {
                trips.add(Long.parseLong(temp.trim()) / 1000.0);
            }
        }
        double[] result = new double[trips.size()];
        int t = 0;
        for (double trip : trips) {
            result[t++] = trip;
        }
        return result;
    }

    /**
     * Vendors disagree on the sign of {@code current_now}. The first reading taken while the status
     * says Discharging fixes the sign so that discharge power is positive; until then the magnitude is used.
     */
    static final class BatterySign {
        private int sign;

        synchronized double watts(double currentA, double voltageV, String status) {
            double watts = currentA * voltageV;
            if (sign == 0 && status != null && status.trim().equals("Discharging") && currentA != 0) {
                sign = currentA < 0 ? -1 : 1;
            }
            return sign == 0 ? Math.abs(watts) : sign * watts;
        }

        synchronized int sign() {
            return sign;
        }
    }

    /** A temperature file in m°C, read with the meters' batch over adb. */
    static final class MilliCelsius implements ThermalSensor {
        private final String name;
        private final String path;
        private final Sampler sampler;
        private final double[] tripPointsC;

        MilliCelsius(String name, String path, Sampler sampler, double[] tripPointsC) {
            this.name = name;
            this.path = path;
            this.sampler = sampler;
            this.tripPointsC = tripPointsC;
            sampler.register(Collections.singletonList(path));
        }

        @Override
        public double[] tripPointsC() {
            return tripPointsC.clone();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public double readCelsius() {
            Map<String, String> files = sampler.read(Collections.singletonList(path));
            double celsius = FileMeters.number(files, path) / 1000.0;
            String problem = Plausible.temperatureProblem(celsius);
            if (problem != null) {
                throw new DeviceException(String.format(Locale.ROOT, "thermal zone %s: %s reads %s m°C, that is %.1f °C, "
                        + "which %s", name, path, files.get(path).trim(), celsius, problem));
            }
            return celsius;
        }

        @Override
        public String toString() {
            return name + " (" + path + ")";
        }
    }
}
