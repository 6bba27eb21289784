package org.zeusmobile.linux;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.device.DeviceProvider;

/**
 * TEST DOUBLE: {@code emulated:root=DIR[,killAt=N][,log=FILE]}, a fixture tree with the {@link KernelEmulator}
 * behind it, so that whole commands (apply, optimize, restore) run on something that behaves like a kernel.
 * With {@code log} every mutating filesystem call is numbered and logged; with {@code killAt} the process
 * kills itself with SIGKILL just before call N ({@link KillPoints}). zeus-cli's crash tests register it
 * through their own META-INF/services.
 */
public final class EmulatedKernelProvider implements DeviceProvider {

    @Override
    public String scheme() {
        return "emulated";
    }

    @Override
    public List<String> usage() {
        return Collections.singletonList("emulated:root=DIR (tests only: a fixture tree with an emulated kernel)");
    }

    @Override
    public Device open(String spec) {
        Map<String, String> options = LinuxDeviceProvider.options(spec, "emulated", Arrays.asList("root", "killAt", "log"));
        Path root = Paths.get(options.get("root"));
        SysFs fs = new KernelEmulator(new LocalSysFs(root), root);
        if (options.containsKey("log")) {
            fs = new KillPoints(fs, Paths.get(options.get("log")),
                    options.containsKey("killAt") ? Integer.parseInt(options.get("killAt")) : 0);
        }
        return SysfsDevice.open(fs, new SysfsDevice.Options().spec(spec));
    }
}
