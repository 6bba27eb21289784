package org.zeusmobile.tck;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.zeusmobile.core.Clock;
import org.zeusmobile.core.ManualClock;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.device.DeviceInfo;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.device.ThermalSensor;
import org.zeusmobile.core.measure.EnergyMeter;
import org.zeusmobile.core.measure.MeterDescription;
import org.zeusmobile.core.measure.PowerMeter;

/**
 * A small board kept in memory, correct unless told to be broken in one of the ways real device code breaks. Its
 * {@link Hardware} outlives each opened {@link Device}, as a kernel's files outlive the process that writes them.
 */
final class Board implements Device {

    /** One way device code goes wrong. */
    enum Fault {
        DUPLICATE_KNOB, FREQUENCY_IN_KHZ, CURRENT_OFF_THE_LIST, ACCEPTS_UNKNOWN_KNOB, WRITES_BEFORE_VALIDATING,
        CLAMPS_WRITES, LEAVES_UNNAMED_KNOBS_PINNED, NO_MAX_POWER, SHARED_DOMAIN, COUNTER_RESETS, MICROJOULES_AS_JOULES,
        MILLIWATTS_AS_WATTS, CLOCK_NOT_ADVANCED, DUPLICATE_SENSOR, MILLIDEGREES, DESCENDING_TRIPS,
        RESTORE_LEAVES_GOVERNOR, JOURNALS_EVERY_APPLY, CLOSE_DOES_NOT_RESTORE
    }

    static final long[] GPU_HZ = {300_000_000L, 500_000_000L, 700_000_000L};
    static final double POWER_W = 2.0;

    /** What persists between opens: the knobs' values and governors, and time. */
    static final class Hardware {
        final ManualClock clock = new ManualClock();
        final Map<String, Long> values = new LinkedHashMap<>();
        final Map<String, String> governors = new LinkedHashMap<>();

        Hardware() {
            values.put(Knob.GPU_FREQ, GPU_HZ[2]);
            governors.put(Knob.GPU_FREQ, "simple_ondemand");
            values.put(Knob.BATCH, 1L);
            governors.put(Knob.BATCH, null);
        }
    }

    private final Hardware hardware;
    private final Set<Fault> faults;
    private final List<Knob> knobs;
    private Map<String, Long> originalValues;
    private Map<String, String> originalGovernors;
    private int reads;
    /** With CLOCK_NOT_ADVANCED: a clock of the device's own, which the test's time hook never reaches. */
    private final ManualClock ownClock = new ManualClock();

    Board(Hardware hardware, Set<Fault> faults) {
        this.hardware = hardware;
        this.faults = faults.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(faults);
        long[] gpu = GPU_HZ.clone();
        if (has(Fault.FREQUENCY_IN_KHZ)) {
            for (int i = 0; i < gpu.length; i++) {
                gpu[i] /= 1000;
            }
            hardware.values.put(Knob.GPU_FREQ, gpu[2]);
        }
        Knob batch = Knob.count(Knob.BATCH, 1, 2, 4);
        this.knobs = has(Fault.DUPLICATE_KNOB) // found twice, as by two discovery paths
                ? Arrays.asList(Knob.frequencyHz(Knob.GPU_FREQ, gpu), batch, batch)
                : Arrays.asList(Knob.frequencyHz(Knob.GPU_FREQ, gpu), batch);
    }

    private boolean has(Fault fault) {
        return faults.contains(fault);
    }

    @Override
    public DeviceInfo info() {
        return new DeviceInfo("board", "board", true, "an in-memory board for the kit's own tests", "board:1");
    }

    @Override
    public List<Knob> knobs() {
        return knobs;
    }

    @Override
    public long current(String knob) {
        knob(knob);
        long value = hardware.values.get(knob);
        return has(Fault.CURRENT_OFF_THE_LIST) && knob.equals(Knob.GPU_FREQ) ? value + 1 : value;
    }

    @Override
    public String governor(String knob) {
        knob(knob);
        return hardware.governors.get(knob);
    }

