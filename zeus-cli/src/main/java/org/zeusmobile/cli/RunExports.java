package org.zeusmobile.cli;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.zeusmobile.core.control.Controller;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.strategy.Strategies;
import org.zeusmobile.lab.ProfileStore;
import org.zeusmobile.lab.RunObserver;
import org.zeusmobile.observe.jfr.JfrRunListener;
import org.zeusmobile.observe.metrics.PrometheusMetrics;
import org.zeusmobile.observe.perfetto.PerfettoRunListener;
import org.zeusmobile.observe.perfetto.PerfettoTrace;

/**
 * What a command writes beside its results: a Perfetto trace, Prometheus metrics served while it runs, JFR
 * events (always: free without a recording), and the windows of the strategy under test written back to the
 * profile store. Outputs are opened before the run, so one that cannot be written fails at once; one that fails
 * later never loses the results: its problem is reported after them ({@link #finish}).
 */
final class RunExports implements AutoCloseable {

    private final Path tracePath;
    private final PerfettoTrace trace;
    private final HTTPServer server;
    private final PrometheusMetrics metrics;
    private final List<PerfettoRunListener> traced = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private ProfileStore recordTo;
    private String modelHash;
    private String traffic;
    private int inputSize;
    private boolean closed;

    private RunExports(Path tracePath, PerfettoTrace trace, HTTPServer server, PrometheusMetrics metrics) {
        this.tracePath = tracePath;
        this.trace = trace;
        this.server = server;
        this.metrics = metrics;
    }

    /** Opens the trace file and starts the metrics server (when asked for); {@code metrics} may be null. */
    static RunExports open(PerfettoOption perfetto, MetricsOptions metrics, PrintWriter err) {
        PerfettoTrace trace = null;
        HTTPServer server = null;
        PrometheusMetrics prometheus = null;
        try {
            if (perfetto != null && perfetto.file != null) {
                trace = PerfettoTrace.create(perfetto.file);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("--perfetto " + perfetto.file + " cannot be written: " + e.getMessage());
        }
        if (metrics != null && metrics.port != null) {
            if (metrics.port < 0 || metrics.port > 65535) {
                throw new IllegalArgumentException("--metrics-port must be 0 to 65535, got " + metrics.port);
            }
            prometheus = new PrometheusMetrics(new PrometheusRegistry());
            try {
                server = prometheus.serve(metrics.host, metrics.port);
            } catch (IOException | UncheckedIOException e) {
                closeQuietly(trace);
                throw new IllegalArgumentException("cannot serve metrics on " + metrics.host + ":" + metrics.port + ": "
                        + e.getMessage() + "; pick a free port (0: any)");
            }
            err.printf("Serving Prometheus metrics at http://%s:%d/metrics while the run lasts%n", metrics.host,
                    server.getPort());
            err.flush();
        }
        return new RunExports(perfetto == null ? null : perfetto.file, trace, server, prometheus);
    }

    /** Writes the windows of every strategy but the baselines back to {@code store} as this device's own. */
    RunExports recordTo(ProfileStore store, String modelHash, String traffic, int inputSize) {
        this.recordTo = store;
        this.modelHash = modelHash;
        this.traffic = traffic;
        this.inputSize = inputSize;
        return this;
    }

    /** The listeners each run gets. */
    RunObserver observer() {
        return (strategy, seed, sloS) -> {
            List<Controller.Listener> listeners = new ArrayList<>();
            listeners.add(new JfrRunListener());
            if (metrics != null) {
                listeners.add(metrics.listener(sloS));
            }
            if (trace != null) {
                PerfettoRunListener listener = new PerfettoRunListener(trace, strategy + ", seed " + seed, sloS);
                traced.add(listener);
                listeners.add(listener);
            }
            if (recordTo != null && !strategy.equals(Strategies.DEFAULT)) {
                listeners.add(filtered(recordTo.recorder(modelHash, traffic, inputSize)));
            }
            return Controller.Listener.all(listeners.toArray(new Controller.Listener[0]));
        };
    }

    /** Only windows at configurations that set a clock: the baselines' (governors, batch alone) are no profile's. */
    private static Controller.Listener filtered(final Controller.Listener recorder) {
        return new Controller.Listener() {
            @Override
            public void onRunStart(org.zeusmobile.core.device.Device device, String strategy) {
                recorder.onRunStart(device, strategy);
            }

            @Override
            public void onWindow(org.zeusmobile.core.control.Window window) {
                if (setsAClock(window.configuration())) {
                    recorder.onWindow(window);
                }
            }

            @Override
            public void onRunEnd(long atNs) {
                recorder.onRunEnd(atNs);
            }
        };
    }

    static boolean setsAClock(Configuration configuration) {
        for (String knob : configuration.knobs()) {
            if (!knob.equals(Knob.BATCH) && !knob.equals(Knob.THREADS)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Closes the outputs, then prints each side output's problem on {@code err} (after the results); returns
     * whether there was one.
     */
    boolean finish(PrintWriter err) {
        close();
        for (PerfettoRunListener listener : traced) {
            if (listener.failure() != null) {
                problems.add("the Perfetto trace " + tracePath + " is incomplete: " + listener.failure().getMessage());
                break;
            }
        }
        if (recordTo != null) {
            problems.addAll(recordTo.problems());
        }
        for (String problem : problems) {
            err.println("zeus-mobile: warning: " + problem);
        }
        err.flush();
        return !problems.isEmpty();
    }

    /** Closes the trace (its last packets written) and stops the metrics server. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (server != null) {
            server.close();
        }
        if (trace != null) {
            try {
                trace.close();
            } catch (IOException e) {
                problems.add("the Perfetto trace " + tracePath + " could not be finished: " + e.getMessage());
            }
        }
    }

    private static void closeQuietly(PerfettoTrace trace) {
        if (trace != null) {
            try {
                trace.close();
            } catch (IOException ignored) {
                // Failing to open the server is the error to report.
            }
        }
    }
}
