package org.zeusmobile.onnx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;
import org.zeusmobile.core.Clock;
import org.zeusmobile.core.SystemClock;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.device.DeviceInfo;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.device.SoftwareKnobs;
import org.zeusmobile.core.device.ThermalSensor;
import org.zeusmobile.core.measure.EnergyMeter;
import org.zeusmobile.core.measure.PowerMeter;

/**
 * The machine this JVM runs on, as a {@link Device} for real ONNX Runtime inference. Its knobs are
 * software ones: {@code threads} (ONNX Runtime intra-op threads, 1 to the number of cores) and
 * {@code batch} (1, 2, 4, 8, 16). Left governed, threads is ONNX Runtime's default and batch is 1.
 * Its meters are the energy meters it is given (e.g. RAPL found by zeus-linux); without any, an
 * estimated CPU meter ({@link CpuLoadEnergyMeter}, marked estimated). Latency is wall time.
 */
public final class HostDevice implements Device {

    /** The governor name reported for a knob that is not pinned. */
    public static final String DEFAULT_GOVERNOR = "onnxruntime-default";
    public static final String PINNED_GOVERNOR = "userspace";
    public static final long DEFAULT_BATCH = 1;

    private final List<EnergyMeter> energyMeters;
    private final double maxPowerW;
    private final Clock clock;
    private final int cores;
    /** threads untuned at all cores (ONNX Runtime's default pool), batch at 1. */
    private final SoftwareKnobs knobs = new SoftwareKnobs();
    private final DeviceInfo info;
    private final List<Runnable> applyListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param energyMeters the machine's energy meters (may be empty: then an estimated CPU meter is used)
     * @param maxPowerW the machine's maximum power in W (CPU TDP when unknown)
     * @param cores the number of logical cores: the largest legal {@code threads}
     */
    public HostDevice(List<EnergyMeter> energyMeters, double maxPowerW, Clock clock, int cores, String cpuModel,
            EnergyMeter fallbackMeter) {
        if (cores < 1) {
            throw new IllegalArgumentException("a host has at least one core, got " + cores);
        }
        if (!(maxPowerW > 0) || Double.isInfinite(maxPowerW)) {
            throw new IllegalArgumentException("max power must be a positive number of watts, got " + maxPowerW);
        }
        List<EnergyMeter> meters = new ArrayList<>(energyMeters);
        if (meters.isEmpty()) {
            meters.add(fallbackMeter);
        }
        this.energyMeters = Collections.unmodifiableList(meters);
        this.maxPowerW = maxPowerW;
        this.clock = clock;
        this.cores = cores;
        long[] threadValues = new long[cores];
        for (int i = 0; i < cores; i++) {
            threadValues[i] = i + 1;
        }
        knobs.add(Knob.count(Knob.THREADS, threadValues), cores).add(Knob.count(Knob.BATCH, 1, 2, 4, 8, 16), DEFAULT_BATCH);
        boolean estimated = false;
        for (EnergyMeter meter : this.energyMeters) {
            estimated |= meter.estimated();
        }
        this.info = new DeviceInfo("host", "host", false,
                "this machine: " + cpuModel + ", " + cores + " cores, " + System.getProperty("os.name") + " "
                        + System.getProperty("os.arch") + (estimated ? ", energy estimated from CPU load" : ""),
                "host:" + cpuModel.replaceAll("\\s+", "_") + ":" + cores + "c");
    }

    /**
     * The host with the given energy meters (the lead passes the RAPL meters zeus-linux finds); when
     * the list is empty, a {@link CpuLoadEnergyMeter} at CodeCarbon's default TDP of 85 W.
     */
    public static HostDevice open(List<EnergyMeter> energyMeters) {
        return open(energyMeters, CpuLoadEnergyMeter.DEFAULT_TDP_W);
    }

    /** As {@link #open(List)}, with the CPU's TDP in W (also the device's max power). */
    public static HostDevice open(List<EnergyMeter> energyMeters, double tdpW) {
        int cores = Runtime.getRuntime().availableProcessors();
        Path root = Paths.get("/");
        EnergyMeter fallback = energyMeters.isEmpty()
                ? CpuLoadEnergyMeter.forHost(SystemClock.INSTANCE, root, tdpW, cores) : null;
        return new HostDevice(energyMeters, tdpW, SystemClock.INSTANCE, cores, cpuModel(root), fallback);
    }

    /** Records what the caller found and could not use (e.g. why RAPL could not be read), for {@link #problems()}. */
    public void addProblems(List<String> found) {
        problems.addAll(found);
    }

    @Override
    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }

    /** The CPU's model name from {@code /proc/cpuinfo}, or the JVM's os.arch where there is none. */
    static String cpuModel(Path root) {
        Path cpuinfo = root.resolve("proc").resolve("cpuinfo");
        try {
            if (Files.isReadable(cpuinfo)) {
                for (String line : Files.readAllLines(cpuinfo, StandardCharsets.UTF_8)) {
                    String lower = line.toLowerCase(Locale.ROOT);
                    if (lower.startsWith("model name") || lower.startsWith("hardware")) {
                        int colon = line.indexOf(':');
                        if (colon > 0 && colon < line.length() - 1) {
                            return line.substring(colon + 1).trim();
                        }
                    }
                }
            }
        } catch (IOException e) {
            // Fall through to the generic name: the model name is only descriptive.
        }
        return "cpu-" + System.getProperty("os.arch");
    }

    @Override
    public DeviceInfo info() {
        return info;
    }

    @Override
    public List<Knob> knobs() {
        return knobs.knobs();
    }

    @Override
    public long current(String knob) {
        return knobs.current(knob(knob).name());
    }

    @Override
    public String governor(String knob) {
        return knobs.pinned(knob(knob).name()) ? PINNED_GOVERNOR : DEFAULT_GOVERNOR;
    }

    @Override
    public void apply(Configuration configuration) {
        configuration.requireLegalOn(this);
        knobs.apply(configuration);
        notifyApplied();
    }

    @Override
    public void restore() {
        knobs.restore();
        notifyApplied();
    }

    /** Runs {@code listener} after every {@link #apply} and {@link #restore} (e.g. to prepare an engine). */
    public void addApplyListener(Runnable listener) {
        applyListeners.add(listener);
    }

    public void removeApplyListener(Runnable listener) {
        applyListeners.remove(listener);
    }

    private void notifyApplied() {
        for (Runnable listener : applyListeners) {
            listener.run();
        }
    }

    /** The intra-op thread count to run with now: the pinned value, or 0 (ONNX Runtime's default) when governed. */
    public int threads() {
        return knobs.pinned(Knob.THREADS) ? (int) knobs.current(Knob.THREADS) : 0;
    }

    /** {@link #threads()} as a supplier, for {@link OnnxEngine}. */
    public IntSupplier threadsSupplier() {
        return this::threads;
    }

    /** The batch size to run with now: the pinned value, or 1 when governed. */
    public int batch() {
        return (int) current(Knob.BATCH);
    }

    public int cores() {
        return cores;
    }

    @Override
    public List<EnergyMeter> energyMeters() {
        return energyMeters;
    }

    @Override
    public List<PowerMeter> powerMeters() {
        return Collections.emptyList();
    }

    @Override
    public List<ThermalSensor> thermalSensors() {
        return Collections.emptyList();
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public double maxPowerW() {
        return maxPowerW;
    }

    @Override
    public void close() {
        restore();
    }
}
