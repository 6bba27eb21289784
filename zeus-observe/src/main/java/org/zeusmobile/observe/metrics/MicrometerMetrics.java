package org.zeusmobile.observe.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The run metrics through Micrometer, for a JVM app that embeds the library and has its own registry (a
 * Spring Boot app picks up a {@link MeterBinder} bean by itself). Names are Micrometer's dotted ones with the
 * base unit set, so that Micrometer's Prometheus registry shows exactly {@link PrometheusMetrics}' names
 * ({@code zeus.energy} in joules becomes {@code zeus_energy_joules_total}). Counts start when bound.
 */
public final class MicrometerMetrics extends RunMetrics implements MeterBinder {

    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    /** Each gauge's value, by name and tags; registries hold gauges weakly, so this map keeps them. */
    private final Map<String, Value> gauges = new ConcurrentHashMap<>();

    /** A gauge's current value, read by the registries' threads. */
    private static final class Value {
        volatile double value;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        registries.add(registry);
    }

    @Override
    protected void addEnergy(String device, String strategy, String domain, double joules) {
        for (MeterRegistry registry : registries) {
            Counter.builder("zeus.energy").baseUnit("joules")
                    .description("Energy the device's meters measured during inference runs, per meter domain")
                    .tags("device", device, "strategy", strategy, "domain", domain).register(registry).increment(joules);
        }
    }

    @Override
    protected void setPower(String device, String domain, double watts) {
        gauge("zeus.power", "watts", "Average power over the last measurement window, per meter domain",
                Tags.of("device", device, "domain", domain), watts);
    }

    @Override
    protected void setFrequency(String device, String knob, double hertz) {
        gauge("zeus.knob.frequency", "hertz", "A frequency knob as the device reports it",
                Tags.of("device", device, "knob", knob), hertz);
    }

    @Override
    protected void setKnobValue(String device, String knob, double value) {
        gauge("zeus.knob.value", null, "A knob that is a count: batch size, threads",
                Tags.of("device", device, "knob", knob), value);
    }

    @Override
    protected void setTemperature(String device, String sensor, double celsius) {
        gauge("zeus.temperature", "celsius", "A thermal sensor at the end of the last measurement window",
                Tags.of("device", device, "sensor", sensor), celsius);
    }

    @Override
    protected void observeLatency(String device, String strategy, double seconds) {
        for (MeterRegistry registry : registries) {
            Timer.builder("zeus.inference.latency")
                    .description("Request latency from arrival to the end of its batch (queueing and batching included)")
                    .serviceLevelObjectives(bucketDurations()).tags("device", device, "strategy", strategy)
                    .register(registry).record(Duration.ofNanos(Math.round(seconds * 1e9)));
        }
    }

    private static Duration[] bucketDurations() {
        Duration[] buckets = new Duration[PrometheusMetrics.LATENCY_BUCKETS_S.length];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = Duration.ofNanos(Math.round(PrometheusMetrics.LATENCY_BUCKETS_S[i] * 1e9));
        }
        return buckets;
    }

    @Override
    protected void addRequests(String device, String strategy, long requests, long violations) {
        for (MeterRegistry registry : registries) {
            Counter.builder("zeus.inferences").description("Requests served")
                    .tags("device", device, "strategy", strategy).register(registry).increment(requests);
            Counter.builder("zeus.slo.violations").description("Requests slower than the p95 latency target")
                    .tags("device", device, "strategy", strategy).register(registry).increment(violations);
        }
    }

    @Override
    protected void setSlo(String device, String strategy, double seconds) {
        gauge("zeus.latency.slo", "seconds", "The p95 latency target (SLO)",
                Tags.of("device", device, "strategy", strategy), seconds);
    }

    @Override
    protected void addWindow(String device, String strategy) {
        for (MeterRegistry registry : registries) {
            Counter.builder("zeus.windows").description("Measurement windows ended")
                    .tags("device", device, "strategy", strategy).register(registry).increment();
        }
    }

    @Override
    protected void setConfiguration(String device, String strategy, String previous, String now) {
        Tags run = Tags.of("device", device, "strategy", strategy);
        if (previous != null) {
            for (MeterRegistry registry : registries) {
                registry.find("zeus.configuration.info").tags(run.and("configuration", previous)).meters()
                        .forEach(registry::remove);
                Counter.builder("zeus.configuration.changes")
                        .description("Times the strategy moved to another configuration").tags(run).register(registry)
                        .increment();
            }
            gauges.remove(key("zeus.configuration.info", run.and("configuration", previous)));
        }
        gauge("zeus.configuration.info", null, "The configuration (arm) the strategy runs now",
                run.and("configuration", now), 1);
    }

    private void gauge(String name, String baseUnit, String description, Tags tags, double value) {
        Value holder = gauges.computeIfAbsent(key(name, tags), k -> new Value());
        holder.value = value;
        for (MeterRegistry registry : registries) {
            Gauge.builder(name, holder, h -> h.value).baseUnit(baseUnit).description(description).tags(tags)
                    .register(registry);
        }
    }

    private static String key(String name, Tags tags) {
        return name + tags;
    }
}
