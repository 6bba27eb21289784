package org.zeusmobile.onnx;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.zeusmobile.core.Clock;
import org.zeusmobile.core.device.DeviceException;
import org.zeusmobile.core.measure.EnergyMeter;
import org.zeusmobile.core.measure.MeterDescription;

/**
 * An estimated CPU energy counter for machines without a readable energy sensor: power is the
 * CPU's TDP times a load curve, integrated over wall time, as CodeCarbon does when RAPL is not
 * available (mlco2/codecarbon, codecarbon/external/hardware.py, {@code CPU._get_power_from_cpu_load}):
 * <ul>
 *   <li>machine mode (load of the whole system, from {@code /proc/stat}):
 *       {@code P = TDP * (0.1 + 0.9 * load^3)}, i.e. at least 10% of TDP;</li>
 *   <li>process mode (this process's CPU time over wall time times cores): {@code P = TDP * load}.</li>
 * </ul>
 * Without a known TDP, CodeCarbon assumes 85 W ({@code POWER_CONSTANT} in the same file).
 * Every reading is {@link #estimated()}.
 */
public final class CpuLoadEnergyMeter implements EnergyMeter {

    /** CodeCarbon's default CPU power when the CPU model is unknown (codecarbon/external/hardware.py, POWER_CONSTANT). */
    public static final double DEFAULT_TDP_W = 85.0;

    /** Cumulative CPU time: busy and total, in ns of CPU time. */
    public interface CpuTimeSource {
        /** {@code [busyNs, totalNs]} since some fixed origin; both never decrease. */
        long[] sample();
    }

    /** Which load curve to apply: CodeCarbon's machine (cubic, 10% floor) or process (linear) mode. */
    public enum Mode {
        MACHINE,
        PROCESS
    }

    private static final long UPDATE_PERIOD_NS = 10_000_000L; // /proc/stat counts in USER_HZ = 100 Hz ticks

    private final Clock clock;
    private final CpuTimeSource source;
    private final Mode mode;
    private final double tdpW;
    private final MeterDescription description;
    private long lastClockNs;
    private long[] lastSample;
    private double lastPowerW;
    private double energyJ;

    public CpuLoadEnergyMeter(Clock clock, CpuTimeSource source, Mode mode, double tdpW) {
        if (!(tdpW > 0) || Double.isInfinite(tdpW)) {
            throw new IllegalArgumentException("CPU TDP must be a positive number of watts, got " + tdpW);
        }
        this.clock = clock;
        this.source = source;
        this.mode = mode;
        this.tdpW = tdpW;
        // one /proc/stat tick at full power, to 1%
        this.description = MeterDescription.energy("cpu-load-estimate", "cpu", tdpW * UPDATE_PERIOD_NS / 1e9 / 100,
                UPDATE_PERIOD_NS).asEstimate();
        this.lastClockNs = clock.nanoTime();
        this.lastSample = source.sample();
        this.lastPowerW = powerW(0);
    }

    /**
     * The meter for this machine: machine mode over {@code procRoot/proc/stat} when it is readable,
     * else process mode over this JVM's CPU time.
     */
    public static CpuLoadEnergyMeter forHost(Clock clock, Path procRoot, double tdpW, int cores) {
        Path stat = procRoot.resolve("proc").resolve("stat");
        if (Files.isReadable(stat)) {
            return new CpuLoadEnergyMeter(clock, procStat(stat), Mode.MACHINE, tdpW);
        }
        return new CpuLoadEnergyMeter(clock, processCpuTime(clock, cores), Mode.PROCESS, tdpW);
    }

    /** Busy and total time from the first ({@code cpu}) line of {@code /proc/stat}, in ns (USER_HZ = 100). */
    public static CpuTimeSource procStat(final Path stat) {
        return () -> {
            try {
                List<String> lines = Files.readAllLines(stat, StandardCharsets.US_ASCII);
                String[] fields = lines.isEmpty() ? new String[0] : lines.get(0).trim().split("\\s+");
                if (fields.length < 5 || !fields[0].equals("cpu")) {
                    throw new DeviceException(stat + " does not start with a 'cpu' line: is it /proc/stat?");
                }
                long total = 0;
                long idle = 0;
                // user nice system idle iowait irq softirq steal: guest time is already in user.
                for (int i = 1; i < Math.min(fields.length, 9); i++) {
                    long ticks = Long.parseLong(fields[i]);
                    total += ticks;
                    if (i == 4 || i == 5) {
                        idle += ticks;
                    }
                }
                return new long[] {(total - idle) * 10_000_000L, total * 10_000_000L};
            } catch (IOException | NumberFormatException e) {
                throw new DeviceException("cannot read CPU time from " + stat + ": " + e.getMessage());
            }
        };
    }

    /** This JVM's CPU time against wall time times {@code cores}. */
    public static CpuTimeSource processCpuTime(final Clock clock, final int cores) {
        final java.lang.management.OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
        if (!(bean instanceof com.sun.management.OperatingSystemMXBean)) {
            throw new DeviceException("this JVM does not report process CPU time: pass an energy meter instead");
        }
        final com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) bean;
        return () -> new long[] {Math.max(0, os.getProcessCpuTime()), clock.nanoTime() * cores};
    }

    /** The modelled power at {@code load} in [0, 1]. */
    public double powerW(double load) {
        double u = Math.max(0, Math.min(1, load));
        return mode == Mode.MACHINE ? tdpW * (0.1 + 0.9 * u * u * u) : tdpW * u;
    }

    public double tdpW() {
        return tdpW;
    }

    public Mode mode() {
        return mode;
    }

    @Override
    public MeterDescription description() {
        return description;
    }

    /** Integrates the modelled power up to now; the load is that of the CPU time since the last reading. */
    @Override
    public synchronized double readJ() {
        long now = clock.nanoTime();
        long[] sample = source.sample();
        long totalDelta = sample[1] - lastSample[1];
        if (totalDelta > 0) {
            lastPowerW = powerW((double) (sample[0] - lastSample[0]) / totalDelta);
            lastSample = sample;
        }
        if (now > lastClockNs) {
            energyJ += lastPowerW * (now - lastClockNs) / 1e9;
            lastClockNs = now;
        }
        return energyJ;
    }
}
