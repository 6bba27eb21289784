package org.zeusmobile.linux;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.zeusmobile.core.device.DeviceException;
import org.zeusmobile.core.measure.EnergyMeter;
import org.zeusmobile.core.measure.MeterDescription;
import org.zeusmobile.core.measure.Plausible;
import org.zeusmobile.core.measure.PowerMeter;

/** Energy and power meters computed from a few sysfs files read together. */
final class FileMeters {

    private FileMeters() {
    }

    /** Turns the files' contents into one reading (J or W). */
    interface Formula {
        double compute(Map<String, String> files);
    }

    static double number(Map<String, String> files, String path) {
        String text = files.get(path);
        if (text == null) {
            throw new DeviceException("cannot read " + path + ": the sensor vanished or is not readable");
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new DeviceException(path + " holds '" + text.trim() + "', not a number");
        }
    }

    /** A current file in {@code perAmp} units per A (µA: 1e6, mA: 1e3), checked against physics. */
    static double amps(Map<String, String> files, String path, double perAmp) {
        double amps = number(files, path) / perAmp;
        return plausible(amps, Plausible.currentProblem(amps), "A", files, path);
    }

    /** A voltage file in {@code perVolt} units per V (µV: 1e6, mV: 1e3), checked against physics. */
    static double volts(Map<String, String> files, String path, double perVolt) {
        double volts = number(files, path) / perVolt;
        return plausible(volts, Plausible.voltageProblem(volts), "V", files, path);
    }

    private static double plausible(double value, String problem, String unit, Map<String, String> files, String path) {
        if (problem != null) {
            throw new DeviceException(String.format(Locale.ROOT, "%s reads %s, that is %.4g %s, which %s", path,
                    files.get(path).trim(), value, unit, problem));
        }
        return value;
    }

    static final class Energy implements EnergyMeter {
        private final MeterDescription description;
        private final List<String> files;
        private final Formula formula;
        private final Sampler sampler;

        Energy(MeterDescription description, List<String> files, Formula formula, Sampler sampler) {
            this.description = description;
            this.files = Collections.unmodifiableList(new ArrayList<>(files));
            this.formula = formula;
            this.sampler = sampler;
            sampler.register(files);
        }

        @Override
        public MeterDescription description() {
            return description;
        }

        @Override
        public double readJ() {
            return formula.compute(sampler.read(files));
        }

        @Override
        public String toString() {
            return description.toString();
        }
    }

    static final class Power implements PowerMeter {
        private final MeterDescription description;
        private final List<String> files;
        private final Formula formula;
        private final Sampler sampler;

        Power(MeterDescription description, List<String> files, Formula formula, Sampler sampler) {
            this.description = description;
            this.files = Collections.unmodifiableList(new ArrayList<>(files));
            this.formula = formula;
            this.sampler = sampler;
            sampler.register(files);
        }

        @Override
        public MeterDescription description() {
            return description;
        }

        @Override
        public double readW() {
            return formula.compute(sampler.read(files));
        }

        @Override
        public String toString() {
            return description.toString();
        }
    }
}
