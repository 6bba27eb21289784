package org.zeusmobile.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.DeviceException;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.device.UnusableDeviceException;

/** Apply and restore on fixture copies: byte-identical restore, journal, takeover, crashes, rejected input. */
class SafetyTest {

    /** Fixture trees have no /run or /tmp: the journal directory goes under the root itself. */
    private static final String JOURNAL = "/zeus-mobile/journal";

    @TempDir
    Path temp;

    private Path copy(String fixture) {
        return FixtureTrees.copy(fixture, temp.resolve(fixture));
    }

    private static SysfsDevice open(Path root) {
        return open(root, ProcessTable.local());
    }

    private static SysfsDevice open(Path root, ProcessTable processes) {
        return SysfsDevice.open(new KernelEmulator(new LocalSysFs(root), root),
                new SysfsDevice.Options().shutdownHook(false).processes(processes));
    }

    private static Configuration randomConfiguration(SysfsDevice device, Random random) {
        Map<String, Long> pins = new HashMap<>();
        for (Knob knob : device.knobs()) {
            if (random.nextInt(4) != 0) {
                pins.put(knob.name(), knob.value(random.nextInt(knob.size())));
            }
        }
        return Configuration.of(pins);
    }

    @Test
    void applyThenRestoreLeavesEveryFileByteIdenticalOnEveryFixture() {
        Random random = new Random(20260506L);
        for (String fixture : FixtureTrees.ALL) {
            Path root = copy(fixture);
            Map<String, String> before = FixtureTrees.snapshot(root);
            SysfsDevice device = open(root);
            for (int round = 0; round < 5; round++) {
                Configuration configuration = randomConfiguration(device, random);
                device.apply(configuration);
                for (String knob : configuration.knobs()) {
                    assertThat(device.current(knob)).as("%s %s", fixture, knob).isEqualTo(configuration.get(knob));
                }
            }
            assertThat(FixtureTrees.snapshot(root)).as("%s changed while pinned", fixture).isNotEqualTo(before);
            device.restore();
            assertThat(FixtureTrees.snapshot(root)).as("%s after restore", fixture).isEqualTo(before);
            device.close();
        }
    }

    @Test
    void closeRestoresByteIdenticallyToo() {
        Path root = copy(FixtureTrees.ORIN_NANO);
        Map<String, String> before = FixtureTrees.snapshot(root);
        try (SysfsDevice device = open(root)) {
            device.apply(ApplyThenWaitMain.differentFromCurrent(device));
            assertThat(device.current("mem.emc.freq")).isEqualTo(3_199_000_000L);
            assertThat(device.governor("mem.emc.freq")).isEqualTo("locked");
        }
        assertThat(FixtureTrees.snapshot(root)).isEqualTo(before);
    }

    @Test
    void pinningUsesUserspaceWhereOfferedAndMinEqualsMaxElsewhere() {
        Path root = copy(FixtureTrees.SNAPDRAGON);
        String policy0 = "/sys/devices/system/cpu/cpufreq/policy0/";
        String policy7 = "/sys/devices/system/cpu/cpufreq/policy7/";
        try (SysfsDevice device = open(root)) {
            device.apply(Configuration.governed().with("cpu.policy0.freq", 1_708_800_000L)
                    .with("cpu.policy7.freq", 2_956_800_000L).with("gpu.freq", 475_000_000L));
            assertThat(FixtureTrees.read(root, policy0 + "scaling_governor")).isEqualTo("userspace\n");
            assertThat(FixtureTrees.read(root, policy0 + "scaling_setspeed")).isEqualTo("1708800\n");
            assertThat(FixtureTrees.read(root, policy7 + "scaling_governor")).isEqualTo("walt\n");
            assertThat(FixtureTrees.read(root, policy7 + "scaling_min_freq")).isEqualTo("2956800\n");
            assertThat(FixtureTrees.read(root, policy7 + "scaling_max_freq")).isEqualTo("2956800\n");
            // 475 MHz is power level 3 of the Adreno 740 table
            assertThat(FixtureTrees.read(root, "/sys/class/kgsl/kgsl-3d0/min_pwrlevel")).isEqualTo("3\n");
            assertThat(FixtureTrees.read(root, "/sys/class/kgsl/kgsl-3d0/max_pwrlevel")).isEqualTo("3\n");
            assertThat(device.governor("cpu.policy0.freq")).isEqualTo("userspace");
            assertThat(device.clamps()).isEmpty();
        }
    }

