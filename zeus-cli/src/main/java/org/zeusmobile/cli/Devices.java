package org.zeusmobile.cli;

import java.util.ArrayList;
import java.util.List;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.device.DeviceProvider;
import org.zeusmobile.core.device.DeviceRegistry;

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
}
