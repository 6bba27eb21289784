package org.zeusmobile.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.DeviceException;
import org.zeusmobile.core.measure.EnergyMeter;
import org.zeusmobile.core.measure.PowerMeter;

/** The adb transport against a fake adb executable that serves a fixture tree. */
class AdbTransportTest {

    private static final long TIMEOUT_NS = 10_000_000_000L;
    /** The fixture trees have no /data/local/tmp: the journal directory goes under the root itself. */
    private static final String JOURNAL = "/zeus-mobile/journal";

    @TempDir
    Path temp;

    private FakeAdb serve(String fixture) {
        return FakeAdb.serve(FixtureTrees.copy(fixture, temp.resolve(fixture)));
    }

    private static SysfsDevice open(FakeAdb adb, long reconnectNs) {
        return SysfsDevice.open(new KernelEmulator(adb.connect(TIMEOUT_NS), adb.root),
                new SysfsDevice.Options().journalParents(SysfsDevice.ADB_JOURNAL_PARENTS).sampleMaxAgeNs(AdbDeviceProvider.SAMPLE_MAX_AGE_NS)
                        .reconnectTimeoutNs(reconnectNs).shutdownHook(false));
    }

    @Test
    void readsAreBatchedIntoOneShellCallPerSample() {
        FakeAdb adb = serve(FixtureTrees.PIXEL);
        try (SysfsDevice pixel = open(adb, 0)) {
            adb.clearCalls();
            double total = 0;
            for (EnergyMeter meter : pixel.energyMeters()) {
                total += meter.readJ();
            }
            for (PowerMeter meter : pixel.powerMeters()) {
                total += meter.readW();
            }
            assertThat(pixel.energyMeters()).hasSize(16);
            // the 16 ODPM rails (185.794522 J) plus the battery's 523 mA x 4.012 V
            assertThat(total).isCloseTo(185.794522 + 2.098276, org.assertj.core.api.Assertions.within(1e-6));
            assertThat(adb.calls()).hasSize(1);
            assertThat(adb.calls().get(0)).contains("energy_value").contains("current_now");
        }
    }

    @Test
    void batchedReadsKeepEachFilesContentAndMarkMissingFiles() {
        FakeAdb adb = serve(FixtureTrees.SNAPDRAGON);
        AdbSysFs fs = adb.connect(TIMEOUT_NS);
        Map<String, String> read = fs.readAll(java.util.Arrays.asList("/sys/class/kgsl/kgsl-3d0/gpu_busy_percentage",
                "/sys/class/kgsl/kgsl-3d0/no_such_file", "/sys/class/kgsl/kgsl-3d0/gpubusy",
                "/sys/firmware/devicetree/base/model"));
        assertThat(read.get("/sys/class/kgsl/kgsl-3d0/gpu_busy_percentage")).isEqualTo("12 %\n");
        assertThat(read.get("/sys/class/kgsl/kgsl-3d0/no_such_file")).isNull();
        assertThat(read.get("/sys/class/kgsl/kgsl-3d0/gpubusy").trim()).isEqualTo("120431   1000000");
        assertThat(read.get("/sys/firmware/devicetree/base/model")).startsWith("Qualcomm Technologies, Inc. KALAMA QRD");
        assertThat(fs.list("/sys/devices/system/cpu/cpufreq")).containsExactly("policy0", "policy3", "policy7");
        assertThat(fs.isDirectory("/sys/class/kgsl/kgsl-3d0")).isTrue();
        assertThat(fs.isFile("/sys/class/kgsl/kgsl-3d0")).isFalse();
    }

