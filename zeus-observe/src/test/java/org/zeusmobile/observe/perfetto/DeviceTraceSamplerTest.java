package org.zeusmobile.observe.perfetto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeusmobile.core.measure.EnergyMeter;
import org.zeusmobile.observe.perfetto.PerfettoProtos.Trace;
import org.zeusmobile.observe.perfetto.PerfettoProtos.TracePacket;
import org.zeusmobile.sim.ReferenceWorkloads;
import org.zeusmobile.sim.SimulatedDevice;

class DeviceTraceSamplerTest {

    @TempDir
    Path dir;

    @Test
    void samplesTheMetersSensorsAndKnobsUnderOneSpan() throws IOException {
        Path file = dir.resolve("measure.perfetto-trace");
        double gaugeBeforeJ;
        double gaugeAfterJ;
        DeviceTraceSampler sampler;
        try (SimulatedDevice device = SimulatedDevice.open("sim:snapdragon-8-gen-2", 1);
                PerfettoTrace trace = PerfettoTrace.create(file)) {
            EnergyMeter gauge = device.energyMeters().get(0);
            org.zeusmobile.sim.SimEngine engine = device.engine(ReferenceWorkloads.transformer("t", 256), 128);
            gaugeBeforeJ = gauge.readJ();
            sampler = DeviceTraceSampler.start(trace, device, "sleep 1");
            long end = device.clock().nanoTime() + 20_000_000_000L;
            while (device.clock().nanoTime() < end) {
                engine.runBatch(1);
            }
            sampler.close();
            gaugeAfterJ = gauge.readJ();
        }
        assertThat(sampler.failure()).isNull();
        PerfettoRunListenerTest.ParsedTrace parsed;
        try (InputStream in = Files.newInputStream(file)) {
            parsed = new PerfettoRunListenerTest.ParsedTrace(Trace.parseFrom(in));
        }
        assertThat(parsed.tracks).containsKeys("sleep 1 on snapdragon-8-gen-2", "span", "energy total", "gpu.freq",
                "temperature soc");
        assertThat(parsed.tracks.get("energy total").getCounter().getUnitName()).isEqualTo("J");
        List<TracePacket> span = parsed.on("span");
        assertThat(span).hasSize(2);
        assertThat(span.get(0).getTimestamp()).isZero();
        assertThat(span.get(1).getTimestamp()).isGreaterThanOrEqualTo(20_000_000_000L);
        List<TracePacket> energy = parsed.on("energy total");
        assertThat(energy.size()).isGreaterThanOrEqualTo(2); // at the start and at the end, more in between
        assertThat(energy.get(0).getTrackEvent().getDoubleCounterValue()).isZero();
        assertThat(energy.get(energy.size() - 1).getTrackEvent().getDoubleCounterValue())
                .isCloseTo(gaugeAfterJ - gaugeBeforeJ, within(1e-9));
    }
}
