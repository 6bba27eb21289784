package org.zeusmobile.core.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.DeviceException;
import org.zeusmobile.core.device.ThermalSensor;
import org.zeusmobile.core.strategy.Observation;
import org.zeusmobile.core.strategy.Traffic;

class WindowRecorderTest {

    private final Configuration config = Configuration.governed();
    private final ControllerTest.Recorder strategy = new ControllerTest.Recorder(config);
    private final WindowRecorder recorder = new WindowRecorder(strategy);
    private final ThermalReading cool = ThermalReading.of(Collections.<ThermalSensor>emptyList());

    @Test
    void aWindowBecomesOnePerInferenceObservationForTheStrategy() {
        Latencies latencies = Latencies.of(new long[] {10_000_000, 20_000_000, 30_000_000, 40_000_000});
        Observation seen = recorder.record(config, 8, latencies, 4.0, new WindowRecorder.Span(2_000_000_000L, 0, 0, 7L),
                cool);

        assertThat(strategy.seen).containsExactly(seen);
        assertThat(seen.inferences()).isEqualTo(8);
        assertThat(seen.energyPerInferenceJ()).isCloseTo(0.5, within(1e-12));
        assertThat(seen.timePerInferenceS()).isCloseTo(0.25, within(1e-12));
        assertThat(seen.latencyP95S()).as("nearest rank of 4 latencies").isCloseTo(0.040, within(1e-12));
        assertThat(seen.clockNs()).isEqualTo(7L);
        assertThat(seen.traffic()).isEqualTo(Traffic.CLOSED_LOOP);
    }

    @Test
    void aWindowWithoutInferencesOrWithUnknownEnergyTellsTheStrategyNothing() {
        WindowRecorder.Span span = new WindowRecorder.Span(2_000_000_000L, 0, 0, 0);
        assertThat(recorder.record(config, 0, new Latencies(), 1.0, span, cool)).isNull();
        assertThat(recorder.record(config, 1, Latencies.of(new long[] {1}), Double.NaN, span, cool)).isNull();
        assertThat(strategy.seen).isEmpty();
    }

    @Test
    void onceTheEngineWaitedForRequestsTheTrafficStaysOpenLoop() {
        Latencies one = Latencies.of(new long[] {5_000_000});
        recorder.record(config, 1, one, 1.0, new WindowRecorder.Span(1_000_000_000L, 500_000_000L, 0, 0), cool);
        Observation later = recorder.record(config, 1, one, 1.0, new WindowRecorder.Span(1_000_000_000L, 0, 0, 0), cool);

        assertThat(later.traffic()).isEqualTo(Traffic.OPEN_LOOP);
        assertThat(recorder.traffic()).isEqualTo(Traffic.OPEN_LOOP);
    }

    @Test
    void theThermalReadingTakesTheHottestSensorAndTheNearestTripPointAndSkipsOneThatFails() {
        List<ThermalSensor> sensors = Arrays.asList(sensor("cpu", 48, 50, 60), sensor("gpu", 55, 58), broken("skin"));
        SensorFailures failures = new SensorFailures();
        ThermalReading reading = ThermalReading.of(sensors, failures);

        assertThat(reading.hottestC).isEqualTo(55);
        assertThat(reading.headroomC).as("cpu is 2 C from 50, gpu 3 C from 58").isEqualTo(2);
        assertThat(reading.temperaturesC).containsOnlyKeys("cpu", "gpu");
        assertThat(failures.summaries(1)).singleElement().asString().contains("skin").contains("unplugged");
    }

    private static ThermalSensor sensor(final String name, final double celsius, final double... tripsC) {
        return new ThermalSensor() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public double readCelsius() {
                return celsius;
            }

            @Override
            public double[] tripPointsC() {
                return tripsC;
            }
        };
    }

    private static ThermalSensor broken(final String name) {
        return new ThermalSensor() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public double readCelsius() {
                throw new DeviceException("zone " + name + " unplugged");
            }
        };
    }
}
