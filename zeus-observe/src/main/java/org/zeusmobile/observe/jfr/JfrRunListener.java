package org.zeusmobile.observe.jfr;

import org.zeusmobile.core.control.Controller;
import org.zeusmobile.core.control.Window;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Device;

/**
 * Each measurement window ({@code org.zeusmobile.Window}) and each configuration change
 * ({@code org.zeusmobile.ConfigurationChange}) of a run as a JDK Flight Recorder event, so that a recording of
 * an app ({@code -XX:StartFlightRecording}, then {@code jfr print --events org.zeusmobile.Window}) shows what
 * the optimiser did beside the app's own events. Costs next to nothing while no recording is on.
 */
public final class JfrRunListener implements Controller.Listener {

    private String device;
    private String strategy;
    private String applied = "";
    private WindowEvent window;

    @Override
    public void onRunStart(Device device, String strategy) {
        this.device = device.info().name();
        this.strategy = strategy;
    }

    @Override
    public void onDecision(long atNs, Configuration configuration, boolean changed, String reason) {
        String to = configuration.toString();
        if (changed) {
            ConfigurationChangeEvent event = new ConfigurationChangeEvent();
            if (event.isEnabled()) {
                event.device = device;
                event.strategy = strategy;
                event.from = applied;
                event.to = to;
                event.reason = reason;
                event.deviceTime = atNs;
                event.commit();
            }
            applied = to;
        }
        window = new WindowEvent();
        window.begin();
    }

    @Override
    public void onWindow(Window w) {
        WindowEvent event = window == null ? new WindowEvent() : window;
        window = null;
        event.end();
        if (!event.shouldCommit()) {
            return;
        }
        event.device = device;
        event.strategy = strategy;
        event.index = w.index();
        event.configuration = w.configuration().toString();
        event.inferences = w.inferences();
        event.energyJ = w.measuredEnergyJ();
        event.energyPerInferenceJ = w.inferences() == 0 ? Double.NaN : w.measuredEnergyJ() / w.inferences();
        event.latencyP95 = Double.isNaN(w.latencyP95S()) ? Long.MIN_VALUE : Math.round(w.latencyP95S() * 1e9);
        event.temperatureC = w.temperatureC();
        event.deviceTime = w.endNs();
        event.commit();
    }
}
