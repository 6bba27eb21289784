package org.zeusmobile.core.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.zeusmobile.core.Clock;
import org.zeusmobile.core.ManualClock;
import org.zeusmobile.core.measure.EnergyMeter;
import org.zeusmobile.core.measure.PowerMeter;

class KnobAndConfigurationTest {

    private final Knob gpu = Knob.frequencyHz("gpu.freq", 680_000_000L, 220_000_000L, 475_000_000L);
    private final Knob batch = Knob.count("batch", 1, 2, 4, 8);
    private final Device device = new KnobsOnly(Arrays.asList(gpu, batch));

    @Test
    void knobValuesAreSortedAndChecked() {
        assertThat(gpu.values()).containsExactly(220_000_000L, 475_000_000L, 680_000_000L);
        assertThat(gpu.min()).isEqualTo(220_000_000L);
        assertThat(gpu.max()).isEqualTo(680_000_000L);
        assertThat(gpu.indexOf(475_000_000L)).isEqualTo(1);
        assertThat(gpu.nearest(500_000_000L)).isEqualTo(475_000_000L);
        assertThatThrownBy(() -> gpu.requireLegal(500_000_000L)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("illegal value 500.0 MHz for knob gpu.freq; legal values: 220.0 MHz, 475.0 MHz, 680.0 MHz");
    }

    @Test
    void badKnobDefinitionsAreRejected() {
        assertThatThrownBy(() -> Knob.count("batch", 1, 1)).hasMessageContaining("lists the value 1 twice");
        assertThatThrownBy(() -> Knob.count("batch")).hasMessageContaining("no legal values");
        assertThatThrownBy(() -> Knob.count("threads", 0, 1)).hasMessageContaining("non-positive value 0");
        assertThatThrownBy(() -> Knob.count("GPU Freq", 1)).hasMessageContaining("illegal knob name 'GPU Freq'");
    }

    @Test
    void configurationParsesUnitsAndPrintsInKnobOrder() {
        Configuration c = Configuration.parse("gpu.freq=475MHz, batch=4", device);

        assertThat(c.get("gpu.freq")).isEqualTo(475_000_000L);
        assertThat(c.get("batch")).isEqualTo(4L);
        assertThat(c.toString()).isEqualTo("batch=4,gpu.freq=475000000");
        assertThat(Configuration.parse(c.toString(), device)).isEqualTo(c);
        assertThat(Configuration.parse("gpu.freq=0.68GHz", device).get("gpu.freq")).isEqualTo(680_000_000L);
        assertThat(Configuration.parse("gpu.freq=220000kHz", device).get("gpu.freq")).isEqualTo(220_000_000L);
    }

    @Test
    void configurationsAreValuesThatCanBeHashed() {
        Map<String, Long> pins = new TreeMap<>();
        pins.put("batch", 2L);
        Configuration a = Configuration.of(pins);
        Configuration b = Configuration.governed().with("batch", 2);

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.without("batch")).isEqualTo(Configuration.governed());
        assertThat(Configuration.governed().toString()).isEqualTo("governed");
        assertThat(Configuration.governed().isGoverned()).isTrue();
    }

    @Test
    void badConfigurationTextNamesTheProblem() {
        assertThatThrownBy(() -> Configuration.parse("gpu.freq", device)).hasMessageContaining("is not KNOB=VALUE");
        assertThatThrownBy(() -> Configuration.parse("gpu.freq=fast", device))
                .hasMessage("'fast' is not a number (frequencies: Hz, or with a unit like 475MHz)");
        assertThatThrownBy(() -> Configuration.parse("gpu.freq=500MHz", device))
                .hasMessageContaining("illegal value 500.0 MHz for knob gpu.freq");
        assertThatThrownBy(() -> Configuration.parse("cpu.freq=1", device))
                .hasMessage("device knobs-only has no knob 'cpu.freq'; its knobs: gpu.freq, batch");
        assertThatThrownBy(() -> Configuration.parse("batch=1,batch=2", device)).hasMessageContaining("given twice");
        assertThatThrownBy(() -> Configuration.parse("batch=1.5", device)).hasMessageContaining("'1.5' is not a number");
    }

    @Test
    void registryNamesTheKnownSpecsForAnUnknownOne() {
        DeviceProvider provider = new DeviceProvider() {
            public String scheme() {
                return "fake";
            }

            public List<String> usage() {
                return Collections.singletonList("fake:NAME (a test device)");
            }

            public Device open(String spec) {
                return device;
            }
        };
        DeviceRegistry registry = new DeviceRegistry(Collections.singletonList(provider));

        assertThat(registry.open("fake:x")).isSameAs(device);
        assertThatThrownBy(() -> registry.open("phone:1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown device 'phone:1'; known: fake:NAME (a test device)");
    }

    /** A device with knobs and nothing else, for parsing tests. */
    private static final class KnobsOnly implements Device {
        private final List<Knob> knobs;
        private final ManualClock clock = new ManualClock();

        KnobsOnly(List<Knob> knobs) {
            this.knobs = knobs;
        }

        public DeviceInfo info() {
            return new DeviceInfo("knobs-only", "fake:knobs", true, "knobs for parsing", "knobs-only");
        }

        public List<Knob> knobs() {
            return knobs;
        }

        public long current(String knob) {
            return knob(knob).min();
        }

        public String governor(String knob) {
            return null;
        }

        public void apply(Configuration configuration) {
        }

        public void restore() {
        }

        public List<EnergyMeter> energyMeters() {
            return Collections.emptyList();
        }

        public List<PowerMeter> powerMeters() {
            return Collections.emptyList();
        }

        public List<ThermalSensor> thermalSensors() {
            return Collections.emptyList();
        }

        public Clock clock() {
            return clock;
        }

        public double maxPowerW() {
            return 1;
        }

        public void close() {
        }
    }
}
