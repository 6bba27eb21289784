package org.zeusmobile.android;

import android.content.Context;
import android.content.Intent;
import android.os.Build;
import android.os.PowerMonitor;
import android.os.health.SystemHealthManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.codehaus.mojo.animal_sniffer.IgnoreJRERequirement;
import org.zeusmobile.core.Clock;
import org.zeusmobile.core.device.DeviceException;
import org.zeusmobile.core.measure.EnergyMeter;
import org.zeusmobile.core.measure.PowerMeter;

/**
 * The meters this Android device offers an unprivileged app, chosen by what is available, with the
 * reason for every choice so that a developer can see why a device measures the way it does.
 *
 * <ul>
 *   <li>Battery: {@code ENERGY_COUNTER} (nWh) where the gauge reports it, otherwise {@code CURRENT_NOW}
 *       (µA) times the sticky broadcast's voltage (mV) with the sign learned from discharge.</li>
 *   <li>API 35+: every {@code SystemHealthManager} power monitor of type MEASUREMENT (an ODPM rail)
 *       becomes a domain of its own. The modelled CONSUMER monitors overlap the rails and are left out.</li>
 * </ul>
 * The energy the optimizer minimises ({@link #costDomains()}) is the sum of the rails where there are
 * rails (finer and faster than the fuel gauge), otherwise the battery.
 */
public final class MeterSelection {

    private final List<EnergyMeter> energyMeters;
    private final List<PowerMeter> powerMeters;
    private final List<String> costDomains;
    private final List<String> reasons;

    MeterSelection(List<EnergyMeter> energyMeters, List<PowerMeter> powerMeters, List<String> costDomains,
            List<String> reasons) {
        this.energyMeters = Collections.unmodifiableList(new ArrayList<>(energyMeters));
        this.powerMeters = Collections.unmodifiableList(new ArrayList<>(powerMeters));
        this.costDomains = Collections.unmodifiableList(new ArrayList<>(costDomains));
        this.reasons = Collections.unmodifiableList(new ArrayList<>(reasons));
    }

    /** Probes the device and picks its meters. Makes binder calls: call it off the UI thread. */
    public static MeterSelection select(Context context, Clock clock) {
        List<EnergyMeter> energy = new ArrayList<>();
        List<PowerMeter> power = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        List<String> railDomains = new ArrayList<>();
        if (Build.VERSION.SDK_INT >= 35) {
            railDomains = selectRails(context, clock, energy, reasons);
        } else {
            reasons.add("power monitors: not used, SystemHealthManager power monitors need API 35, this device runs API "
                    + Build.VERSION.SDK_INT);
        }
        String battery = selectBattery(new BatteryState(context), energy, power, reasons);
        List<String> cost = new ArrayList<>();
        if (!railDomains.isEmpty()) {
            cost.addAll(railDomains);
            reasons.add("cost: the sum of the " + railDomains.size() + " rails" + (battery == null ? "" : "; battery reported beside it"));
        } else if (battery != null) {
            cost.add(battery);
            reasons.add("cost: the battery");
        } else {
            throw new DeviceException("this device reports neither a battery energy counter, a battery current nor power "
                    + "monitors, so no energy can be measured: " + String.join("; ", reasons));
        }
        return new MeterSelection(energy, power, cost, reasons);
    }

    private static String selectBattery(BatteryState battery, List<EnergyMeter> energy, List<PowerMeter> power,
            List<String> reasons) {
        long counterNwh = battery.energyCounterNwh();
        if (counterNwh != Long.MIN_VALUE && counterNwh > 0) {
            energy.add(new BatteryEnergyMeter(battery));
            reasons.add("battery: BATTERY_PROPERTY_ENERGY_COUNTER reads " + counterNwh + " nWh, used as an energy counter");
            return "battery";
        }
        String counterWhy = counterNwh == Long.MIN_VALUE
                ? "BATTERY_PROPERTY_ENERGY_COUNTER is unsupported (Long.MIN_VALUE)"
                : "BATTERY_PROPERTY_ENERGY_COUNTER reads " + counterNwh + " nWh, not a plausible remaining energy";
        int currentUa = battery.currentNowUa();
        if (currentUa == Integer.MIN_VALUE || (currentUa == 0 && Build.VERSION.SDK_INT < 28)) {
            reasons.add("battery: not used, " + counterWhy + " and BATTERY_PROPERTY_CURRENT_NOW is unsupported ("
                    + (currentUa == 0 ? "0 before API 28" : "Integer.MIN_VALUE") + ")");
            return null;
        }
        Intent sticky = battery.sticky();
        int voltageMv = BatteryState.voltageMv(sticky);
        if (voltageMv <= 0) {
            reasons.add("battery: not used, " + counterWhy + " and the ACTION_BATTERY_CHANGED broadcast has no voltage "
                    + "to multiply CURRENT_NOW by");
            return null;
        }
        power.add(new BatteryPowerMeter(battery));
        reasons.add("battery: " + counterWhy + "; using CURRENT_NOW (" + currentUa + " µA) x EXTRA_VOLTAGE (" + voltageMv
                + " mV), sign learned from discharge" + (BatteryState.unplugged(sticky) ? "" : " (a charger is plugged in now)"));
        return "battery";
    }

    @IgnoreJRERequirement
    private static List<String> selectRails(Context context, Clock clock, List<EnergyMeter> energy, List<String> reasons) {
        SystemHealthManager manager = context.getSystemService(SystemHealthManager.class);
        List<String> domains = new ArrayList<>();
        if (manager == null) {
            reasons.add("power monitors: not used, no SystemHealthManager service");
            return domains;
        }
        List<PowerMonitor> rails = new ArrayList<>();
        int consumers = 0;
        for (PowerMonitor monitor : PowerMonitorRails.supported(manager)) {
            if (monitor.getType() == PowerMonitor.POWER_MONITOR_TYPE_MEASUREMENT) {
                rails.add(monitor);
            } else {
                consumers++;
            }
        }
        if (rails.isEmpty()) {
            reasons.add("power monitors: not used, the device supports no measured rail (" + consumers
                    + " modelled consumers only)");
            return domains;
        }
        PowerMonitorRails shared = new PowerMonitorRails(manager, rails, clock);
        Set<String> taken = new HashSet<>();
        taken.add("battery");
        for (PowerMonitor rail : rails) {
            String domain = domainFor(rail.getName(), taken);
            energy.add(new PowerMonitorMeter(shared, rail, domain));
            domains.add(domain);
        }
        reasons.add("power monitors: " + rails.size() + " measured rails " + domains
                + (consumers > 0 ? ", " + consumers + " modelled consumers left out (they overlap the rails)" : ""));
        return domains;
    }

    /** A lower-case domain name from a rail name ({@code S4M_VDD_CPUCL0} becomes {@code s4m_vdd_cpucl0}), unique. */
    static String domainFor(String railName, Set<String> taken) {
        String base = railName == null ? "" : railName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.\\-]+", "_");
        if (base.isEmpty()) {
            base = "rail";
        }
        String domain = base;
        for (int i = 2; !taken.add(domain); i++) {
            domain = base + "-" + i;
        }
        return domain;
    }

    public List<EnergyMeter> energyMeters() {
        return energyMeters;
    }

    public List<PowerMeter> powerMeters() {
        return powerMeters;
    }

    /** The domains whose energy, summed, is the energy per inference the optimizer minimises. */
    public List<String> costDomains() {
        return costDomains;
    }

    /** Why each meter was chosen or left out, one line per source. */
    public List<String> reasons() {
        return reasons;
    }

    @Override
    public String toString() {
        return String.join("\n", reasons);
    }
}
