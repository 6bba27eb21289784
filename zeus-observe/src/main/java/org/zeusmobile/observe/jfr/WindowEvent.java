package org.zeusmobile.observe.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

/** One measurement window of a controller run; its JFR duration is the window's wall time on this JVM. */
@Name("org.zeusmobile.Window")
@Label("Measurement Window")
@Category({"Zeus Mobile", "Optimiser"})
@Description("What one measurement window ran and what it cost, as the device's meters measured it")
final class WindowEvent extends Event {

    @Label("Device")
    String device;

    @Label("Strategy")
    String strategy;

    @Label("Window")
    int index;

    @Label("Configuration")
    @Description("Knob values, frequencies in Hz")
    String configuration;

    @Label("Inferences")
    int inferences;

    @Label("Energy (J)")
    @Description("Energy the device's meters measured over the window, NaN when they gave no valid reading")
    double energyJ;

    @Label("Energy per Inference (J)")
    double energyPerInferenceJ;

    @Label("Latency p95")
    @Description("N/A when no request completed in the window")
    @Timespan(Timespan.NANOSECONDS)
    long latencyP95;

    @Label("Temperature (°C)")
    @Description("The hottest thermal sensor at the end of the window, NaN without sensors")
    double temperatureC;

    @Label("Device Time")
    @Description("The window's end on the device clock, from the run's start (simulated time on a simulator)")
    @Timespan(Timespan.NANOSECONDS)
    long deviceTime;
}