    @Test
    void nothingUnsafeReachesTheShell() {
        FakeAdb adb = serve(FixtureTrees.SNAPDRAGON);
        AdbSysFs fs = adb.connect(TIMEOUT_NS);
        adb.clearCalls();
        assertThatThrownBy(() -> fs.write("/sys/class/kgsl/kgsl-3d0/min_pwrlevel'; reboot; '", "3"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsafe path");
        assertThatThrownBy(() -> fs.write("/sys/class/kgsl/kgsl-3d0/min_pwrlevel", "3; reboot"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only plain numbers");
        assertThatThrownBy(() -> fs.write("/sys/class/kgsl/kgsl-3d0/min_pwrlevel", "$(reboot)"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fs.readOrNull("/sys/$(reboot)")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fs.list("/sys/../data")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fs.writeAtomic(JOURNAL, "owner 1'; reboot; '\n")).isInstanceOf(IllegalArgumentException.class);
        assertThat(adb.calls()).isEmpty();
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a guard against a hang, not a measurement
    void everyCallHasATimeout() {
        FakeAdb adb = serve(FixtureTrees.SNAPDRAGON);
        AdbSysFs fs = AdbSysFs.connect(adb.executable.toString(), FakeAdb.SERIAL, 500_000_000L, AdbSysFs.Su.NEVER);
        adb.set("hang", true);
        assertThatThrownBy(() -> fs.readOrNull("/sys/class/kgsl/kgsl-3d0/gpuclk")).isInstanceOf(DeviceDisconnectedException.class)
                .hasMessageContaining("did not answer within 500 ms");
    }

    @Test
    void aDisconnectGetsAClearErrorAndRestoreIsRetriedFromTheJournalOnTheDeviceWhenItReturns() throws Exception {
        FakeAdb adb = serve(FixtureTrees.SNAPDRAGON);
        Map<String, String> before = FixtureTrees.snapshot(adb.root);
        SysfsDevice phone = open(adb, 0);
        phone.apply(Configuration.governed().with("gpu.freq", 680_000_000L).with("cpu.policy3.freq", 2_803_200_000L));
        assertThat(FixtureTrees.read(adb.root, JOURNAL)).contains("knob gpu.freq").contains("knob cpu.policy3.freq");
        adb.set("disconnected", true);
        assertThatThrownBy(() -> phone.current("gpu.freq")).isInstanceOf(DeviceDisconnectedException.class)
                .hasMessageContaining("adb device FAKE0001").hasMessageContaining("not found")
                .hasMessageContaining("zeus-mobile restore --device adb:FAKE0001");
        assertThatThrownBy(phone::restore).isInstanceOf(DeviceException.class)
                .hasMessageContaining("the journal " + JOURNAL + " keeps the original values");
        assertThat(phone.pendingRestore()).containsExactlyInAnyOrder("gpu.freq", "cpu.policy3.freq");
        assertThatThrownBy(phone::close).hasMessageContaining("could not restore"); // still gone: the journal stays
        // a device that reconnects while restore waits
        SysfsDevice waiting = phoneAfterCrash(adb);
        adb.set("disconnected", true);
        Thread reconnect = new Thread(() -> {
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            adb.set("disconnected", false);
        });
        reconnect.start();
        waiting.restore();
        reconnect.join();
        assertThat(waiting.pendingRestore()).isEmpty();
        assertThat(FixtureTrees.snapshot(adb.root)).isEqualTo(before);
    }

    /** Reopens after the first device gave up; its journal now counts as left behind (the test's JVM is its owner). */
    private SysfsDevice phoneAfterCrash(FakeAdb adb) {
        adb.set("disconnected", false);
        String journal = FixtureTrees.read(adb.root, JOURNAL).replaceFirst("owner [^\n]*", "owner " + SysfsDevice.DETACHED);
        FixtureTrees.write(adb.root, JOURNAL, journal);
        SysfsDevice device = open(adb, 5_000_000_000L);
        assertThat(device.takenOverFrom()).isEqualTo(SysfsDevice.DETACHED);
        return device;
    }

    @Test
    void anUnprivilegedShellGetsAPermissionErrorNamingFileUserAndWayOut() throws IOException {
        FakeAdb adb = serve(FixtureTrees.TX2);
        // the phone's tree is readable by everyone, /data/local/tmp writable by the shell user, sysfs not
        try (Stream<Path> paths = Files.walk(temp)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (Files.isDirectory(path) && !Files.isSymbolicLink(path)) {
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
        Path tmp = Files.createDirectories(adb.root.resolve("data/local/tmp"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        Map<String, String> before = FixtureTrees.snapshot(adb.root);
        adb.set("unprivileged", true);
        SysfsDevice tx2 = SysfsDevice.open(adb.connect(TIMEOUT_NS), new SysfsDevice.Options().journalParents(SysfsDevice.ADB_JOURNAL_PARENTS).shutdownHook(false));
        assertThat(tx2.fs().user()).isEqualTo("nobody");
        assertThatThrownBy(() -> tx2.apply(Configuration.governed().with("gpu.freq", 420_750_000L)))
                .isInstanceOf(DeviceException.class)
                .hasMessageContaining("permission denied writing /sys/class/devfreq/17000000.gp10b/governor")
                .hasMessageContaining("as user 'nobody'").hasMessageContaining("run zeus-mobile as root")
                .hasMessageContaining("unprivileged Android APIs");
        // nothing was changed, so the failed apply's restore had nothing to write and removed the journal
        assertThat(tx2.pendingRestore()).isEmpty();
        tx2.close();
        assertThat(FixtureTrees.snapshot(adb.root)).isEqualTo(before);
    }
}
