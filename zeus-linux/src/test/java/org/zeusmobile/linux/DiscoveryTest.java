package org.zeusmobile.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.device.ThermalSensor;
import org.zeusmobile.core.measure.EnergyMeter;
import org.zeusmobile.core.measure.PowerMeter;

/** What discovery finds on each fixture tree: knob names and tables, meter domains and readings in SI units. */
class DiscoveryTest {

    @TempDir
    Path temp;
    private SysfsDevice device;

    private SysfsDevice open(String fixture) {
        Path root = FixtureTrees.copy(fixture, temp.resolve(fixture));
        device = SysfsDevice.open(new LocalSysFs(root), new SysfsDevice.Options().shutdownHook(false));
        return device;
    }

    @AfterEach
    void close() {
        if (device != null) {
            device.close();
        }
    }

    private static List<String> names(List<Knob> knobs) {
        List<String> names = new ArrayList<>();
        for (Knob knob : knobs) {
            names.add(knob.name());
        }
        return names;
    }

    private static Map<String, Double> watts(SysfsDevice device) {
        Map<String, Double> byDomain = new LinkedHashMap<>();
        for (PowerMeter meter : device.powerMeters()) {
            byDomain.put(meter.domain(), meter.readW());
        }
        return byDomain;
    }

    private static Map<String, Double> joules(SysfsDevice device) {
        Map<String, Double> byDomain = new LinkedHashMap<>();
        for (EnergyMeter meter : device.energyMeters()) {
            byDomain.put(meter.domain(), meter.readJ());
        }
        return byDomain;
    }

    private static Map<String, Double> celsius(SysfsDevice device) {
        Map<String, Double> byName = new LinkedHashMap<>();
        for (ThermalSensor sensor : device.thermalSensors()) {
            byName.put(sensor.name(), sensor.readCelsius());
        }
        return byName;
    }

    @Test
    void snapdragon8Gen2HasThreeClustersKgslAdreno740ABusAndTheBattery() {
        SysfsDevice phone = open(FixtureTrees.SNAPDRAGON);
        assertThat(names(phone.knobs())).containsExactly("cpu.policy0.freq", "cpu.policy3.freq", "cpu.policy7.freq", "gpu.freq",
                "mem.cpu-llcc-ddr-bw.bw");
        assertThat(phone.knob("cpu.policy0.freq").min()).isEqualTo(300_000_000L);
        assertThat(phone.knob("cpu.policy7.freq").max()).isEqualTo(3_187_200_000L);
        // Adreno 740 operating points (DESIGN.md section 5): 220 ... 680 MHz, from KGSL, not the devfreq copy.
        assertThat(phone.knob("gpu.freq").values()).containsExactly(220_000_000L, 295_000_000L, 348_000_000L, 401_000_000L,
                475_000_000L, 550_000_000L, 615_000_000L, 680_000_000L);
        assertThat(phone.current("gpu.freq")).isEqualTo(220_000_000L);
        assertThat(phone.governor("gpu.freq")).isEqualTo("msm-adreno-tz");
        assertThat(phone.governor("cpu.policy3.freq")).isEqualTo("walt");
        assertThat(phone.current("cpu.policy3.freq")).isEqualTo(1_555_200_000L);
        // bw_hwmon votes in MB/s: a count knob, never mistaken for Hz.
        Knob bus = phone.knob("mem.cpu-llcc-ddr-bw.bw");
        assertThat(bus.unit()).isEqualTo(Knob.Unit.COUNT);
        assertThat(bus.values()).startsWith(2086L).endsWith(16265L);
        assertThat(phone.info().name()).isEqualTo("Qualcomm Technologies, Inc. KALAMA QRD");
        assertThat(phone.info().description()).contains("userspace governor + scaling_setspeed")
                .contains("scaling_min_freq = scaling_max_freq").contains("KGSL min_pwrlevel = max_pwrlevel");
        // 412 mA x 3.987 V
        assertThat(watts(phone)).containsOnlyKeys("total");
        assertThat(watts(phone).get("total")).isCloseTo(1.642644, within(1e-9));
        Map<String, Double> temps = celsius(phone);
        assertThat(temps).containsEntry("gpuss-0", 40.1).containsEntry("kgsl-3d0", 41.2).containsEntry("cpu-1-0-0", 39.9)
                .doesNotContainKey("sys-therm-0");
        // Passive trip points are where the kernel throttles; hot/critical ones and malformed temperatures are not.
        assertThat(tripPoints(phone, "gpuss-0")).containsExactly(95.0, 105.0);
        assertThat(tripPoints(phone, "cpu-1-0-0")).containsExactly(110.0);
        assertThat(tripPoints(phone, "battery")).isEmpty();
        assertThat(tripPoints(phone, "kgsl-3d0")).isEmpty();
    }

