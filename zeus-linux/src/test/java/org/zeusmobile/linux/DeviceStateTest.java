package org.zeusmobile.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeusmobile.core.ManualClock;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.DeviceException;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.device.ThermalSensor;
import org.zeusmobile.core.device.UnusableDeviceException;
import org.zeusmobile.core.measure.DomainEnergy;
import org.zeusmobile.core.measure.Monitor;

/**
 * Devices as they are found, not as fixtures are: kernel files holding garbage, static copies of sysfs trees,
 * sensors that read beyond physics. A bad file costs its own knob or meter, never the device, and nothing is
 * written that restore could not take back.
 */
class DeviceStateTest {

    private static final String POLICY0 = "/sys/devices/system/cpu/cpufreq/policy0/";
    private static final String POLICY7 = "/sys/devices/system/cpu/cpufreq/policy7/";
    private static final String GP10B = "/sys/class/devfreq/17000000.gp10b/";
    private static final String BATTERY = "/sys/class/power_supply/battery/";

    @TempDir
    Path temp;

    private Path copy(String fixture) {
        return FixtureTrees.copy(fixture, temp.resolve(fixture));
    }

    private static SysfsDevice emulated(Path root) {
        return SysfsDevice.open(new KernelEmulator(new LocalSysFs(root), root), new SysfsDevice.Options().shutdownHook(false));
    }

    /** A static copy: no kernel behind the files, as with `linux:root=DIR` on a copied tree. */
    private static SysfsDevice copied(Path root) {
        return SysfsDevice.open(new LocalSysFs(root), new SysfsDevice.Options().shutdownHook(false).settleNs(1_000_000L));
    }

    @Test
    void garbageInAnOriginalLeavesThatKnobAloneAndNothingIsWritten() {
        Path root = copy(FixtureTrees.SNAPDRAGON);
        FixtureTrees.write(root, POLICY7 + "scaling_min_freq", "abc\n");
        Map<String, String> before = FixtureTrees.snapshot(root);
        try (SysfsDevice phone = emulated(root)) {
            assertThat(phone.knobs()).extracting(Knob::name).doesNotContain("cpu.policy7.freq").contains("cpu.policy0.freq");
            assertThat(phone.problems()).anyMatch(p -> p.startsWith("cpu.policy7.freq left alone")
                    && p.contains("scaling_min_freq") && p.contains("holds 'abc', not a frequency in kHz"));
            assertThatThrownBy(() -> phone.apply(Configuration.governed().with("cpu.policy7.freq", 2_956_800_000L)))
                    .isInstanceOf(UnusableDeviceException.class).hasMessageContaining("holds 'abc'");
            assertThat(FixtureTrees.snapshot(root)).as("not even a journal").isEqualTo(before);
            // the rest of the device works
            phone.apply(Configuration.governed().with("cpu.policy0.freq", 1_708_800_000L));
        }
        assertThat(FixtureTrees.snapshot(root)).isEqualTo(before);
    }

    @Test
    void garbageThatAppearsAfterDiscoveryIsRefusedBeforeTheFirstWrite() {
        Path root = copy(FixtureTrees.SNAPDRAGON);
        try (SysfsDevice phone = emulated(root)) {
            FixtureTrees.write(root, POLICY7 + "scaling_governor", "12345\n");
            Map<String, String> before = FixtureTrees.snapshot(root);
            assertThatThrownBy(() -> phone.apply(Configuration.governed().with("cpu.policy7.freq", 2_956_800_000L)))
                    .isInstanceOf(UnusableDeviceException.class).hasMessageContaining("scaling_governor")
                    .hasMessageContaining("not a governor name").hasMessageContaining("restore could not write that back");
            assertThat(phone.pendingRestore()).isEmpty();
            assertThat(FixtureTrees.snapshot(root)).isEqualTo(before);
        }
    }

    @Test
    void onAStaticCopyRestorePutsBackScalingSetspeedAndSetFreqToo() {
        Path phoneRoot = copy(FixtureTrees.SNAPDRAGON);
        Map<String, String> phoneBefore = FixtureTrees.snapshot(phoneRoot);
        try (SysfsDevice phone = copied(phoneRoot)) {
            phone.apply(Configuration.governed().with("cpu.policy0.freq", 1_708_800_000L));
            assertThat(FixtureTrees.read(phoneRoot, POLICY0 + "scaling_setspeed")).isEqualTo("1708800\n");
        }
        assertThat(FixtureTrees.read(phoneRoot, POLICY0 + "scaling_setspeed")).isEqualTo("<unsupported>\n");
        assertThat(FixtureTrees.snapshot(phoneRoot)).isEqualTo(phoneBefore);

        Path boardRoot = copy(FixtureTrees.TX2);
        FixtureTrees.write(boardRoot, GP10B + "userspace/set_freq", "undefined\n"); // a copy taken with the directory
        Map<String, String> boardBefore = FixtureTrees.snapshot(boardRoot);
        try (SysfsDevice board = copied(boardRoot)) {
            board.apply(Configuration.governed().with("gpu.freq", 420_750_000L));
            assertThat(FixtureTrees.read(boardRoot, GP10B + "userspace/set_freq")).isEqualTo("420750000\n");
        }
        assertThat(FixtureTrees.snapshot(boardRoot)).isEqualTo(boardBefore);
    }