    @Test
    void aThermalCapIsReportedAsAClampNotHidden() {
        Path root = copy(FixtureTrees.SNAPDRAGON);
        FixtureTrees.write(root, "/sys/class/kgsl/kgsl-3d0/thermal_pwrlevel", "3\n");
        KernelEmulator kernel = new KernelEmulator(new LocalSysFs(root), root)
                .capCpu("/sys/devices/system/cpu/cpufreq/policy7", 2_841_600L);
        try (SysfsDevice device = SysfsDevice.open(kernel, new SysfsDevice.Options().shutdownHook(false).settleNs(2_000_000L))) {
            device.apply(Configuration.governed().with("cpu.policy7.freq", 3_187_200_000L).with("gpu.freq", 680_000_000L)
                    .with("cpu.policy0.freq", 2_016_000_000L));
            List<Clamp> clamps = device.clamps();
            assertThat(clamps).hasSize(2);
            Map<String, Long> effective = new HashMap<>();
            for (Clamp clamp : clamps) {
                effective.put(clamp.knob(), clamp.effective());
            }
            assertThat(effective).containsEntry("cpu.policy7.freq", 2_841_600_000L).containsEntry("gpu.freq", 475_000_000L);
            assertThat(clamps.get(0).toString()).contains("reads back");
            assertThat(device.current("gpu.freq")).isEqualTo(475_000_000L);
        }
    }

    @Test
    void theJournalIsWrittenBeforeTheFirstWriteAndRemovedAfterRestore() {
        Path root = copy(FixtureTrees.TX2);
        final List<String> operations = new ArrayList<>();
        KernelEmulator kernel = new KernelEmulator(new LocalSysFs(root), root) {
            @Override
            public void write(String path, String value) {
                operations.add("write " + path);
                super.write(path, value);
            }

            @Override
            public void writeAtomic(String path, String content) {
                operations.add("journal " + path);
                super.writeAtomic(path, content);
            }
        };
        SysfsDevice device = SysfsDevice.open(kernel, new SysfsDevice.Options().shutdownHook(false));
        device.apply(Configuration.governed().with("gpu.freq", 828_750_000L));
        assertThat(operations.get(0)).isEqualTo("journal " + JOURNAL);
        assertThat(operations.subList(1, operations.size())).allMatch(op -> op.startsWith("write /sys/class/devfreq/17000000.gp10b/"));
        String journal = FixtureTrees.read(root, JOURNAL);
        assertThat(journal).startsWith("zeus-mobile journal 2\nowner ").contains("made-directory /zeus-mobile\n").contains("knob gpu.freq\n")
                .contains("/sys/class/devfreq/17000000.gp10b/governor nvhost_podgov\n")
                .contains("/sys/class/devfreq/17000000.gp10b/min_freq 114750000\n");
        assertThat(device.pendingRestore()).containsExactly("gpu.freq");
        device.close();
        assertThat(Files.exists(root.resolve(JOURNAL.substring(1)))).isFalse();
    }

    @Test
    void aWriteThatFailsMidwayRestoresWhatWasAlreadyWritten() {
        Path root = copy(FixtureTrees.SNAPDRAGON);
        Map<String, String> before = FixtureTrees.snapshot(root);
        KernelEmulator kernel = new KernelEmulator(new LocalSysFs(root), root) {
            @Override
            public void write(String path, String value) {
                if (path.endsWith("kgsl-3d0/max_pwrlevel") && !value.equals("0")) {
                    throw new DeviceException("emulated EBUSY writing " + path);
                }
                super.write(path, value);
            }
        };
        SysfsDevice device = SysfsDevice.open(kernel, new SysfsDevice.Options().shutdownHook(false));
        // cpu knobs come first in name order, so they are already pinned when the GPU write fails
        assertThatThrownBy(() -> device.apply(Configuration.governed().with("cpu.policy0.freq", 2_016_000_000L)
                .with("cpu.policy7.freq", 595_200_000L).with("gpu.freq", 401_000_000L)))
                .isInstanceOf(DeviceException.class).hasMessageContaining("EBUSY");
        assertThat(device.pendingRestore()).isEmpty();
        assertThat(FixtureTrees.snapshot(root)).isEqualTo(before);
        device.close();
    }

