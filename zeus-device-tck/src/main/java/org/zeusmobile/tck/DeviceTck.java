package org.zeusmobile.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.device.ThermalSensor;
import org.zeusmobile.core.measure.EnergyMeter;
import org.zeusmobile.core.measure.PowerMeter;

/**
 * The promises every {@link Device} keeps, as a test kit. A device's test extends this class, says how to open
 * a fresh device and how to let its time pass, and runs every check unchanged:
 *
 * <pre>
 * class MyBoardTest extends DeviceTck {
 *     private final ManualClock clock = new ManualClock();
 *     protected Device openDevice() { return MyBoard.open(fixtureRoot, clock); }
 *     protected void advanceTime(Device device, long nanos) { clock.advance(nanos); }
 * }
 * </pre>
 *
 * Each check is something a broken device fails (a frequency in kHz, a knob left pinned after restore, a counter
 * that runs backwards or is off by a factor of a thousand, a temperature in m°C). A run that leaves a check out
 * fails too ({@link KitCoverage}): a device passes the whole kit or none of it.
 */
@ExtendWith(KitCoverage.class)
public abstract class DeviceTck {

    /** How long the meter checks let time pass: longer than a fuel gauge's one-second update period. */
    static final long METER_SPAN_NS = 3_000_000_000L;

    /**
     * How far above the device's maximum power a meter may read before the kit calls it a unit error. Real
     * meters overshoot P_max a little (rails, transients); a mistake of units is a factor of 1000.
     */
    static final double POWER_MARGIN = 10;

    /** The device under test, opened fresh before each check and closed after it. */
    protected Device device;

    /** A fresh device in its original state; called before every check, and again where a check reopens. */
    protected abstract Device openDevice();

    /**
     * Lets {@code nanos} of device time pass through the device's injected time source (advance its manual clock,
     * idle the simulator), so that counters move. Never sleep on real time: the kit must be fast and repeatable.
     */
    protected abstract void advanceTime(Device device, long nanos);

    @BeforeEach
    void openFreshDevice() {
        device = openDevice();
    }

    @AfterEach
    void closeDevice() {
        if (device != null) {
            device.close();
        }
    }

    /** Names, units, legal values, and apply's all-or-nothing validation. */
    @Nested
    public class Knobs {

        @Test
        public final void eachKnobIsListedOnce() {
            Set<String> names = new HashSet<>();
            for (Knob knob : device.knobs()) {
                assertThat(names.add(knob.name())).as("knob %s is listed once", knob.name()).isTrue();
            }
        }

        @Test
        public final void frequenciesAreInHertzAndNamedAfterTheirDomain() {
            for (Knob knob : device.knobs()) {
                boolean namedFrequency = knob.name().endsWith(".freq");
                assertThat(knob.unit() == Knob.Unit.HZ).as("%s is a frequency exactly when its name ends in .freq",
                        knob.name()).isEqualTo(namedFrequency);
                if (namedFrequency) {
                    assertThat(knob.name()).as("a frequency knob is named cpu.policyN.freq, gpu.freq or mem.NAME.freq")
                            .matches("cpu\\.policy\\d+\\.freq|gpu\\.freq|mem\\.[a-z0-9_\\-]+\\.freq");
                    assertThat(knob.min()).as("%s is in Hz, not kHz or MHz", knob.name())
                            .isGreaterThanOrEqualTo(1_000_000L);
                }
            }
        }

        @Test
        public final void currentValuesAreLegal() {
            for (Knob knob : device.knobs()) {
                assertThat(knob.values()).as("the value %s reports now is one of its legal values", knob.name())
                        .contains(device.current(knob.name()));
            }
        }

