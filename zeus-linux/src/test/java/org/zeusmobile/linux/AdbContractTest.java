package org.zeusmobile.linux;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.zeusmobile.core.ManualClock;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.tck.DeviceTck;

/** The device kit on the Snapdragon phone served over a fake adb. */
class AdbContractTest extends DeviceTck {

    @TempDir
    Path temp;
    private FakeAdb adb;
    private final ManualClock clock = new ManualClock();

    @Override
    protected Device openDevice() {
        if (adb == null) {
            adb = FakeAdb.serve(FixtureTrees.copy(FixtureTrees.SNAPDRAGON, temp.resolve("phone")));
        }
        return SysfsDevice.open(new KernelEmulator(adb.connect(10_000_000_000L), adb.root),
                new SysfsDevice.Options().spec("adb:" + FakeAdb.SERIAL).journalParents(SysfsDevice.ADB_JOURNAL_PARENTS)
                        .sampleMaxAgeNs(AdbDeviceProvider.SAMPLE_MAX_AGE_NS).clock(clock).shutdownHook(false));
    }

    @Override
    protected void advanceTime(Device device, long nanos) {
        clock.advance(nanos);
    }
}
