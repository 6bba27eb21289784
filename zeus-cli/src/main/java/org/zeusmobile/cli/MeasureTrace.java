package org.zeusmobile.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.observe.perfetto.DeviceTraceSampler;
import org.zeusmobile.observe.perfetto.PerfettoTrace;

/**
 * {@code measure --perfetto FILE}: the file is created before the command starts (an unwritable one is bad
 * input, exit 2), the device is sampled while it runs, and a write that fails later is a warning after the
 * results. Without a file everything here does nothing.
 */
final class MeasureTrace {

    private final Path file;
    private final PerfettoTrace trace;
    private DeviceTraceSampler sampler;

    private MeasureTrace(Path file, PerfettoTrace trace) {
        this.file = file;
        this.trace = trace;
    }

    static MeasureTrace open(Path file) {
        if (file == null) {
            return new MeasureTrace(null, null);
        }
        try {
            return new MeasureTrace(file, PerfettoTrace.create(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("--perfetto " + file + " cannot be written: " + e.getMessage());
        }
    }

    /** Starts sampling {@code device}; the command's span is called {@code name}. */
    void start(Device device, String name) {
        if (trace != null) {
            sampler = DeviceTraceSampler.start(trace, device, name);
        }
    }

    /** Stops sampling and closes the file; prints a warning on {@code err} and returns true when the trace failed. */
    boolean finish(PrintWriter err) {
        if (trace == null) {
            return false;
        }
        String problem = null;
        if (sampler != null) {
            sampler.close();
            problem = sampler.failure() == null ? null : sampler.failure().getMessage();
        }
        try {
            trace.close();
        } catch (IOException e) {
            problem = e.getMessage();
        }
        if (problem != null) {
            err.println("zeus-mobile: warning: the Perfetto trace " + file + " is incomplete: " + problem);
            err.flush();
        }
        return problem != null;
    }
}
