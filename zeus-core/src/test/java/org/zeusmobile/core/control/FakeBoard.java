package org.zeusmobile.core.control;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.zeusmobile.core.Clock;
import org.zeusmobile.core.ManualClock;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.device.DeviceException;
import org.zeusmobile.core.device.DeviceInfo;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.device.ThermalSensor;
import org.zeusmobile.core.measure.EnergyMeter;
import org.zeusmobile.core.measure.MeterDescription;
import org.zeusmobile.core.measure.PowerMeter;
import org.zeusmobile.core.workload.Engine;

/**
 * A one-knob board on a manual clock for controller tests: a GPU at 200, 400 or 800 MHz (governed: 400),
 * a fuel gauge that updates once a second, and an engine whose batch takes 8 ms x batch at 400 MHz.
 */
final class FakeBoard implements Device {

    private static final MeterDescription GAUGE = MeterDescription.energy("fuel-gauge", "total", 1e-3, 1_000_000_000L);

    static final long MHZ = 1_000_000L;
    static final double IDLE_W = 0.5;

    final ManualClock clock = new ManualClock();
    final Knob gpu = Knob.frequencyHz("gpu.freq", 200 * MHZ, 400 * MHZ, 800 * MHZ);
    final List<Configuration> applied = new ArrayList<>();
    long gpuHz = 400 * MHZ;
    boolean pinned;
    int restores;
    double trueEnergyJ;
    /** What the fuel gauge shows: the energy at its last once-a-second update. */
    double gaugeJ;
    /** The gauge's relative error: it reads (1 + gaugeNoise) x the true energy. */
    double gaugeNoise;
    /** The gauge's file is gone (a device that disappears mid-run): reads throw. */
    boolean gaugeGone;
    double temperatureC = 30;
    /** Set: the thermal sensor fails with this reason, as an EINVAL zone does. */
    String thermalFailure;
    int batches;

    @Override
    public DeviceInfo info() {
        return new DeviceInfo("fake", "fake:board", true, "a one-knob test board", "fake-1");
    }

    @Override
    public List<Knob> knobs() {
        return Collections.singletonList(gpu);
    }

    @Override
    public long current(String knob) {
        return gpuHz;
    }

    @Override
    public String governor(String knob) {
        return pinned ? "userspace" : "simple_ondemand";
    }

    @Override
    public void apply(Configuration configuration) {
        for (String knob : configuration.knobs()) {
            knob(knob).requireLegal(configuration.get(knob));
        }
        applied.add(configuration);
        pinned = configuration.pins("gpu.freq");
        gpuHz = configuration.get("gpu.freq", 400 * MHZ);
    }

    @Override
    public void restore() {
        restores++;
        pinned = false;
        gpuHz = 400 * MHZ;
    }

    /** Busy power: 0.5 W idle plus 2 W at 400 MHz, growing with f^2. */
    double busyPowerW() {
        double f = gpuHz / (400.0 * MHZ);
        return IDLE_W + 2 * f * f;
    }

    long batchNs(int batch) {
        return Math.round(8e6 * batch * (400.0 * MHZ / gpuHz));
    }

    /** {@code ns} at {@code powerW}; the gauge takes the energy at each whole second it passes. */
    private void accrue(double powerW, long ns) {
        long start = clock.nanoTime();
        long lastTickNs = (start + ns) / 1_000_000_000L * 1_000_000_000L;
        if (lastTickNs > start) {
            gaugeJ = trueEnergyJ + powerW * (lastTickNs - start) / 1e9;
        }
        trueEnergyJ += powerW * ns / 1e9;
        clock.advance(ns);
    }

    @Override
    public List<EnergyMeter> energyMeters() {
        return Collections.<EnergyMeter>singletonList(new EnergyMeter() {
            @Override
            public MeterDescription description() {
                return GAUGE;
            }

            @Override
            public double readJ() {
                if (gaugeGone) {
                    throw new DeviceException("fuel gauge: No such device");
                }
                return gaugeJ * (1 + gaugeNoise);
            }
        });
    }

    @Override
    public List<PowerMeter> powerMeters() {
        return Collections.emptyList();
    }

    @Override
    public List<ThermalSensor> thermalSensors() {
        return Collections.<ThermalSensor>singletonList(new ThermalSensor() {
            @Override
            public String name() {
                return "gpu";
            }

            @Override
            public double readCelsius() {
                if (thermalFailure != null) {
                    throw new org.zeusmobile.core.device.DeviceException(thermalFailure);
                }
                return temperatureC;
            }

            @Override
            public double[] tripPointsC() {
                return new double[] {45, 60};
            }
        });
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public double maxPowerW() {
        return 10;
    }

    @Override
    public void close() {
        restore();
    }

    Engine engine() {
        return new Engine() {
            @Override
            public String model() {
                return "fake-model";
            }

            @Override
            public void runBatch(int batchSize) {
                batches++;
                accrue(busyPowerW(), batchNs(batchSize));
            }

            @Override
            public void setInputSize(int size) {
            }

            @Override
            public void idleUntil(long clockNs) {
                long ns = clockNs - clock.nanoTime();
                if (ns > 0) {
                    accrue(IDLE_W, ns);
                }
            }

            @Override
            public void close() {
            }
        };
    }
}
