package org.zeusmobile.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Paths;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.zeusmobile.core.ManualClock;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.measure.EnergyMeter;
import org.zeusmobile.core.measure.MeterDescription;
import org.zeusmobile.tck.DeviceTck;

/** The device kit on this machine, its CPU-load estimate integrated over a manual clock; then what only the host does. */
class HostDeviceTest extends DeviceTck {

    private final ManualClock clock = new ManualClock();

    @Override
    protected Device openDevice() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new HostDevice(Collections.<EnergyMeter>emptyList(), CpuLoadEnergyMeter.DEFAULT_TDP_W, clock, cores,
                HostDevice.cpuModel(Paths.get("/")),
                CpuLoadEnergyMeter.forHost(clock, Paths.get("/"), CpuLoadEnergyMeter.DEFAULT_TDP_W, cores));
    }

    @Override
    protected void advanceTime(Device device, long nanos) {
        clock.advance(nanos);
    }

    @Test
    void knobsAreThreadsUpToTheCoresAndPowerOfTwoBatches() {
        HostDevice host = (HostDevice) device;
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(host.knob("threads").min()).isEqualTo(1);
        assertThat(host.knob("threads").max()).isEqualTo(cores);
        assertThat(host.knob("batch").values()).containsExactly(1L, 2L, 4L, 8L, 16L);
    }

    @Test
    void governedMeansOnnxRuntimeDefaultThreadsAndBatchOne() {
        HostDevice host = (HostDevice) device;
        assertThat(host.threads()).isZero();
        assertThat(host.batch()).isEqualTo(1);
        host.apply(Configuration.governed().with("threads", 1).with("batch", 8));
        assertThat(host.threadsSupplier().getAsInt()).isEqualTo(1);
        assertThat(host.batch()).isEqualTo(8);
        assertThat(host.governor("threads")).isEqualTo("userspace");
        host.apply(Configuration.governed().with("batch", 4));
        assertThat(host.threads()).as("threads left unnamed go back to the default").isZero();
    }

    @Test
    void withoutMetersItEstimatesCpuEnergyAndSaysSo() {
        assertThat(device.energyMeters()).hasSize(1);
        EnergyMeter meter = device.energyMeters().get(0);
        assertThat(meter.estimated()).isTrue();
        assertThat(meter.domain()).isEqualTo("cpu");
        assertThat(device.info().description()).contains("estimated");
        assertThat(device.maxPowerW()).isEqualTo(CpuLoadEnergyMeter.DEFAULT_TDP_W);
    }

    @Test
    void givenMetersAreUsedInsteadOfTheEstimate() {
        EnergyMeter rapl = new EnergyMeter() {
            @Override public MeterDescription description() {
                return MeterDescription.energy("intel-rapl:0", "package", 1e-6, 1_000_000L).wrapsAtJ(262_143.0);
            }
            @Override public double readJ() { return 12.5; }
        };
        try (HostDevice host = HostDevice.open(Collections.singletonList(rapl), 15)) {
            assertThat(host.energyMeters()).containsExactly(rapl);
            assertThat(host.maxPowerW()).isEqualTo(15.0);
            assertThat(host.info().description()).doesNotContain("estimated");
        }
    }

    @Test
    void batchValuesOutsideTheListAreRejected() {
        assertThatThrownBy(() -> device.apply(Configuration.governed().with("batch", 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch")
                .hasMessageContaining("16");
    }
}