    @Override
    public void apply(Configuration configuration) {
        if (originalValues == null || has(Fault.JOURNALS_EVERY_APPLY)) {
            originalValues = new LinkedHashMap<>(hardware.values);
            originalGovernors = new LinkedHashMap<>(hardware.governors);
        }
        for (String name : configuration.knobs()) {
            if (has(Fault.ACCEPTS_UNKNOWN_KNOB) && !hardware.values.containsKey(name)) {
                continue;
            }
            if (has(Fault.WRITES_BEFORE_VALIDATING)) {
                write(name, configuration.get(name));
            }
            knob(name).requireLegal(configuration.get(name));
        }
        for (Knob knob : knobs) {
            Long pinned = configuration.get(knob.name());
            if (pinned != null) {
                write(knob.name(), pinned);
            } else if (!has(Fault.LEAVES_UNNAMED_KNOBS_PINNED)) {
                hardware.values.put(knob.name(), originalValues.get(knob.name()));
                hardware.governors.put(knob.name(), originalGovernors.get(knob.name()));
            }
        }
    }

    private void write(String knob, long value) {
        Knob k = knob(knob);
        hardware.values.put(knob, has(Fault.CLAMPS_WRITES) ? k.min() : value);
        if (hardware.governors.get(knob) != null) {
            hardware.governors.put(knob, "userspace");
        }
    }

    @Override
    public void restore() {
        if (originalValues == null) {
            return;
        }
        hardware.values.putAll(originalValues);
        if (!has(Fault.RESTORE_LEAVES_GOVERNOR)) {
            hardware.governors.putAll(originalGovernors);
        }
    }

    @Override
    public List<EnergyMeter> energyMeters() {
        double scale = has(Fault.MICROJOULES_AS_JOULES) ? 1e6 : 1;
        MeterDescription counter = MeterDescription.energy("board-counter", "soc", 1e-6, 1_000_000L);
        EnergyMeter meter = new EnergyMeter() {
            @Override
            public MeterDescription description() {
                return counter;
            }

            @Override
            public double readJ() {
                double joules = POWER_W * hardware.clock.nanoTime() / 1e9 * scale;
                return has(Fault.COUNTER_RESETS) && reads++ % 3 == 2 ? 0 : joules;
            }
        };
        return Collections.singletonList(meter);
    }

    @Override
    public List<PowerMeter> powerMeters() {
        double scale = has(Fault.MILLIWATTS_AS_WATTS) ? 1e3 : 1;
        MeterDescription rail = MeterDescription.power("board-rail", has(Fault.SHARED_DOMAIN) ? "soc" : "gpu", 1e-3,
                1_000_000L);
        PowerMeter meter = new PowerMeter() {
            @Override
            public MeterDescription description() {
                return rail;
            }

            @Override
            public double readW() {
                return POWER_W / 2 * scale;
            }
        };
        return Collections.singletonList(meter);
    }

    @Override
    public List<ThermalSensor> thermalSensors() {
        ThermalSensor soc = sensor("soc-thermal");
        return has(Fault.DUPLICATE_SENSOR) ? Arrays.asList(soc, soc) : Collections.singletonList(soc);
    }

    private ThermalSensor sensor(final String name) {
        return new ThermalSensor() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public double readCelsius() {
                return has(Fault.MILLIDEGREES) ? 41_500 : 41.5;
            }

            @Override
            public double[] tripPointsC() {
                return has(Fault.DESCENDING_TRIPS) ? new double[] {95, 70} : new double[] {70, 95};
            }
        };
    }

    @Override
    public Clock clock() {
        return has(Fault.CLOCK_NOT_ADVANCED) ? ownClock : hardware.clock;
    }

    @Override
    public double maxPowerW() {
        return has(Fault.NO_MAX_POWER) ? Double.NaN : 5.0;
    }

    @Override
    public void close() {
        if (!has(Fault.CLOSE_DOES_NOT_RESTORE)) {
            restore();
        }
    }
}
