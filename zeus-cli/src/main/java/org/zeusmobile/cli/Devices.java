package org.zeusmobile.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.device.DeviceProvider;
import org.zeusmobile.core.device.DeviceRegistry;
import org.zeusmobile.linux.SysfsDevice;

/** Opens devices from specs: the providers on the class path plus those the CLI wires itself. */
final class Devices {

    private Devices() {
    }

    static DeviceRegistry registry() {
        List<DeviceProvider> providers = new ArrayList<>();
        for (DeviceProvider provider : java.util.ServiceLoader.load(DeviceProvider.class)) {
            providers.add(provider);
        }
        providers.add(new HostDeviceProvider());
        return new DeviceRegistry(providers);
    }

    static Device open(String spec) {
        return registry().open(spec);
    }

    /**
     * Opens {@code spec} and, when it took over the journal of a killed run, says so on {@code err}: the knobs
     * that run left changed go back when this command ends.
     */
    static Device open(String spec, PrintWriter err) {
        Device device = open(spec);
        if (device instanceof SysfsDevice && ((SysfsDevice) device).tookOverKilledRun()) {
            SysfsDevice sysfs = (SysfsDevice) device;
            err.println("zeus-mobile: a killed zeus-mobile run (pid " + sysfs.takenOverFrom().split(":")[0] + ") left "
                    + String.join(", ", sysfs.takenOverKnobs()) + " changed; they are restored when this command ends");
            err.flush();
        }
        return device;
    }
}
