package org.zeusmobile.sim;

import java.util.List;

/**
 * The device's power components (each processor, each bus, then the base) as constant-power segments: the
 * power each draws now, and the energy each has used up to the start of the open segment. Sensors and the
 * exact counters read from here; the thermal network receives the same energy as heat.
 */
final class PowerLedger {

    final double[] powerW;
    final double[] energyJ;
    /** The thermal node each component heats. */
    final int[] node;
    final int base;
    /** The background app's marginal power on each processor now, W (see {@link PowerModel#backgroundW}). */
    final double[] backgroundW;
    double backgroundEnergyJ;
    long segmentStartNs;

    PowerLedger(SimProcessor[] processors, int buses, int baseNode, long nowNs) {
        int components = processors.length + buses + 1;
        powerW = new double[components];
        energyJ = new double[components];
        node = new int[components];
        base = components - 1;
        for (int i = 0; i < components; i++) {
            node[i] = i < processors.length ? processors[i].node : baseNode;
        }
        backgroundW = new double[processors.length];
        segmentStartNs = nowNs;
    }

    /** Closes the open segment at {@code nowNs}: its energy goes to the counters and, as heat, to the thermal network. */
    void close(long nowNs, ThermalNetwork thermal) {
        double dtS = (nowNs - segmentStartNs) * 1e-9;
        for (int i = 0; i < powerW.length; i++) {
            double e = powerW[i] * dtS;
            energyJ[i] += e;
            thermal.addHeat(node[i], e);
        }
        for (double w : backgroundW) {
            backgroundEnergyJ += w * dtS;
        }
        segmentStartNs = nowNs;
    }

    /** Energy spent outside any segment's power (a frequency switch), charged to the base component. */
    void addBaseEnergy(double joules, ThermalNetwork thermal) {
        energyJ[base] += joules;
        thermal.addHeat(node[base], joules);
    }

    /** Energy of the masked components up to {@code tNs} (at or after the open segment's start), J. */
    double energyAt(boolean[] mask, long tNs) {
        double dtS = (tNs - segmentStartNs) * 1e-9;
        double sum = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                sum += energyJ[i] + powerW[i] * dtS;
            }
        }
        return sum;
    }

    /** Power the masked components draw now, W. */
    double powerW(boolean[] mask) {
        double sum = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                sum += powerW[i];
            }
        }
        return sum;
    }

    double totalEnergyAt(long tNs) {
        double sum = 0;
        for (int i = 0; i < energyJ.length; i++) {
            sum += energyJ[i] + powerW[i] * (tNs - segmentStartNs) * 1e-9;
        }
        return sum;
    }

    double backgroundEnergyAt(long tNs) {
        double sum = backgroundEnergyJ;
        for (double w : backgroundW) {
            sum += w * (tNs - segmentStartNs) * 1e-9;
        }
        return sum;
    }

    double totalPowerW() {
        double sum = 0;
        for (double p : powerW) {
            sum += p;
        }
        return sum;
    }

    /**
     * Which components a sensor measures: processor names, {@code cpu} (every cluster), {@code gpu}, {@code mem}
     * (every bus), {@code base} or {@code *}.
     */
    boolean[] mask(List<String> components, SimProcessor[] processors) {
        boolean[] mask = new boolean[powerW.length];
        for (String c : components) {
            for (int i = 0; i < processors.length; i++) {
                SocProfile.Processor s = processors[i].spec;
                if (c.equals("*") || c.equals(s.name) || (c.equals("cpu") && s.kind == SocProfile.Kind.CPU)
                        || (c.equals("gpu") && s.kind == SocProfile.Kind.GPU)) {
                    mask[i] = true;
                }
            }
            for (int b = processors.length; b < base; b++) {
                if (c.equals("*") || c.equals("mem")) {
                    mask[b] = true;
                }
            }
            if (c.equals("*") || c.equals("base")) {
                mask[base] = true;
            }
        }
        return mask;
    }
}