        @Test
        public final void unknownKnobIsRejectedAndNothingChanges() {
            Map<String, Long> before = currentValues();
            assertThatThrownBy(() -> device.apply(Configuration.governed().with("no.such.knob", 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no.such.knob");
            assertThat(currentValues()).isEqualTo(before);
        }

        @Test
        public final void illegalValueIsRejectedBeforeAnythingIsTouched() {
            Map<String, Long> before = currentValues();
            for (Knob knob : device.knobs()) {
                Map<String, Long> pins = new HashMap<>(differentConfiguration().asMap());
                pins.put(knob.name(), knob.max() + 1);
                assertThatThrownBy(() -> device.apply(Configuration.of(pins)))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(knob.name());
                assertThat(currentValues()).as("nothing changed after rejecting %s", knob.name()).isEqualTo(before);
            }
        }

        @Test
        public final void appliedValuesReadBack() {
            Configuration target = differentConfiguration();
            device.apply(target);
            for (Map.Entry<String, Long> pin : target.asMap().entrySet()) {
                assertThat(device.current(pin.getKey())).as("read back %s", pin.getKey()).isEqualTo(pin.getValue());
            }
        }

        @Test
        public final void knobsAConfigurationLeavesOutReturnToTheirOriginalState() {
            Map<String, Long> values = currentValues();
            Map<String, String> governors = currentGovernors();
            Configuration everything = differentConfiguration();
            device.apply(everything);
            for (Knob kept : device.knobs()) {
                device.apply(Configuration.governed().with(kept.name(), everything.get(kept.name())));
                for (Knob other : device.knobs()) {
                    if (other != kept) {
                        assertThat(device.current(other.name())).as("%s once only %s is pinned", other.name(), kept.name())
                                .isEqualTo(values.get(other.name()));
                        assertThat(device.governor(other.name())).as("governor of %s once only %s is pinned",
                                other.name(), kept.name()).isEqualTo(governors.get(other.name()));
                    }
                }
                device.apply(everything);
            }
        }
    }

    /** Meters: what they declare, and readings that behave like energy and power over device time. */
    @Nested
    public class Meters {

        @Test
        public final void theTimeHookMovesTheDevicesClock() {
            long before = device.clock().nanoTime();
            advanceTime(device, 10_000_000L);
            assertThat(device.clock().nanoTime() - before).as("ns the device's clock moved while advanceTime(10 ms) ran")
                    .isGreaterThanOrEqualTo(10_000_000L);
        }

        @Test
        public final void maxPowerIsAPositiveNumberOfWatts() {
            assertThat(device.maxPowerW()).isPositive().isFinite();
        }

        @Test
        public final void eachDomainIsMeasuredOnceByMetersThatDeclareUsableSteps() {
            Set<String> domains = new HashSet<>();
            assertThat(device.energyMeters().size() + device.powerMeters().size()).as("at least one meter").isPositive();
            for (EnergyMeter meter : device.energyMeters()) {
                assertThat(domains.add(meter.domain())).as("domain %s measured once", meter.domain()).isTrue();
                assertThat(meter.resolutionJ()).as("resolution of %s", meter.name()).isPositive().isFinite();
                assertThat(meter.updatePeriodNs()).as("update period of %s", meter.name()).isPositive();
                assertThat(meter.wrapRangeJ()).as("wrap range of %s", meter.name()).isPositive();
            }
            for (PowerMeter meter : device.powerMeters()) {
                assertThat(domains.add(meter.domain())).as("domain %s measured once", meter.domain()).isTrue();
                assertThat(meter.resolutionW()).as("resolution of %s", meter.name()).isPositive().isFinite();
                assertThat(meter.updatePeriodNs()).as("update period of %s", meter.name()).isPositive();
            }
        }

        @Test
        public final void energyCountersNeverRunBackwards() {
            List<EnergyMeter> counters = device.energyMeters();
            double[] previous = readAll(counters);
            for (int step = 0; step < 6; step++) {
                advanceTime(device, METER_SPAN_NS / 6);
                double[] now = readAll(counters);
                for (int i = 0; i < now.length; i++) {
                    assertThat(now[i]).as("counter %s after %d steps", counters.get(i).name(), step + 1)
                            .isFinite().isGreaterThanOrEqualTo(previous[i]);
                }
                previous = now;
            }
        }

        @Test
        public final void energyCountersRiseAtMostAtThePowerTheDeviceCanDraw() {
            List<EnergyMeter> counters = device.energyMeters();
            double[] start = readAll(counters);
            long startNs = device.clock().nanoTime();
            advanceTime(device, METER_SPAN_NS);
            double seconds = (device.clock().nanoTime() - startNs) / 1e9;
            double[] end = readAll(counters);
            for (int i = 0; i < end.length; i++) {
                assertThat((end[i] - start[i]) / seconds).as("average power of counter %s in W (J over s: a unit slip "
                        + "shows as a factor of 1000)", counters.get(i).name())
                        .isLessThanOrEqualTo(POWER_MARGIN * device.maxPowerW());
            }
        }

        @Test
        public final void powerReadingsAreWattsTheDeviceCanDraw() {
            for (int step = 0; step < 3; step++) {
                advanceTime(device, METER_SPAN_NS / 3);
                for (PowerMeter meter : device.powerMeters()) {
                    assertThat(meter.readW()).as("power %s in W", meter.name()).isFinite()
                            .isBetween(0.0, POWER_MARGIN * device.maxPowerW());
                }
            }
        }
    }

    /** Thermal sensors: readable, in °C, with ascending trip points. */
    @Nested
    public class Thermal {

        @Test
        public final void eachSensorIsListedOnce() {
            Set<String> names = new HashSet<>();
            for (ThermalSensor sensor : device.thermalSensors()) {
                assertThat(names.add(sensor.name())).as("sensor %s is listed once", sensor.name()).isTrue();
            }
        }

        @Test
        public final void temperaturesAreDegreesCelsius() {
            for (int step = 0; step < 2; step++) {
                for (ThermalSensor sensor : device.thermalSensors()) {
                    assertThat(sensor.readCelsius()).as("sensor %s in °C (m°C would read thousands)", sensor.name())
                            .isBetween(-40.0, 150.0);
                }
                advanceTime(device, 1_000_000_000L);
            }
        }

        @Test
        public final void tripPointsAscendInDegreesCelsius() {
            for (ThermalSensor sensor : device.thermalSensors()) {
                double[] trips = sensor.tripPointsC();
                for (int i = 0; i < trips.length; i++) {
                    assertThat(trips[i]).as("trip point of %s in °C", sensor.name()).isBetween(0.0, 200.0);
                    if (i > 0) {
                        assertThat(trips[i]).as("trip points of %s ascend", sensor.name()).isGreaterThan(trips[i - 1]);
                    }
                }
            }
        }
    }

    /** Every knob changed comes back, values and governors, by restore, by the governed configuration and by close. */
    @Nested
    public class Restore {

        @Test
        public final void restoreReturnsTheOriginalState() {
            Map<String, Long> values = currentValues();
            Map<String, String> governors = currentGovernors();
            device.apply(differentConfiguration());
            device.restore();
            assertThat(currentValues()).isEqualTo(values);
            assertThat(currentGovernors()).isEqualTo(governors);
        }

        @Test
        public final void theGovernedConfigurationRestores() {
            Map<String, Long> values = currentValues();
            Map<String, String> governors = currentGovernors();
            device.apply(differentConfiguration());
            device.apply(Configuration.governed());
            assertThat(currentValues()).isEqualTo(values);
            assertThat(currentGovernors()).isEqualTo(governors);
        }

        @Test
        public final void restoreAfterSeveralAppliesReturnsTheFirstOriginal() {
            Map<String, Long> values = currentValues();
            Map<String, String> governors = currentGovernors();
            device.apply(differentConfiguration());
            device.apply(differentConfiguration());
            device.restore();
            assertThat(currentValues()).as("the state before the first apply, not the one before the last").isEqualTo(values);
            assertThat(currentGovernors()).isEqualTo(governors);
        }

        @Test
        public final void closeRestoresForTheNextOpen() {
            Map<String, Long> values = currentValues();
            Map<String, String> governors = currentGovernors();
            device.apply(differentConfiguration());
            device.close();
            device = openDevice();
            assertThat(currentValues()).as("values seen by the next open").isEqualTo(values);
            assertThat(currentGovernors()).as("governors seen by the next open").isEqualTo(governors);
        }
    }

    /** A configuration that pins every knob to a legal value other than its current one, where there is one. */
    protected Configuration differentConfiguration() {
        Map<String, Long> pins = new HashMap<>();
        for (Knob knob : device.knobs()) {
            long current = device.current(knob.name());
            long chosen = knob.min() != current ? knob.min() : knob.value(Math.min(1, knob.size() - 1));
            pins.put(knob.name(), chosen);
        }
        return Configuration.of(pins);
    }

    private static double[] readAll(List<EnergyMeter> counters) {
        double[] values = new double[counters.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = counters.get(i).readJ();
        }
        return values;
    }

    private Map<String, Long> currentValues() {
        Map<String, Long> values = new LinkedHashMap<>();
        for (Knob knob : device.knobs()) {
            values.put(knob.name(), device.current(knob.name()));
        }
        return values;
    }

    private Map<String, String> currentGovernors() {
        Map<String, String> governors = new LinkedHashMap<>();
        for (Knob knob : device.knobs()) {
            governors.put(knob.name(), device.governor(knob.name()));
        }
        return governors;
    }
}