    @Test
    void aSecondRunRefusesWhileTheJournalsOwnerLives() {
        Path root = copy(FixtureTrees.ORIN_NANO);
        SysfsDevice first = open(root);
        first.apply(Configuration.governed().with("gpu.freq", 612_000_000L));
        assertThatThrownBy(() -> open(root)).isInstanceOf(DeviceException.class)
                .hasMessageContaining("another zeus-mobile process").hasMessageContaining("stop that process first");
        first.close();
        open(root).close();
    }

    @Test
    void aSecondRunTakesOverTheJournalOfADeadProcessAndRestoresItsOriginals() {
        Path root = copy(FixtureTrees.SNAPDRAGON);
        Map<String, String> before = FixtureTrees.snapshot(root);
        ProcessTable deadOwner = new ProcessTable() {
            @Override
            public String self() {
                return "999999999:1"; // beyond pid_max: never a live process
            }

            @Override
            public boolean alive(String owner) {
                return ProcessTable.local().alive(owner);
            }
        };
        SysfsDevice crashed = open(root, deadOwner);
        crashed.apply(ApplyThenWaitMain.differentFromCurrent(crashed)); // and then it "dies" without restoring
        SysfsDevice next = open(root);
        assertThat(next.takenOverFrom()).isEqualTo("999999999:1");
        assertThat(next.pendingRestore()).hasSize(5);
        assertThat(FixtureTrees.read(root, JOURNAL)).contains("owner " + ProcessTable.local().self());
        // its own pins on top of the dead run's leave the dead run's originals as the truth to restore
        next.apply(Configuration.governed().with("gpu.freq", 295_000_000L));
        next.close();
        assertThat(FixtureTrees.snapshot(root)).isEqualTo(before);
    }

    @Test
    void aRunThatPinsOnTopOfADetachedConfigurationRestoresTheTrueOriginals() {
        Path root = copy(FixtureTrees.TX2);
        Map<String, String> before = FixtureTrees.snapshot(root);
        SysfsDevice applied = open(root);
        applied.applyAndDetach(Configuration.governed().with("gpu.freq", 1_300_500_000L));
        SysfsDevice run = open(root);
        assertThat(run.takenOverFrom()).isEqualTo(SysfsDevice.DETACHED);
        run.apply(Configuration.governed().with("cpu.policy1.freq", 2_035_200_000L).with("gpu.freq", 1_300_500_000L));
        assertThat(FixtureTrees.read(root, JOURNAL)).contains("owner " + ProcessTable.local().self());
        run.close();
        assertThat(FixtureTrees.snapshot(root)).isEqualTo(before);
    }

    @Test
    void aChildJvmKilledWithSigkillLeavesAJournalThatRestorePutsBack() throws Exception {
        Path root = copy(FixtureTrees.SNAPDRAGON);
        Map<String, String> before = FixtureTrees.snapshot(root);
        Process child = startChild(root);
        child.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(137);
        assertThat(FixtureTrees.snapshot(root)).isNotEqualTo(before);
        assertThat(FixtureTrees.read(root, JOURNAL)).contains("owner " + child.pid() + ":");
        SysfsDevice restorer = open(root);
        assertThat(restorer.takenOverFrom()).startsWith(child.pid() + ":");
        restorer.restore();
        restorer.close();
        assertThat(FixtureTrees.snapshot(root)).isEqualTo(before);
    }

    @Test
    void aChildJvmStoppedWithSigtermRestoresThroughItsShutdownHook() throws Exception {
        Path root = copy(FixtureTrees.ORIN_NANO);
        Map<String, String> before = FixtureTrees.snapshot(root);
        Process child = startChild(root);
        child.destroy(); // SIGTERM
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(FixtureTrees.snapshot(root)).isEqualTo(before);
    }

