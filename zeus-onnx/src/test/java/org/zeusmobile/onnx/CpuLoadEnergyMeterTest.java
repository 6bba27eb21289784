package org.zeusmobile.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeusmobile.core.ManualClock;
import org.zeusmobile.core.device.DeviceException;

class CpuLoadEnergyMeterTest {

    /** A CPU-time source the test drives: busy and total CPU time in ns. */
    private static final class FakeCpu implements CpuLoadEnergyMeter.CpuTimeSource {
        long busyNs;
        long totalNs;

        void run(long wallNs, int cores, double load) {
            totalNs += wallNs * cores;
            busyNs += (long) (wallNs * cores * load);
        }

        @Override
        public long[] sample() {
            return new long[] {busyNs, totalNs};
        }
    }

    @Test
    void machineModeFollowsCodeCarbonsCubicCurveWithATenPercentFloor() {
        ManualClock clock = new ManualClock();
        FakeCpu cpu = new FakeCpu();
        CpuLoadEnergyMeter meter = new CpuLoadEnergyMeter(clock, cpu, CpuLoadEnergyMeter.Mode.MACHINE, 100);
        assertThat(meter.powerW(0)).isEqualTo(10.0);
        assertThat(meter.powerW(0.5)).isCloseTo(100 * (0.1 + 0.9 * 0.125), offset(1e-9));
        assertThat(meter.powerW(1)).isEqualTo(100.0);
        double start = meter.readJ();
        // Two seconds at full load: 100 W * 2 s.
        clock.advance(2_000_000_000L);
        cpu.run(2_000_000_000L, 4, 1.0);
        assertThat(meter.readJ() - start).isCloseTo(200.0, offset(1e-6));
        assertThat(meter.estimated()).isTrue();
    }

    @Test
    void processModeIsLinearInLoad() {
        ManualClock clock = new ManualClock();
        FakeCpu cpu = new FakeCpu();
        CpuLoadEnergyMeter meter = new CpuLoadEnergyMeter(clock, cpu, CpuLoadEnergyMeter.Mode.PROCESS, 40);
        double start = meter.readJ();
        clock.advance(1_000_000_000L);
        cpu.run(1_000_000_000L, 8, 0.25);
        assertThat(meter.readJ() - start).isCloseTo(10.0, offset(1e-6));
    }

    @Test
    void energyNeverDecreasesUnderRandomLoads() {
        Random random = new Random(42);
        ManualClock clock = new ManualClock();
        FakeCpu cpu = new FakeCpu();
        CpuLoadEnergyMeter meter = new CpuLoadEnergyMeter(clock, cpu, CpuLoadEnergyMeter.Mode.MACHINE, 65);
        double previous = meter.readJ();
        for (int i = 0; i < 500; i++) {
            long stepNs = 1 + random.nextInt(50_000_000);
            clock.advance(stepNs);
            if (random.nextBoolean()) {
                cpu.run(stepNs, 2, random.nextDouble());
            }
            double now = meter.readJ();
            assertThat(now).isGreaterThanOrEqualTo(previous);
            // Never above TDP nor below the 10% floor over the step.
            assertThat(now - previous).isBetween(65 * 0.1 * stepNs / 1e9 - 1e-9, 65.0 * stepNs / 1e9 + 1e-9);
            previous = now;
        }
    }

    @Test
    void readsBusyAndTotalTimeFromProcStat(@TempDir Path root) throws IOException {
        Path proc = Files.createDirectories(root.resolve("proc"));
        Path stat = proc.resolve("stat");
        // user nice system idle iowait irq softirq steal, in 10 ms ticks.
        Files.write(stat, Collections.singletonList("cpu  100 0 50 800 50 0 0 0 0 0"), StandardCharsets.US_ASCII);
        long[] sample = CpuLoadEnergyMeter.procStat(stat).sample();
        assertThat(sample[0]).isEqualTo(150 * 10_000_000L);
        assertThat(sample[1]).isEqualTo(1000 * 10_000_000L);
        CpuLoadEnergyMeter meter = CpuLoadEnergyMeter.forHost(new ManualClock(), root, 50, 4);
        assertThat(meter.mode()).isEqualTo(CpuLoadEnergyMeter.Mode.MACHINE);
        Files.write(stat, Collections.singletonList("intr 1 2 3"), StandardCharsets.US_ASCII);
        assertThatThrownBy(meter::readJ).isInstanceOf(DeviceException.class).hasMessageContaining(stat.toString());
    }

    @Test
    void withoutProcStatItUsesThisProcessesCpuTime(@TempDir Path root) {
        CpuLoadEnergyMeter meter = CpuLoadEnergyMeter.forHost(new ManualClock(), root, 50, 4);
        assertThat(meter.mode()).isEqualTo(CpuLoadEnergyMeter.Mode.PROCESS);
    }

    @Test
    void rejectsANonPositiveTdp() {
        assertThatThrownBy(() -> new CpuLoadEnergyMeter(new ManualClock(), new FakeCpu(),
                CpuLoadEnergyMeter.Mode.MACHINE, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TDP");
    }
}
