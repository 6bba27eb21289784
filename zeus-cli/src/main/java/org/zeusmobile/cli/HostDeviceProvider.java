package org.zeusmobile.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.device.DeviceException;
import org.zeusmobile.core.device.DeviceProvider;
import org.zeusmobile.core.measure.EnergyMeter;
import org.zeusmobile.linux.LocalSysFs;
import org.zeusmobile.linux.RaplMeters;
import org.zeusmobile.onnx.HostDevice;

/**
 * {@code host}: this machine, running real inference with ONNX Runtime. Its meters are the RAPL
 * zones zeus-linux can read; without any (not root, not Intel/AMD) zeus-onnx's estimated CPU meter.
 * Wired here because adapters never depend on each other.
 */
final class HostDeviceProvider implements DeviceProvider {

    @Override
    public String scheme() {
        return "host";
    }

    @Override
    public List<String> usage() {
        return Collections.singletonList("host (this machine: RAPL where readable, else estimated CPU power)");
    }

    @Override
    public Device open(String spec) {
        if (!spec.equals("host")) {
            throw new IllegalArgumentException("the host device takes no options: use 'host', not '" + spec + "'");
        }
        List<String> problems = new ArrayList<>();
        List<EnergyMeter> rapl;
        try {
            rapl = RaplMeters.discover(LocalSysFs.system(), problems);
        } catch (DeviceException | IllegalArgumentException e) {
            rapl = Collections.emptyList();
            problems.add("RAPL not used: " + e.getMessage());
        }
        HostDevice host = HostDevice.open(rapl);
        host.addProblems(problems);
        return host;
    }
}
