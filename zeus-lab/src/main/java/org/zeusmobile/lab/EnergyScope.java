package org.zeusmobile.lab;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.measure.EnergyMeter;
import org.zeusmobile.core.measure.PowerMeter;
import org.zeusmobile.onnx.CpuLoadEnergyMeter;

/**
 * What an energy figure covers, said wherever it is printed: this workload's energy alone ({@code workload}) or
 * everything the device ran meanwhile ({@code whole-device}), and whether it was measured or estimated.
 */
@JsonPropertyOrder({"scope", "estimated", "description"})
public record EnergyScope(@JsonProperty("scope") String scope, @JsonProperty("estimated") boolean estimated,
        @JsonProperty("description") String description) {

    public static final String WORKLOAD = "workload";
    public static final String WHOLE_DEVICE = "whole-device";

    /** The simulator's true energy of the device serving the requests, with any background load's share left out. */
    public static EnergyScope simulatedWorkload(boolean backgroundExcluded) {
        return new EnergyScope(WORKLOAD, false, "the simulator's true energy of the device serving these requests "
                + "(idle and base power included)" + (backgroundExcluded ? "; the background app's share excluded"
                : "; nothing else runs on it"));
    }

    /** What a real device's meters cover: the whole device, measured or estimated as each meter says. */
    public static EnergyScope measured(Device device) {
        List<String> meters = new ArrayList<>();
        boolean estimated = false;
        for (EnergyMeter meter : device.energyMeters()) {
            estimated |= meter.estimated();
            meters.add(describe(meter));
        }
        for (PowerMeter meter : device.powerMeters()) {
            estimated |= meter.estimated();
            meters.add(describe(meter));
        }
        return new EnergyScope(WHOLE_DEVICE, estimated, (estimated ? "ESTIMATED, " : "") + "whole device: "
                + String.join("; ", meters) + "; everything running on the device counts, not only this inference");
    }

    /** One meter in words; a CPU-load estimate names its assumptions. */
    public static String describe(EnergyMeter meter) {
        if (meter instanceof CpuLoadEnergyMeter estimate) {
            return String.format(Locale.ROOT, "%s, estimated from %s with an assumed TDP of %.0f W (CodeCarbon's "
                    + "method)", estimate.mode() == CpuLoadEnergyMeter.Mode.MACHINE ? "whole machine"
                    : "this process's CPU", estimate.mode() == CpuLoadEnergyMeter.Mode.MACHINE ? "CPU load"
                    : "its CPU time", estimate.tdpW());
        }
        return meter.name() + " (" + meter.domain() + (meter.estimated() ? ", ESTIMATED" : "") + ")";
    }

    private static String describe(PowerMeter meter) {
        return meter.name() + " (" + meter.domain() + (meter.estimated() ? ", ESTIMATED" : "") + ")";
    }

    /** The meter of {@code device} called {@code name} in words, or the bare name when the device has none such. */
    public static String describe(Device device, String name) {
        for (EnergyMeter meter : device.energyMeters()) {
            if (meter.name().equals(name)) {
                return describe(meter);
            }
        }
        for (PowerMeter meter : device.powerMeters()) {
            if (meter.name().equals(name)) {
                return describe(meter);
            }
        }
        return name;
    }
}
