package org.zeusmobile.observe.metrics;

import java.util.Map;
import org.zeusmobile.core.control.Controller;
import org.zeusmobile.core.control.Latencies;
import org.zeusmobile.core.control.Window;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.observe.Readings;

/**
 * Turns controller runs into metrics, the same ones whichever library carries them ({@link PrometheusMetrics},
 * {@link MicrometerMetrics}); docs/cli.md lists them. Counters are labelled by device and strategy, the
 * device's state (power, knobs, temperatures) by device. One instance serves many runs, one after another or
 * at once: each run gets its own {@link #listener}. Energy is what the device's meters measured.
 */
public abstract class RunMetrics {

    /** Counter: J the meters measured, per domain. */
    protected abstract void addEnergy(String device, String strategy, String domain, double joules);

    /** Gauge: the last window's average power in W, per domain. */
    protected abstract void setPower(String device, String domain, double watts);

    /** Gauge: a frequency knob as the device reports it, Hz. */
    protected abstract void setFrequency(String device, String knob, double hertz);

    /** Gauge: a knob that is a count (batch, threads). */
    protected abstract void setKnobValue(String device, String knob, double value);

    /** Gauge: a thermal sensor, °C. */
    protected abstract void setTemperature(String device, String sensor, double celsius);

    /** Histogram: one request's latency in s, queueing and batching included. */
    protected abstract void observeLatency(String device, String strategy, double seconds);

    /** Counters: requests served, and how many of them were slower than the SLO. */
    protected abstract void addRequests(String device, String strategy, long requests, long sloViolations);

    /** Gauge: the p95 latency target in s. */
    protected abstract void setSlo(String device, String strategy, double seconds);

    /** Counter: measurement windows. */
    protected abstract void addWindow(String device, String strategy);

    /**
     * Info: the configuration (the arm) the strategy runs now, replacing {@code previous} (null at the start);
     * counter: configuration changes when {@code previous} is not null.
     */
    protected abstract void setConfiguration(String device, String strategy, String previous, String configuration);

    /** A listener for one run; {@code sloS} NaN when the run has no latency target yet. */
    public final Controller.Listener listener(double sloS) {
        return new RunListener(sloS);
    }

    private final class RunListener implements Controller.Listener {
        private final double sloS;
        private final long sloNs;
        private Device device;
        private String deviceName;
        private String strategy;
        private String configuration;

        RunListener(double sloS) {
            this.sloS = sloS;
            this.sloNs = Double.isNaN(sloS) ? Long.MAX_VALUE : Latencies.limitNs(sloS);
        }

        @Override
        public void onRunStart(Device device, String strategy) {
            this.device = device;
            this.deviceName = device.info().name();
            this.strategy = strategy;
            if (!Double.isNaN(sloS)) {
                setSlo(deviceName, strategy, sloS);
            }
            knobs();
        }

        @Override
        public void onDecision(long atNs, Configuration chosen, boolean changed, String reason) {
            if (changed) {
                String text = chosen.toString();
                setConfiguration(deviceName, strategy, configuration, text);
                configuration = text;
            }
        }

        @Override
        public void onBatch(long beginNs, long endNs, long[] latenciesNs) {
            long violations = 0;
            for (long latencyNs : latenciesNs) {
                observeLatency(deviceName, strategy, latencyNs / 1e9);
                violations += latencyNs > sloNs ? 1 : 0;
            }
            addRequests(deviceName, strategy, latenciesNs.length, violations);
        }

        @Override
        public void onWindow(Window window) {
            addWindow(deviceName, strategy);
            for (Map.Entry<String, Double> domain : Readings.energyJ(window).entrySet()) {
                addEnergy(deviceName, strategy, domain.getKey(), domain.getValue());
                setPower(deviceName, domain.getKey(), domain.getValue() / window.elapsedS());
            }
            for (Map.Entry<String, Double> sensor : window.temperaturesC().entrySet()) {
                setTemperature(deviceName, sensor.getKey(), sensor.getValue());
            }
            knobs();
        }

        @Override
        public void onRunEnd(long atNs) {
            knobs(); // as restored
        }

        private void knobs() {
            for (Map.Entry<Knob, Long> knob : Readings.knobs(device).entrySet()) {
                if (knob.getKey().unit() == Knob.Unit.HZ) {
                    setFrequency(deviceName, knob.getKey().name(), knob.getValue());
                } else {
                    setKnobValue(deviceName, knob.getKey().name(), knob.getValue());
                }
            }
        }
    }
}
