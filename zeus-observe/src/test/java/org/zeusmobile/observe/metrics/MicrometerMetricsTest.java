package org.zeusmobile.observe.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.zeusmobile.core.control.RunResult;
import org.zeusmobile.core.control.Window;
import org.zeusmobile.observe.SimulatedRun;

class MicrometerMetricsTest {

    @Test
    void anAppsOwnRegistryGetsTheRunsMetrics() {
        MeterRegistry registry = new SimpleMeterRegistry();
        MicrometerMetrics metrics = new MicrometerMetrics();
        metrics.bindTo(registry);
        RunResult result = SimulatedRun.run(metrics.listener(SimulatedRun.SLO_S));

        double energyJ = 0;
        for (Window w : result.windows()) {
            energyJ += w.measurement().energyJ("total");
        }
        assertThat(registry.get("zeus.energy").tags("strategy", "switching", "domain", "total").counter().count())
                .isCloseTo(energyJ, within(1e-9 * energyJ));
        assertThat(registry.get("zeus.inferences").counter().count()).isEqualTo(result.inferences());
        assertThat(registry.get("zeus.windows").counter().count()).isEqualTo(result.windows().size());
        assertThat(registry.get("zeus.configuration.changes").counter().count()).isEqualTo(1);
        assertThat(registry.get("zeus.configuration.info").gauges()).hasSize(1);
        assertThat(registry.get("zeus.configuration.info").gauge().getId().getTag("configuration"))
                .isEqualTo(SimulatedRun.SLOW.toString());
        Timer latency = registry.get("zeus.inference.latency").timer();
        assertThat(latency.count()).isEqualTo(result.inferences());
        assertThat(latency.max(TimeUnit.SECONDS)).isCloseTo(result.latencies().quantileS(1), within(1e-6));
        assertThat(registry.get("zeus.latency.slo").gauge().value()).isEqualTo(SimulatedRun.SLO_S);
    }

    /**
     * Micrometer's Prometheus naming (dots to underscores, the base unit appended, {@code _total} on counters)
     * turns every Micrometer meter into the name {@link PrometheusMetrics} exposes.
     */
    @Test
    void theMicrometerNamesBecomeThePrometheusNames() {
        MeterRegistry micrometer = new SimpleMeterRegistry();
        MicrometerMetrics metrics = new MicrometerMetrics();
        metrics.bindTo(micrometer);
        SimulatedRun.run(metrics.listener(SimulatedRun.SLO_S));
        Set<String> fromMicrometer = new TreeSet<>();
        for (Meter meter : micrometer.getMeters()) {
            if (meter.getId().getName().endsWith(".histogram")) {
                continue; // the simple registry's view of the latency buckets; Prometheus' shows them as _bucket
            }
            String name = meter.getId().getName().replace('.', '_');
            String unit = meter.getId().getBaseUnit();
            if (unit != null && !name.endsWith("_" + unit)) {
                name += "_" + unit;
            }
            if (meter.getId().getType() == Meter.Type.COUNTER) {
                name += "_total";
            }
            fromMicrometer.add(name);
        }

        PrometheusRegistry prometheus = new PrometheusRegistry();
        SimulatedRun.run(new PrometheusMetrics(prometheus).listener(SimulatedRun.SLO_S));
        Set<String> fromPrometheus = new TreeSet<>();
        for (String sample : PrometheusMetricsTest.samples(PrometheusMetricsTest.scrape(prometheus)).keySet()) {
            String name = sample.replaceAll("\\{.*", "").replaceAll("_(bucket|count|sum|created)$", "");
            fromPrometheus.add(name.toLowerCase(Locale.ROOT));
        }
        assertThat(fromMicrometer).isEqualTo(fromPrometheus);
    }
}