    @Test
    void aStaticCopyWithoutSetFreqFailsAtOnceSayingThatALiveKernelMakesIt() {
        Path root = copy(FixtureTrees.TX2);
        Map<String, String> before = FixtureTrees.snapshot(root);
        try (SysfsDevice board = copied(root)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> board.apply(Configuration.governed().with("gpu.freq", 420_750_000L)))
                    .isInstanceOf(UnusableDeviceException.class)
                    .hasMessageContaining("userspace/set_freq does not exist")
                    .hasMessageContaining("a live kernel creates it when the governor switches")
                    .hasMessageContaining("static copy of a sysfs tree");
            assertThat((System.nanoTime() - start) / 1e9).as("seconds until the error").isLessThan(2.0);
        }
        assertThat(FixtureTrees.snapshot(root)).isEqualTo(before);
    }

    @Test
    void aBadOrEmptyFrequencyListLeavesOutItsKnobNotTheDevice() {
        Path root = copy(FixtureTrees.SNAPDRAGON);
        FixtureTrees.write(root, "/sys/devices/system/cpu/cpufreq/policy3/scaling_available_frequencies", "fast slow\n");
        FixtureTrees.write(root, POLICY0 + "scaling_available_frequencies", "\n");
        try (SysfsDevice phone = emulated(root)) {
            assertThat(phone.knobs()).extracting(Knob::name).containsExactly("cpu.policy7.freq", "gpu.freq",
                    "mem.cpu-llcc-ddr-bw.bw");
            assertThat(phone.problems()).anyMatch(p -> p.startsWith("cpu.policy3.freq not used") && p.contains("'fast'"))
                    .anyMatch(p -> p.startsWith("cpu.policy0.freq not used") && p.contains("lists no frequencies"));
        }
    }

    @Test
    void aBatteryCurrentBeyondPhysicsIsAFlaggedReadingNotTeraJoules() {
        Path root = copy(FixtureTrees.SNAPDRAGON);
        FixtureTrees.write(root, BATTERY + "current_now", "99999999999999999999\n");
        ManualClock clock = new ManualClock();
        try (SysfsDevice phone = SysfsDevice.open(new LocalSysFs(root),
                new SysfsDevice.Options().shutdownHook(false).clock(clock))) {
            assertThatThrownBy(() -> phone.powerMeters().get(0).readW()).isInstanceOf(DeviceException.class)
                    .hasMessageContaining("current_now reads 99999999999999999999").hasMessageContaining("100 A");
            try (Monitor monitor = Monitor.forDevice(phone, new Monitor.Options())) {
                monitor.begin("command");
                clock.advance(3_000_000_000L);
                DomainEnergy total = monitor.end("command").domain("total");
                assertThat(total.valid()).isFalse();
                assertThat(total.energyJ()).isNaN();
                assertThat(total.issues()).anyMatch(i -> i.contains("could not be read") && i.contains("100 A"));
            }
        }
    }

    @Test
    void temperaturesBeyondPhysicsAndUnreadableZonesAreReportedNotDropped() {
        Path root = copy(FixtureTrees.SNAPDRAGON);
        FixtureTrees.write(root, "/sys/class/thermal/thermal_zone0/temp", "-300000\n");
        FixtureTrees.write(root, "/sys/class/thermal/thermal_zone1/temp", "100000000000000000000\n");
        try (SysfsDevice phone = emulated(root)) {
            ThermalSensor cold = phone.thermalSensors().get(0);
            ThermalSensor hot = phone.thermalSensors().get(1);
            assertThatThrownBy(cold::readCelsius).isInstanceOf(DeviceException.class).hasMessageContaining("-300.0 °C")
                    .hasMessageContaining("outside the -90 to 200 °C");
            assertThatThrownBy(hot::readCelsius).isInstanceOf(DeviceException.class).hasMessageContaining("reads 100000000000000000000 m°C")
                    .hasMessageContaining("outside the -90 to 200 °C");
            // thermal_zone7 (sys-therm-0) has no temp file in this tree
            assertThat(phone.problems()).anyMatch(p -> p.contains("thermal_zone7 (sys-therm-0) not used"));
        }
    }

    @Test
    void theReasonRaplCouldNotBeReadIsKept() throws Exception {
        Path root = copy(FixtureTrees.INTEL);
        Files.delete(root.resolve("sys/devices/virtual/powercap/intel-rapl/intel-rapl:1/energy_uj"));
        try (SysfsDevice laptop = emulated(root)) {
            assertThat(laptop.energyMeters()).hasSize(3);
            assertThat(laptop.problems()).anyMatch(p -> p.startsWith("RAPL zone intel-rapl:1 (psys) not used")
                    && p.contains("energy_uj is missing or cannot be read"));
        }
    }
}
