package org.zeusmobile.observe.perfetto;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.zeusmobile.core.control.Controller;
import org.zeusmobile.core.control.Window;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.observe.Readings;

/**
 * Writes one controller run into a {@link PerfettoTrace}, under a group track named after the run: counter
 * tracks for each meter domain's energy (J, cumulative as measured) and power (W, each window's average, held
 * over the window), each knob as the device reports it (Hz, or a count), each thermal sensor (°C), the request
 * latency (ms, the slowest request of each batch) and the SLO (ms); slices for measurement windows and
 * batches; instant events for each decision of the strategy and each configuration change, with the reason.
 * Timestamps are the run's device time from its start, so several runs written to one trace line up.
 *
 * <p>A trace that cannot be written never stops the run: the first failure is kept ({@link #failure()}) and
 * nothing more is written.
 */
public final class PerfettoRunListener implements Controller.Listener {

    private final PerfettoTrace trace;
    private final String runName;
    private final double sloS;
    private RuntimeException failure;

    private Device device;
    private long decisions;
    private long windows;
    private long batches;
    private long latency;
    private final Map<String, Long> energyTracks = new HashMap<>();
    private final Map<String, Long> powerTracks = new HashMap<>();
    private final Map<String, Double> cumulativeJ = new HashMap<>();
    private final Map<String, Long> knobTracks = new HashMap<>();
    private final Map<String, Long> temperatureTracks = new HashMap<>();
    private long group;

    /**
     * @param runName the run's group track, e.g. {@code "hybrid, seed 1"}; the device's name is added
     * @param sloS the p95 latency target in s drawn as a counter, NaN when there is none yet
     */
    public PerfettoRunListener(PerfettoTrace trace, String runName, double sloS) {
        this.trace = trace;
        this.runName = runName;
        this.sloS = sloS;
    }

    /** The first write that failed, or null when the trace holds the whole run. */
    public RuntimeException failure() {
        return failure;
    }

    @Override
    public void onRunStart(Device device, String strategy) {
        this.device = device;
        guarded(() -> {
            group = trace.group(0, runName + " on " + device.info().name());
            decisions = trace.eventTrack(group, "decisions");
            windows = trace.eventTrack(group, "measurement windows");
            batches = trace.eventTrack(group, "batches");
            latency = trace.counterTrack(group, "request latency (slowest of batch)", "ms");
            if (!Double.isNaN(sloS)) {
                trace.counter(trace.counterTrack(group, "SLO (p95 latency target)", "ms"), 0, sloS * 1e3);
            }
            knobs(0);
        });
    }

    @Override
    public void onDecision(long atNs, Configuration configuration, boolean changed, String reason) {
        guarded(() -> {
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("configuration", configuration.toString());
            args.put("reason", reason);
            trace.instant(decisions, atNs, changed ? "configuration change" : "decision", args);
        });
    }

    @Override
    public void onBatch(long beginNs, long endNs, long[] latenciesNs) {
        guarded(() -> {
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("requests", latenciesNs.length);
            trace.slice(batches, beginNs, endNs, "batch of " + latenciesNs.length, args);
            long slowest = 0;
            for (long l : latenciesNs) {
                slowest = Math.max(slowest, l);
            }
            trace.counter(latency, endNs, slowest / 1e6);
        });
    }

    @Override
    public void onWindow(Window window) {
        guarded(() -> {
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("configuration", window.configuration().toString());
            args.put("inferences", window.inferences());
            args.put("measured_energy_j", window.measuredEnergyJ());
            args.put("latency_p95_ms", window.latencyP95S() * 1e3);
            trace.slice(windows, window.beginNs(), window.endNs(), "window " + window.index(), args);
            for (Map.Entry<String, Double> domain : Readings.energyJ(window).entrySet()) {
                String name = domain.getKey();
                double total = cumulativeJ.merge(name, domain.getValue(), Double::sum);
                trace.counter(track(energyTracks, "energy " + name, "J"), window.endNs(), total);
                // The window's average power holds from its start: a step per window.
                trace.counter(track(powerTracks, "power " + name, "W"), window.beginNs(),
                        domain.getValue() / window.elapsedS());
            }
            for (Map.Entry<String, Double> sensor : window.temperaturesC().entrySet()) {
                trace.counter(track(temperatureTracks, "temperature " + sensor.getKey(), "°C"), window.endNs(),
                        sensor.getValue());
            }
            knobs(window.endNs());
        });
    }

    @Override
    public void onRunEnd(long atNs) {
        guarded(() -> {
            trace.instant(decisions, atNs, "run ended, device restored", null);
            knobs(atNs);
        });
    }

    private void knobs(long atNs) {
        for (Map.Entry<Knob, Long> knob : Readings.knobs(device).entrySet()) {
            String unit = knob.getKey().unit() == Knob.Unit.HZ ? "Hz" : "";
            trace.counter(track(knobTracks, knob.getKey().name(), unit), atNs, knob.getValue());
        }
    }

    private long track(Map<String, Long> tracks, String name, String unit) {
        Long uuid = tracks.get(name);
        if (uuid == null) {
            uuid = trace.counterTrack(group, name, unit);
            tracks.put(name, uuid);
        }
        return uuid;
    }

    private void guarded(Runnable write) {
        if (failure != null) {
            return;
        }
        try {
            write.run();
        } catch (RuntimeException e) {
            failure = e;
        }
    }
}
