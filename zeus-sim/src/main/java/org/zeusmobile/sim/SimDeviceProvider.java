package org.zeusmobile.sim;

import java.util.ArrayList;
import java.util.List;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.device.DeviceProvider;

/**
 * The {@code sim} scheme: {@code sim:NAME} (a built-in profile) or {@code sim:file=PATH}, optionally {@code ,seed=N};
 * {@code sim:random,seed=N} (a generated SoC).
 */
public final class SimDeviceProvider implements DeviceProvider {

    @Override
    public String scheme() {
        return "sim";
    }

    @Override
    public List<String> usage() {
        List<String> lines = new ArrayList<>();
        lines.add("sim:NAME  a simulated SoC; NAME is one of " + String.join(", ", ProfileLoader.BUILT_IN));
        lines.add("sim:file=PATH  a simulated SoC from a profile JSON file");
        lines.add("sim:...,seed=N  the same with sensor-noise seed N (default 0)");
        lines.add("sim:random,seed=N  a plausible phone or edge board nobody tuned for, drawn from seed N");
        return lines;
    }

    @Override
    public Device open(String spec) {
        return SimulatedDevice.open(spec, 0L);
    }
}
