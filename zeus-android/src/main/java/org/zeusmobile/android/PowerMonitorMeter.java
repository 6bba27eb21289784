package org.zeusmobile.android;

import android.os.PowerMonitor;
import android.os.PowerMonitorReadings;
import org.codehaus.mojo.animal_sniffer.IgnoreJRERequirement;
import org.zeusmobile.core.measure.EnergyMeter;
import org.zeusmobile.core.measure.MeterDescription;

/**
 * One Android 15 power monitor (an ODPM rail, or a modelled consumer) as a cumulative energy
 * counter; the monitor's µW·s become J. Each monitor is its own domain, named after it.
 */
@IgnoreJRERequirement
public final class PowerMonitorMeter implements EnergyMeter {

    /** 1 µW·s = 1 µJ. */
    static final double JOULES_PER_UWS = 1e-6;
    /**
     * The power-stats HAL refreshes ODPM accumulators on request; 100 ms is a conservative bound on how
     * stale a reading can be, not a measured figure.
     */
    static final long UPDATE_PERIOD_NS = 100_000_000L;

    private final PowerMonitorRails rails;
    private final PowerMonitor monitor;
    private final MeterDescription description;

    /** Consumer monitors are modelled by the power-stats service; measurement monitors are real rails. */
    PowerMonitorMeter(PowerMonitorRails rails, PowerMonitor monitor, String domain) {
        this.rails = rails;
        this.monitor = monitor;
        MeterDescription measured = MeterDescription.energy("power-monitor:" + monitor.getName(), domain, JOULES_PER_UWS,
                UPDATE_PERIOD_NS);
        this.description = monitor.getType() == PowerMonitor.POWER_MONITOR_TYPE_MEASUREMENT ? measured
                : measured.asEstimate();
    }

    @Override
    public MeterDescription description() {
        return description;
    }

    /** The rail's cumulative energy in J; NaN when the service reports it unavailable (the Monitor flags it). */
    @Override
    public double readJ() {
        long uws = rails.energyUws(monitor);
        if (uws == PowerMonitorReadings.ENERGY_UNAVAILABLE || uws < 0) {
            return Double.NaN;
        }
        return uws * JOULES_PER_UWS;
    }
}
