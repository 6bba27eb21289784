package org.zeusmobile.linux;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.zeusmobile.core.ManualClock;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.tck.DeviceTck;

/**
 * The device kit on a copy of one fixture tree, with the kernel's reaction to writes emulated. The tree outlives
 * each opened device, as sysfs outlives the process; time is a manual clock (the fixture's counters stand still).
 */
abstract class FixtureDeviceContract extends DeviceTck {

    @TempDir
    Path temp;
    Path root;
    final ManualClock clock = new ManualClock();

    abstract String fixture();

    @Override
    protected Device openDevice() {
        if (root == null) {
            root = FixtureTrees.copy(fixture(), temp.resolve("root"));
        }
        return SysfsDevice.open(new KernelEmulator(new LocalSysFs(root), root),
                new SysfsDevice.Options().spec("linux:root=" + root).clock(clock).shutdownHook(false));
    }

    @Override
    protected void advanceTime(Device device, long nanos) {
        clock.advance(nanos);
    }
}