    private static double[] tripPoints(SysfsDevice device, String sensor) {
        for (ThermalSensor s : device.thermalSensors()) {
            if (s.name().equals(sensor)) {
                return s.tripPointsC();
            }
        }
        throw new AssertionError("no thermal sensor " + sensor);
    }

    @Test
    void orinNanoHasGa10bEmcAndJetPack5Ina3221RailsWithoutTheSumChannel() {
        SysfsDevice orin = open(FixtureTrees.ORIN_NANO);
        assertThat(names(orin.knobs())).containsExactly("cpu.policy0.freq", "cpu.policy4.freq", "gpu.freq", "mem.emc.freq");
        assertThat(orin.knob("gpu.freq").min()).isEqualTo(306_000_000L);
        assertThat(orin.knob("gpu.freq").max()).isEqualTo(1_020_000_000L);
        assertThat(orin.knob("mem.emc.freq").values()).containsExactly(665_600_000L, 2_133_000_000L, 3_199_000_000L);
        assertThat(orin.current("mem.emc.freq")).isEqualTo(2_133_000_000L);
        assertThat(orin.governor("mem.emc.freq")).isEqualTo("bpmp");
        assertThat(orin.info().name()).isEqualTo("NVIDIA Jetson Orin Nano Developer Kit");
        Map<String, Double> watts = watts(orin);
        assertThat(watts).containsOnlyKeys("total", "cpu_gpu", "soc");
        assertThat(watts.get("total")).isCloseTo(5.080 * 1.112, within(1e-9));
        assertThat(watts.get("cpu_gpu")).isCloseTo(5.072 * 0.301, within(1e-9));
        assertThat(watts.get("soc")).isCloseTo(5.064 * 0.388, within(1e-9));
        assertThat(orin.powerMeters().get(0).updatePeriodNs()).isEqualTo(8_000_000L);
        assertThat(celsius(orin)).containsEntry("gpu-thermal", 44.2).containsEntry("tj-thermal", 45.5);
    }

    @Test
    void tx2ReadsJetPack4Ina3221xIioRailsInMilliwatts() {
        SysfsDevice tx2 = open(FixtureTrees.TX2);
        assertThat(names(tx2.knobs())).containsExactly("cpu.policy0.freq", "cpu.policy1.freq", "gpu.freq");
        assertThat(tx2.knob("gpu.freq").size()).isEqualTo(13);
        assertThat(tx2.knob("gpu.freq").max()).isEqualTo(1_300_500_000L);
        Map<String, Double> watts = watts(tx2);
        assertThat(watts).containsEntry("total", 2.880).containsEntry("gpu", 0.192).containsEntry("soc", 0.575)
                .containsEntry("cpu", 0.383).containsEntry("mem", 0.326).containsEntry("vdd_4v0_wifi", 0.0);
        assertThat(celsius(tx2)).containsEntry("GPU-therm", 36.0);
    }

    @Test
    void intelLaptopStepsPstatesBetweenCpuinfoLimitsAndReadsRaplWithItsWrapRange() {
        SysfsDevice laptop = open(FixtureTrees.INTEL);
        Knob cpu = laptop.knob("cpu.policy0.freq");
        assertThat(cpu.min()).isEqualTo(400_000_000L);
        assertThat(cpu.max()).isEqualTo(4_700_000_000L);
        assertThat(cpu.size()).isEqualTo(44); // 400, 500, ... 4700 MHz
        assertThat(cpu.isLegal(1_300_000_000L)).isTrue();
        // intel_pstate's scaling_cur_freq (1234567 kHz) is a measured average: read back as its P-state
        assertThat(laptop.current("cpu.policy0.freq")).isEqualTo(1_200_000_000L);
        assertThat(laptop.current("cpu.policy1.freq")).isEqualTo(3_000_000_000L);
        assertThat(laptop.info().description()).contains("scaling_min_freq = scaling_max_freq");
        Map<String, Double> joules = joules(laptop);
        assertThat(joules).containsOnlyKeys("soc", "cpu", "gpu", "total");
        assertThat(joules.get("soc")).isCloseTo(262_143.2, within(1e-6));
        for (EnergyMeter meter : laptop.energyMeters()) {
            assertThat(meter.wrapRangeJ()).isCloseTo(262_143.32885, within(1e-9));
        }
        // psys took "total", so the battery gets its own domain
        assertThat(watts(laptop).get("battery")).isCloseTo(0.702 * 11.742, within(1e-9));
        assertThat(celsius(laptop)).containsEntry("x86_pkg_temp", 52.0).doesNotContainKey("iwlwifi_1");
    }

