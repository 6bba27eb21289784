package org.zeusmobile.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.zeusmobile.core.ManualClock;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.device.DeviceContract;
import org.zeusmobile.core.measure.EnergyMeter;

class HostDeviceTest extends DeviceContract {

    @Override
    protected Device openDevice() {
        return HostDevice.open(Collections.<EnergyMeter>emptyList());
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
            @Override public String name() { return "intel-rapl:0"; }
            @Override public String domain() { return "package"; }
            @Override public double resolutionJ() { return 1e-6; }
            @Override public long updatePeriodNs() { return 1_000_000L; }
            @Override public double wrapRangeJ() { return 262_143.0; }
            @Override public boolean estimated() { return false; }
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
