package org.zeusmobile.observe.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.IOException;

/**
 * The run metrics in a Prometheus registry (client_java 1.x), named after Prometheus' conventions: base units
 * as suffixes, {@code _total} on counters. {@link #serve} exposes them at {@code /metrics}.
 */
public final class PrometheusMetrics extends RunMetrics {

    /** Request latency buckets in s: 1 ms (a small model on a GPU) to 10 s (a queue far behind). */
    static final double[] LATENCY_BUCKETS_S = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final Counter energy;
    private final Gauge power;
    private final Gauge frequency;
    private final Gauge knobValue;
    private final Gauge temperature;
    private final Histogram latency;
    private final Counter inferences;
    private final Counter sloViolations;
    private final Gauge slo;
    private final Counter windows;
    private final Counter changes;
    private final Info configuration;
    private final PrometheusRegistry registry;

    /** Registers the metrics in {@code registry} (e.g. {@link PrometheusRegistry#defaultRegistry}). */
    public PrometheusMetrics(PrometheusRegistry registry) {
        this.registry = registry;
        energy = Counter.builder().name("zeus_energy_joules").unit(Unit.JOULES)
                .help("Energy the device's meters measured during inference runs, per meter domain")
                .labelNames("device", "strategy", "domain").register(registry);
        power = Gauge.builder().name("zeus_power_watts").unit(new Unit("watts"))
                .help("Average power over the last measurement window, per meter domain")
                .labelNames("device", "domain").register(registry);
        frequency = Gauge.builder().name("zeus_knob_frequency_hertz").unit(new Unit("hertz"))
                .help("A frequency knob as the device reports it (a thermal cap may hold it below the pinned value)")
                .labelNames("device", "knob").register(registry);
        knobValue = Gauge.builder().name("zeus_knob_value")
                .help("A knob that is a count: batch size, threads").labelNames("device", "knob").register(registry);
        temperature = Gauge.builder().name("zeus_temperature_celsius").unit(Unit.CELSIUS)
                .help("A thermal sensor at the end of the last measurement window")
                .labelNames("device", "sensor").register(registry);
        latency = Histogram.builder().name("zeus_inference_latency_seconds").unit(Unit.SECONDS)
                .help("Request latency from arrival to the end of its batch (queueing and batching included)")
                .classicOnly().classicUpperBounds(LATENCY_BUCKETS_S).labelNames("device", "strategy")
                .register(registry);
        inferences = Counter.builder().name("zeus_inferences").help("Requests served")
                .labelNames("device", "strategy").register(registry);
        sloViolations = Counter.builder().name("zeus_slo_violations")
                .help("Requests slower than the p95 latency target").labelNames("device", "strategy")
                .register(registry);
        slo = Gauge.builder().name("zeus_latency_slo_seconds").unit(Unit.SECONDS)
                .help("The p95 latency target (SLO)").labelNames("device", "strategy").register(registry);
        windows = Counter.builder().name("zeus_windows").help("Measurement windows ended")
                .labelNames("device", "strategy").register(registry);
        changes = Counter.builder().name("zeus_configuration_changes")
                .help("Times the strategy moved to another configuration").labelNames("device", "strategy")
                .register(registry);
        configuration = Info.builder().name("zeus_configuration_info")
                .help("The configuration (arm) the strategy runs now").labelNames("device", "strategy", "configuration")
                .register(registry);
    }

    /**
     * Serves {@code /metrics} on {@code port} of {@code host} (port 0: any free one; see
     * {@link HTTPServer#getPort()}). Close the server when done.
     */
    public HTTPServer serve(String host, int port) throws IOException {
        return HTTPServer.builder().hostname(host).port(port).registry(registry).buildAndStart();
    }

    @Override
    protected void addEnergy(String device, String strategy, String domain, double joules) {
        energy.labelValues(device, strategy, domain).inc(joules);
    }

    @Override
    protected void setPower(String device, String domain, double watts) {
        power.labelValues(device, domain).set(watts);
    }

    @Override
    protected void setFrequency(String device, String knob, double hertz) {
        frequency.labelValues(device, knob).set(hertz);
    }

    @Override
    protected void setKnobValue(String device, String knob, double value) {
        knobValue.labelValues(device, knob).set(value);
    }

    @Override
    protected void setTemperature(String device, String sensor, double celsius) {
        temperature.labelValues(device, sensor).set(celsius);
    }

    @Override
    protected void observeLatency(String device, String strategy, double seconds) {
        latency.labelValues(device, strategy).observe(seconds);
    }

    @Override
    protected void addRequests(String device, String strategy, long requests, long violations) {
        inferences.labelValues(device, strategy).inc(requests);
        sloViolations.labelValues(device, strategy).inc(violations);
    }

    @Override
    protected void setSlo(String device, String strategy, double seconds) {
        slo.labelValues(device, strategy).set(seconds);
    }

    @Override
    protected void addWindow(String device, String strategy) {
        windows.labelValues(device, strategy).inc();
    }

    @Override
    protected void setConfiguration(String device, String strategy, String previous, String now) {
        if (previous != null) {
            configuration.remove(device, strategy, previous);
            changes.labelValues(device, strategy).inc();
        }
        configuration.addLabelValues(device, strategy, now);
    }
}
