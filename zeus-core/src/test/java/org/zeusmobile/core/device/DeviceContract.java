package org.zeusmobile.core.device;

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
import org.junit.jupiter.api.Test;
import org.zeusmobile.core.measure.EnergyMeter;
import org.zeusmobile.core.measure.PowerMeter;

/**
 * The promises of the {@link Device} SPI. Every implementation's test extends this class and
 * says how to open a fresh device and how to let its time pass.
 */
public abstract class DeviceContract {

    protected Device device;

    /** A fresh device in its original state. */
    protected abstract Device openDevice();

    /** Lets {@code nanos} of device time pass, so that counters can move. Real devices sleep. */
    protected void letTimePass(Device device, long nanos) {
        try {
            Thread.sleep(Math.max(1, nanos / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @BeforeEach
    void open() {
        device = openDevice();
    }

    @AfterEach
    void closeDevice() {
        if (device != null) {
            device.close();
        }
    }

    @Test
    void describesItself() {
        DeviceInfo info = device.info();
        assertThat(info.name()).isNotBlank();
        assertThat(info.spec()).isNotBlank();
        assertThat(info.description()).isNotBlank();
        assertThat(info.identity()).isNotBlank();
        assertThat(device.maxPowerW()).isPositive().isFinite();
    }

    @Test
    void knobsHaveUniqueNamesAndLegalAscendingValues() {
        Set<String> names = new HashSet<>();
        for (Knob knob : device.knobs()) {
            assertThat(names.add(knob.name())).as("knob %s is listed once", knob.name()).isTrue();
            assertThat(knob.values()).isSorted().doesNotHaveDuplicates();
            assertThat(knob.min()).isPositive();
            if (knob.name().endsWith(".freq")) {
                assertThat(knob.unit()).as("%s is a frequency", knob.name()).isEqualTo(Knob.Unit.HZ);
                assertThat(knob.min()).as("%s is in Hz, not kHz or MHz", knob.name()).isGreaterThanOrEqualTo(1_000_000L);
            }
            assertThat(knob.name()).matches("cpu\\.policy\\d+\\.freq|gpu\\.freq|mem\\.[a-z0-9_.\\-]+\\.freq|batch|threads"
                    + "|[a-z0-9_.\\-]+");
        }
    }

    @Test
    void illegalValueIsRejectedBeforeAnythingIsTouched() {
        Map<String, Long> before = currentValues();
        for (Knob knob : device.knobs()) {
            Map<String, Long> pins = new HashMap<>();
            for (Knob other : device.knobs()) {
                pins.put(other.name(), other.min());
            }
            pins.put(knob.name(), knob.max() + 1);
            assertThatThrownBy(() -> device.apply(Configuration.of(pins)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(knob.name());
            assertThat(currentValues()).as("nothing changed after rejecting %s", knob.name()).isEqualTo(before);
        }
    }

    @Test
    void unknownKnobIsRejected() {
        Map<String, Long> before = currentValues();
        assertThatThrownBy(() -> device.apply(Configuration.governed().with("no.such.knob", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no.such.knob");
        assertThat(currentValues()).isEqualTo(before);
    }

    @Test
    void appliedValuesReadBack() {
        Configuration target = differentConfiguration();
        device.apply(target);
        for (Map.Entry<String, Long> pin : target.asMap().entrySet()) {
            assertThat(device.current(pin.getKey())).as("read back %s", pin.getKey()).isEqualTo(pin.getValue());
        }
    }

    @Test
    void restoreReturnsTheOriginalState() {
        Map<String, Long> values = currentValues();
        Map<String, String> governors = currentGovernors();
        device.apply(differentConfiguration());
        device.restore();
        assertThat(currentValues()).isEqualTo(values);
        assertThat(currentGovernors()).isEqualTo(governors);
    }

    @Test
    void applyingTheGovernedConfigurationRestores() {
        Map<String, Long> values = currentValues();
        Map<String, String> governors = currentGovernors();
        device.apply(differentConfiguration());
        device.apply(Configuration.governed());
        assertThat(currentValues()).isEqualTo(values);
        assertThat(currentGovernors()).isEqualTo(governors);
    }

    @Test
    void closeRestores() {
        Map<String, Long> values = currentValues();
        Map<String, String> governors = currentGovernors();
        device.apply(differentConfiguration());
        device.close();
        Device reopened = openDevice();
        try {
            Map<String, Long> after = new LinkedHashMap<>();
            Map<String, String> governorsAfter = new LinkedHashMap<>();
            for (Knob knob : reopened.knobs()) {
                after.put(knob.name(), reopened.current(knob.name()));
                governorsAfter.put(knob.name(), reopened.governor(knob.name()));
            }
            assertThat(after).isEqualTo(values);
            assertThat(governorsAfter).isEqualTo(governors);
        } finally {
            reopened.close();
            device = null;
        }
    }

    @Test
    void metersDeclareTheirUnitsAndOwnDomains() {
        Set<String> domains = new HashSet<>();
        assertThat(device.energyMeters().size() + device.powerMeters().size()).as("at least one meter").isPositive();
        for (EnergyMeter meter : device.energyMeters()) {
            assertThat(meter.name()).isNotBlank();
            assertThat(domains.add(meter.domain())).as("domain %s measured once", meter.domain()).isTrue();
            assertThat(meter.resolutionJ()).isPositive().isFinite();
            assertThat(meter.updatePeriodNs()).isPositive();
            assertThat(meter.wrapRangeJ()).isPositive();
        }
        for (PowerMeter meter : device.powerMeters()) {
            assertThat(meter.name()).isNotBlank();
            assertThat(domains.add(meter.domain())).as("domain %s measured once", meter.domain()).isTrue();
            assertThat(meter.resolutionW()).isPositive().isFinite();
            assertThat(meter.updatePeriodNs()).isPositive();
        }
    }

    @Test
    void energyCountersNeverGoBackwardsAndPowerIsNonNegative() {
        List<EnergyMeter> counters = device.energyMeters();
        double[] previous = new double[counters.size()];
        for (int i = 0; i < counters.size(); i++) {
            previous[i] = counters.get(i).readJ();
        }
        for (int round = 0; round < 3; round++) {
            letTimePass(device, 50_000_000L);
            for (int i = 0; i < counters.size(); i++) {
                double now = counters.get(i).readJ();
                assertThat(now).as("counter %s", counters.get(i).name()).isGreaterThanOrEqualTo(previous[i]).isFinite();
                previous[i] = now;
            }
            for (PowerMeter meter : device.powerMeters()) {
                assertThat(meter.readW()).as("power %s", meter.name()).isGreaterThanOrEqualTo(0).isFinite();
            }
        }
    }

    @Test
    void thermalSensorsReadPlausibleTemperatures() {
        for (ThermalSensor sensor : device.thermalSensors()) {
            assertThat(sensor.name()).isNotBlank();
            assertThat(sensor.readCelsius()).as("sensor %s in °C", sensor.name()).isBetween(-40.0, 150.0);
            double[] trips = sensor.tripPointsC();
            for (int i = 0; i < trips.length; i++) {
                assertThat(trips[i]).as("trip point of %s in °C", sensor.name()).isBetween(0.0, 200.0);
                assertThat(i == 0 || trips[i] > trips[i - 1]).as("trip points of %s ascend", sensor.name()).isTrue();
            }
        }
    }

    @Test
    void clockIsMonotonic() {
        long first = device.clock().nanoTime();
        letTimePass(device, 10_000_000L);
        assertThat(device.clock().nanoTime()).isGreaterThan(first);
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