    private Process startChild(Path root) throws IOException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ApplyThenWaitMain.class.getName(), root.toString());
        builder.redirectErrorStream(true);
        Process child = builder.start();
        BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = output.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.equals("APPLIED")) {
                return child;
            }
        }
        throw new AssertionError("child JVM ended before applying:\n" + seen);
    }

    @Test
    void pathsThatEscapeTheRootAreRejected() throws IOException {
        Path root = copy(FixtureTrees.TX2);
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.write(outside.resolve("secret"), "42\n".getBytes(StandardCharsets.UTF_8));
        LocalSysFs fs = new LocalSysFs(root);
        assertThatThrownBy(() -> fs.read("/sys/../../outside/secret")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("escapes its root");
        assertThatThrownBy(() -> fs.read("sys/class")).hasMessageContaining("must be absolute");
        assertThatThrownBy(() -> fs.write("/sys/x'; reboot; '", "1")).hasMessageContaining("unsafe path");
        // a symlink inside the root that points outside it
        Files.createSymbolicLink(root.resolve("sys/class/escape"), outside);
        Files.createSymbolicLink(root.resolve("sys/class/secret"), outside.resolve("secret"));
        assertThatThrownBy(() -> fs.read("/sys/class/secret")).isInstanceOf(DeviceException.class)
                .hasMessageContaining("outside the root");
        assertThatThrownBy(() -> fs.write("/sys/class/escape/secret", "7")).isInstanceOf(DeviceException.class)
                .hasMessageContaining("outside the root");
        assertThatThrownBy(() -> fs.readOrNull("/sys/class/escape/secret")).hasMessageContaining("outside the root");
        assertThatThrownBy(() -> fs.list("/sys/class/escape")).hasMessageContaining("outside the root");
        assertThat(new String(Files.readAllBytes(outside.resolve("secret")), StandardCharsets.UTF_8)).isEqualTo("42\n");
        // symlinks inside the root are followed
        assertThat(fs.read("/sys/bus/i2c/drivers/ina3221x/0-0041/iio:device1/rail_name_0")).isEqualTo("VDD_IN");
    }

    @Test
    void nonNumericValuesAreRejected() {
        Path root = copy(FixtureTrees.ORIN_NANO);
        try (SysfsDevice device = open(root)) {
            assertThatThrownBy(() -> Configuration.parse("gpu.freq=fast", device)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a number");
            assertThatThrownBy(() -> device.apply(Configuration.governed().with("gpu.freq", 600_000_000L)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gpu.freq").hasMessageContaining("legal values");
        }
        FixtureTrees.write(root, "/sys/class/devfreq/17000000.ga10b/cur_freq", "busy\n");
        try (SysfsDevice device = open(root)) {
            assertThatThrownBy(() -> device.current("gpu.freq")).isInstanceOf(DeviceException.class)
                    .hasMessageContaining("/sys/class/devfreq/17000000.ga10b/cur_freq").hasMessageContaining("not a number");
        }
        FixtureTrees.write(root, "/sys/bus/i2c/drivers/ina3221/1-0040/hwmon/hwmon3/curr1_input", "n/a\n");
        try (SysfsDevice device = open(root)) {
            assertThatThrownBy(() -> device.powerMeters().get(0).readW()).isInstanceOf(DeviceException.class)
                    .hasMessageContaining("curr1_input").hasMessageContaining("not a number");
        }
    }

    @Test
    void aTamperedJournalIsRefusedBeforeAnythingIsWritten() {
        Path root = copy(FixtureTrees.ORIN_NANO);
        Map<String, String> before = FixtureTrees.snapshot(root);
        String dead = "owner 999999999:1\n";
        FixtureTrees.writeJournal(root, JOURNAL, "zeus-mobile journal 1\n" + dead + "knob gpu.freq\n"
                + "/sys/class/devfreq/17000000.ga10b/min_freq 1;reboot\n");
        assertThatThrownBy(() -> open(root)).hasMessageContaining("neither a number nor a governor name");
        FixtureTrees.writeJournal(root, JOURNAL, "zeus-mobile journal 1\n" + dead + "knob gpu.freq\n/etc/shadow 0\n");
        assertThatThrownBy(() -> open(root)).hasMessageContaining("/etc/shadow").hasMessageContaining("not a knob file");
        FixtureTrees.writeJournal(root, JOURNAL, "zeus-mobile journal 1\n" + dead + "knob cpu.policy9.freq\n");
        assertThatThrownBy(() -> open(root)).hasMessageContaining("cpu.policy9.freq");
        // a value of the right shape for the wrong file: "abc" is no frequency, restore could never write it back
        FixtureTrees.writeJournal(root, JOURNAL, "zeus-mobile journal 2\n" + dead + "knob gpu.freq\n"
                + "/sys/class/devfreq/17000000.ga10b/min_freq abc\n");
        assertThatThrownBy(() -> open(root)).isInstanceOf(UnusableDeviceException.class)
                .hasMessageContaining("min_freq").hasMessageContaining("holds 'abc', not a frequency in Hz");
        before.put(JOURNAL.substring(1), FixtureTrees.read(root, JOURNAL));
        assertThat(FixtureTrees.snapshot(root)).isEqualTo(before);
    }

    @Test
    void anInvertedFuelGaugeSignIsNormalisedByObservingDischarge() {
        Path pixelRoot = copy(FixtureTrees.PIXEL);
        try (SysfsDevice pixel = open(pixelRoot)) {
            // this gauge reports discharge as -523 mA
            assertThat(pixel.powerMeters().get(0).readW()).isCloseTo(0.523 * 4.012, org.assertj.core.api.Assertions.within(1e-9));
            // once the sign is known, charging shows as negative power instead of being folded back
            String battery = "/sys/class/power_supply/battery/";
            FixtureTrees.write(pixelRoot, battery + "status", "Charging\n");
            FixtureTrees.write(pixelRoot, battery + "current_now", "1000000\n");
            assertThat(pixel.powerMeters().get(0).readW()).isCloseTo(-4.012, org.assertj.core.api.Assertions.within(1e-9));
        }
        Path phoneRoot = copy(FixtureTrees.SNAPDRAGON);
        try (SysfsDevice phone = open(phoneRoot)) {
            // this one reports discharge as +412 mA: the same positive power
            assertThat(phone.powerMeters().get(0).readW()).isPositive();
        }
        MeterDiscovery.BatterySign unknown = new MeterDiscovery.BatterySign();
        assertThat(unknown.watts(-1.0, 4.0, "Full")).isEqualTo(4.0);
        assertThat(unknown.sign()).isZero();
    }

    @Test
    void raplWrapIsHandledByTheMonitorThroughTheDeclaredRange() {
        Path root = copy(FixtureTrees.INTEL);
        org.zeusmobile.core.ManualClock clock = new org.zeusmobile.core.ManualClock();
        List<org.zeusmobile.core.measure.EnergyMeter> meters = RaplMeters.discover(new LocalSysFs(root), new ArrayList<String>());
        try (org.zeusmobile.core.measure.Monitor monitor = new org.zeusmobile.core.measure.Monitor(clock, meters,
                new ArrayList<org.zeusmobile.core.measure.PowerMeter>(), new org.zeusmobile.core.measure.Monitor.Options())) {
            monitor.begin("wrap");
            clock.advance(500_000L);
            // the package counter passes max_energy_range_uj and starts again from zero
            FixtureTrees.write(root, "/sys/class/powercap/intel-rapl:0/energy_uj", "1000000\n");
            clock.advance(500_000L);
            org.zeusmobile.core.measure.Measurement window = monitor.end("wrap");
            assertThat(window.energyJ("soc")).isCloseTo(262_143.32885 - 262_143.2 + 1.0, org.assertj.core.api.Assertions.within(1e-6));
        }
    }

    @Test
    void permissionDeniedNamesTheFileTheUserAndTheWayOut() {
        DeviceException error = LocalSysFs.permissionDenied("/sys/class/kgsl/kgsl-3d0/max_pwrlevel", "shell", "adb device X");
        assertThat(error.getMessage()).contains("/sys/class/kgsl/kgsl-3d0/max_pwrlevel").contains("'shell'")
                .contains("run zeus-mobile as root").contains("unprivileged Android APIs in zeus-android");
        org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
                "root ignores file modes; AdbTransportTest covers a real permission error with an unprivileged shell");
        Path root = copy(FixtureTrees.TX2);
        File file = root.resolve("sys/devices/17000000.gp10b/devfreq/17000000.gp10b/min_freq").toFile();
        assertThat(file.setWritable(false)).isTrue();
        try (SysfsDevice device = open(root)) {
            assertThatThrownBy(() -> device.apply(Configuration.governed().with("gpu.freq", 216_750_000L)))
                    .hasMessageContaining("permission denied").hasMessageContaining(System.getProperty("user.name"));
        }
    }
}
