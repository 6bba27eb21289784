package org.zeusmobile.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.device.DeviceException;
import org.zeusmobile.core.device.DeviceRegistry;

/** The linux and adb schemes through the ServiceLoader, and the apply/restore pair the CLI uses. */
class ProviderTest {

    @TempDir
    Path temp;

    @Test
    void bothSchemesAreRegistered() {
        DeviceRegistry registry = DeviceRegistry.fromServiceLoader();
        assertThat(registry.schemes()).contains("linux", "adb");
        assertThat(registry.usage()).contains("linux:root=DIR").contains("adb:SERIAL");
    }

    @Test
    void linuxRootOpensATreeAndApplyLeavesAJournalThatRestorePutsBack() {
        Path root = FixtureTrees.copy(FixtureTrees.ORIN_NANO, temp.resolve("orin"));
        Map<String, String> before = FixtureTrees.snapshot(root);
        DeviceRegistry registry = DeviceRegistry.fromServiceLoader();
        String spec = "linux:root=" + root + ",maxPowerW=25";
        // zeus-mobile apply --device SPEC mem.emc.freq=3199MHz
        Device applied = registry.open(spec);
        assertThat(applied).isInstanceOf(SysfsDevice.class);
        assertThat(applied.maxPowerW()).isEqualTo(25.0);
        assertThat(applied.info().spec()).isEqualTo(spec);
        ((SysfsDevice) applied).applyAndDetach(Configuration.parse("mem.emc.freq=3199MHz", applied));
        assertThat(FixtureTrees.read(root, "/sys/kernel/debug/bpmp/debug/clk/emc/rate")).isEqualTo("3199000000\n");
        assertThat(FixtureTrees.read(root, "/zeus-mobile/journal")).contains("owner detached");
        applied.close(); // detached: closing does not restore
        assertThat(FixtureTrees.read(root, "/sys/kernel/debug/bpmp/debug/clk/emc/mrq_rate_locked")).isEqualTo("1\n");
        // zeus-mobile devices --device SPEC only looks: the pins stay
        Device looked = registry.open(spec);
        assertThat(looked.current("mem.emc.freq")).isEqualTo(3_199_000_000L);
        looked.close();
        assertThat(FixtureTrees.read(root, "/sys/kernel/debug/bpmp/debug/clk/emc/rate")).isEqualTo("3199000000\n");
        assertThat(FixtureTrees.read(root, "/zeus-mobile/journal")).contains("owner detached");
        // zeus-mobile restore --device SPEC
        SysfsDevice restorer = (SysfsDevice) registry.open(spec);
        assertThat(restorer.restoreJournal()).containsExactly("mem.emc.freq");
        restorer.close();
        assertThat(FixtureTrees.snapshot(root)).isEqualTo(before);
        // nothing left: a second restore restores nothing
        SysfsDevice again = (SysfsDevice) registry.open(spec);
        assertThat(again.restoreJournal()).isEmpty();
        again.close();
    }

    @Test
    void adbSchemeFindsTheOnlyPhoneOrTheNamedOne() {
        FakeAdb adb = FakeAdb.serve(FixtureTrees.copy(FixtureTrees.PIXEL, temp.resolve("pixel")));
        DeviceRegistry registry = DeviceRegistry.fromServiceLoader();
        try (Device pixel = registry.open("adb:adb=" + adb.executable + ",su=never")) {
            assertThat(pixel.info().name()).isEqualTo("Oriole DVT");
            assertThat(pixel.energyMeters()).hasSize(16);
        }
        try (Device pixel = registry.open("adb:" + FakeAdb.SERIAL + ",adb=" + adb.executable + ",su=never,timeoutMs=5000")) {
            assertThat(pixel.knobs()).hasSize(3);
        }
        assertThatThrownBy(() -> registry.open("adb:OTHER,adb=" + adb.executable + ",su=never"))
                .isInstanceOf(DeviceException.class).hasMessageContaining("OTHER");
        adb.set("disconnected", true);
        assertThatThrownBy(() -> registry.open("adb:adb=" + adb.executable)).hasMessageContaining("no phone is connected");
    }

    @Test
    void malformedSpecsAreExplained() {
        DeviceRegistry registry = DeviceRegistry.fromServiceLoader();
        assertThatThrownBy(() -> registry.open("linux:rot=/x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown option 'rot'").hasMessageContaining("root");
        assertThatThrownBy(() -> registry.open("linux:root=" + temp.resolve("missing"))).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> registry.open("linux:root=" + temp)).isInstanceOf(DeviceException.class)
                .hasMessageContaining("no cpufreq, devfreq, KGSL, power or energy files");
        assertThatThrownBy(() -> registry.open("adb:FAKE,su=maybe,adb=/bin/false")).hasMessageContaining("su=maybe");
        assertThatThrownBy(() -> registry.open("adb:X;reboot,adb=/bin/true")).hasMessageContaining("not an adb serial");
        assertThatThrownBy(() -> registry.open("adb:X,adb=" + temp.resolve("no-adb"))).hasMessageContaining("install Android platform-tools");
    }
}