    @Test
    void raplDiscoveryIsReusableOnItsOwn() {
        Path root = FixtureTrees.copy(FixtureTrees.INTEL, temp.resolve("rapl"));
        List<String> problems = new ArrayList<>();
        List<EnergyMeter> meters = RaplMeters.discover(new LocalSysFs(root), problems);
        assertThat(meters).extracting(EnergyMeter::name).containsExactly("intel-rapl:0 package-0", "intel-rapl:0:0 core",
                "intel-rapl:0:1 uncore", "intel-rapl:1 psys");
        assertThat(meters).extracting(EnergyMeter::domain).containsExactly("soc", "cpu", "gpu", "total");
        assertThat(problems).isEmpty();
        assertThat(RaplMeters.discover(new LocalSysFs(temp), problems)).isEmpty();
    }

    @Test
    void pixelOdpmRailsBecomeEnergyMetersInJoules() {
        SysfsDevice pixel = open(FixtureTrees.PIXEL);
        Map<String, Double> joules = joules(pixel);
        assertThat(joules).hasSize(16);
        assertThat(joules.get("cpu.big")).isCloseTo(19.825473, within(1e-9));
        assertThat(joules.get("cpu.mid")).isCloseTo(10.987456, within(1e-9));
        assertThat(joules.get("cpu.little")).isCloseTo(23.761928, within(1e-9));
        assertThat(joules.get("gpu")).isCloseTo(8.823411, within(1e-9));
        assertThat(joules.get("tpu")).isCloseTo(3.264409, within(1e-9));
        assertThat(joules.get("mem")).isCloseTo(17.324802, within(1e-9)); // S1M_VDD_MIF came first
        assertThat(joules).containsKeys("s5s_vddq_mem", "s4s_vdd2h_mem", "display");
        assertThat(pixel.energyMeters().get(0).updatePeriodNs()).isEqualTo(1_000_000L); // sampling_rate 1000 Hz
        assertThat(names(pixel.knobs())).containsExactly("cpu.policy0.freq", "cpu.policy4.freq", "cpu.policy6.freq");
    }

    @Test
    void genericHwmonPowerAndEnergyAreReadInMicroUnits() {
        Path root = temp.resolve("server");
        FixtureTrees.write(root, "/sys/devices/platform/amd_energy.0/hwmon/hwmon2/name", "amd_energy\n");
        FixtureTrees.write(root, "/sys/devices/platform/amd_energy.0/hwmon/hwmon2/energy1_input", "18403213\n");
        FixtureTrees.write(root, "/sys/devices/platform/amd_energy.0/hwmon/hwmon2/energy1_label", "Ecore000\n");
        FixtureTrees.write(root, "/sys/devices/platform/amd_energy.0/hwmon/hwmon2/energy17_input", "920331876\n");
        FixtureTrees.write(root, "/sys/devices/platform/amd_energy.0/hwmon/hwmon2/energy17_label", "Esocket0\n");
        FixtureTrees.write(root, "/sys/devices/i2c-3/3-0040/hwmon/hwmon3/name", "ina226\n");
        FixtureTrees.write(root, "/sys/devices/i2c-3/3-0040/hwmon/hwmon3/power1_input", "2437500\n");
        FixtureTrees.write(root, "/sys/devices/i2c-3/3-0040/hwmon/hwmon3/in1_input", "12000\n");
        try {
            java.nio.file.Files.createDirectories(root.resolve("sys/class/hwmon"));
            java.nio.file.Files.createSymbolicLink(root.resolve("sys/class/hwmon/hwmon2"),
                    java.nio.file.Paths.get("../../devices/platform/amd_energy.0/hwmon/hwmon2"));
            java.nio.file.Files.createSymbolicLink(root.resolve("sys/class/hwmon/hwmon3"),
                    java.nio.file.Paths.get("../../devices/i2c-3/3-0040/hwmon/hwmon3"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        device = SysfsDevice.open(new LocalSysFs(root), new SysfsDevice.Options().shutdownHook(false));
        assertThat(device.knobs()).isEmpty();
        assertThat(joules(device)).containsEntry("amd_energy.ecore000", 18.403213).containsEntry("amd_energy.esocket0", 920.331876);
        assertThat(watts(device)).containsEntry("ina226.power1", 2.4375);
    }

    @Test
    void odpmFormatErrorsNameTheLine() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> MeterDiscovery.odpmRails("t=1\nCH0[S2M_VDD_CPUCL2] 12\n", "/sys/bus/iio/devices/iio:device0/energy_value"))
                .hasMessageContaining("CH0[S2M_VDD_CPUCL2] 12").hasMessageContaining("CH<i>(T=<ms>)[RAIL], <uWs>");
    }
}
