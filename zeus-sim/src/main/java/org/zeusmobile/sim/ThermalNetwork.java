package org.zeusmobile.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.zeusmobile.core.device.ThermalSensor;

/**
 * The lumped thermal RC network of a profile: each node has a heat capacity and a thermal resistance to
 * its parent (another node or ambient). Heat from the power components collects between steps; each step
 * integrates the network over that heat (explicit Euler, sub-stepped well below the fastest time
 * constant) and then applies the firmware trip points, which cap processor frequencies with hysteresis.
 */
final class ThermalNetwork {

    /** How often the network is integrated and the trips are evaluated, ns. */
    static final long STEP_NS = 10_000_000L;

    private final SocProfile profile;
    private final SocProfile.ThermalNode[] nodes;
    private final int[] parent;
    private final double[] temperatureC;
    private final double[] heatJ;
    private final boolean[] tripActive;
    private final int[] tripNode;
    private final int[] tripProcessor;
    private final int[] tripCapIndex;
    private final double fastestTimeConstantS;
    private final double[] powerW;
    private final double[] flow;
    private long heatSinceNs;

    ThermalNetwork(SocProfile profile, List<SocProfile.Processor> processors, long nowNs) {
        this.profile = profile;
        nodes = profile.thermalNodes.toArray(new SocProfile.ThermalNode[0]);
        parent = new int[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            parent[i] = nodeIndex(nodes[i].to);
        }
        temperatureC = new double[nodes.length];
        Arrays.fill(temperatureC, profile.ambientC);
        heatJ = new double[nodes.length];
        tripActive = new boolean[profile.trips.size()];
        tripNode = new int[tripActive.length];
        tripProcessor = new int[tripActive.length];
        tripCapIndex = new int[tripActive.length];
        for (int t = 0; t < tripActive.length; t++) {
            SocProfile.Trip trip = profile.trips.get(t);
            tripNode[t] = nodeIndex(trip.node);
            for (int p = 0; p < processors.size(); p++) {
                if (processors.get(p).name.equals(trip.processor)) {
                    tripProcessor[t] = p;
                    tripCapIndex[t] = Arrays.binarySearch(processors.get(p).freqHz, trip.maxFreqHz);
                }
            }
        }
        double fastest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < nodes.length; i++) {
            fastest = Math.min(fastest, nodes[i].resistanceKPerW * nodes[i].capacitanceJPerK);
            if (parent[i] >= 0) {
                fastest = Math.min(fastest, nodes[i].resistanceKPerW * nodes[parent[i]].capacitanceJPerK);
            }
        }
        fastestTimeConstantS = fastest;
        powerW = new double[nodes.length];
        flow = new double[nodes.length];
        heatSinceNs = nowNs;
    }

    /** The index of thermal node {@code name}; -1 for ambient. */
    int nodeIndex(String name) {
        if (name.equals("ambient")) {
            return -1;
        }
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i].name.equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("profile " + profile.name + " has no thermal node " + name);
    }

    double temperatureC(int node) {
        return temperatureC[node];
    }

    double hottestC() {
        double max = Double.NEGATIVE_INFINITY;
        for (double t : temperatureC) {
            max = Math.max(max, t);
        }
        return max;
    }

    /** Heat {@code joules} dissipated into node {@code node} since the last step. */
    void addHeat(int node, double joules) {
        heatJ[node] += joules;
    }

    boolean throttled() {
        for (boolean active : tripActive) {
            if (active) {
                return true;
            }
        }
        return false;
    }

    /** The lowest trip point that caps a frequency, °C (infinity when the profile has none). */
    double throttleTemperatureC() {
        double min = Double.POSITIVE_INFINITY;
        for (SocProfile.Trip trip : profile.trips) {
            min = Math.min(min, trip.temperatureC);
        }
        return min;
    }

    /** Integrates the heat collected since the last step, then sets each processor's thermal cap. */
    void step(long nowNs, SimProcessor[] processors) {
        double dtS = (nowNs - heatSinceNs) * 1e-9;
        heatSinceNs = nowNs;
        if (dtS <= 0) {
            return;
        }
        double[] powerW = this.powerW;
        for (int i = 0; i < nodes.length; i++) {
            powerW[i] = heatJ[i] / dtS;
            heatJ[i] = 0;
        }
        int steps = (int) Math.min(1_000_000, Math.max(1, Math.ceil(dtS / (0.2 * fastestTimeConstantS))));
        double h = dtS / steps;
        double[] flow = this.flow;
        for (int s = 0; s < steps; s++) {
            System.arraycopy(powerW, 0, flow, 0, nodes.length);
            for (int i = 0; i < nodes.length; i++) {
                double parentC = parent[i] >= 0 ? temperatureC[parent[i]] : profile.ambientC;
                double q = (temperatureC[i] - parentC) / nodes[i].resistanceKPerW;
                flow[i] -= q;
                if (parent[i] >= 0) {
                    flow[parent[i]] += q;
                }
            }
            for (int i = 0; i < nodes.length; i++) {
                temperatureC[i] += h * flow[i] / nodes[i].capacitanceJPerK;
            }
        }
        for (SimProcessor processor : processors) {
            processor.cap = processor.freqHz.length - 1;
        }
        for (int t = 0; t < tripActive.length; t++) {
            SocProfile.Trip trip = profile.trips.get(t);
            double temp = temperatureC[tripNode[t]];
            if (temp >= trip.temperatureC) {
                tripActive[t] = true;
            } else if (temp < trip.temperatureC - trip.hysteresisC) {
                tripActive[t] = false;
            }
            if (tripActive[t]) {
                SimProcessor processor = processors[tripProcessor[t]];
                processor.cap = Math.min(processor.cap, tripCapIndex[t]);
            }
        }
    }

    /** One thermal sensor per node, reporting the trip points set on that node; reads go through the device. */
    List<ThermalSensor> sensors(SimulatedDevice device) {
        List<ThermalSensor> sensors = new ArrayList<>();
        for (int i = 0; i < nodes.length; i++) {
            final int node = i;
            final String name = nodes[i].name;
            TreeSet<Double> trips = new TreeSet<>();
            for (SocProfile.Trip trip : profile.trips) {
                if (trip.node.equals(name)) {
                    trips.add(trip.temperatureC);
                }
            }
            final double[] tripPointsC = new double[trips.size()];
            int t = 0;
            for (double trip : trips) {
                tripPointsC[t++] = trip;
            }
            sensors.add(new ThermalSensor() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public double[] tripPointsC() {
                    return tripPointsC.clone();
                }

                @Override
                public double readCelsius() {
                    return device.temperatureNowC(node);
                }
            });
        }
        return sensors;
    }
}
