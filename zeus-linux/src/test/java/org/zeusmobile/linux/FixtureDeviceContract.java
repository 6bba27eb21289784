package org.zeusmobile.linux;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.device.DeviceContract;

/** The Device contract on a copy of one fixture tree, with the kernel's reaction to writes emulated. */
abstract class FixtureDeviceContract extends DeviceContract {

    @TempDir
    Path temp;
    Path root;

    abstract String fixture();

    @Override
    protected Device openDevice() {
        if (root == null) {
            root = FixtureTrees.copy(fixture(), temp.resolve("root"));
        }
        return SysfsDevice.open(new KernelEmulator(new LocalSysFs(root), root),
                new SysfsDevice.Options().spec("linux:root=" + root).shutdownHook(false));
    }
}
