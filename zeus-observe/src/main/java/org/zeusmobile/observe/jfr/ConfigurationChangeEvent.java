package org.zeusmobile.observe.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

/** The strategy moved the device to another configuration, and why. */
@Name("org.zeusmobile.ConfigurationChange")
@Label("Configuration Change")
@Category({"Zeus Mobile", "Optimiser"})
@Description("The optimiser applied another configuration (knob values, frequencies in Hz)")
final class ConfigurationChangeEvent extends Event {

    @Label("Device")
    String device;

    @Label("Strategy")
    String strategy;

    @Label("From")
    @Description("The configuration before, empty at the start of a run")
    String from;

    @Label("To")
    String to;

    @Label("Reason")
    String reason;

    @Label("Device Time")
    @Description("When, on the device clock from the run's start (simulated time on a simulator)")
    @Timespan(Timespan.NANOSECONDS)
    long deviceTime;
}
