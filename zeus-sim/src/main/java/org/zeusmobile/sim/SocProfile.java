package org.zeusmobile.sim;

import java.util.Collections;
import java.util.List;

/**
 * A validated, immutable device profile: everything the simulator needs to know about one SoC,
 * in SI units (Hz, V, W, J, F, s, K, bytes). Built only by {@link ProfileLoader}, which
 * guarantees that every table is ascending, every physical constant is positive and every
 * reference (thermal node, processor, sensor component) resolves.
 */
public final class SocProfile {

    /** What a processor is: a CPU cluster (one cpufreq policy) or the GPU. */
    public enum Kind {
        CPU, GPU
    }

    /** One CPU cluster or the GPU, with its operating points and power parameters. */
    public static final class Processor {
        /** {@code policyN} for a CPU cluster (named after its first CPU, as cpufreq does), {@code gpu} for the GPU. */
        public final String name;
        public final Kind kind;
        public final String core;
        public final int cores;
        /** Operating points, ascending. */
        public final long[] freqHz;
        public final double[] voltageV;
        /** Effective switched capacitance of one fully active core (the whole GPU), F. */
        public final double capacitanceF;
        /** Leakage of one powered core at {@link #leakageRefVoltageV} and {@link #leakageRefTemperatureC}, W. */
        public final double leakageRefW;
        public final double leakageRefVoltageV;
        public final double leakageRefTemperatureC;
        /** Leakage grows as exp(k_V (V - V_ref)) ... */
        public final double leakagePerVolt;
        /** ... times exp(k_T (T - T_ref)). */
        public final double leakagePerKelvin;
        /** Power of the whole processor when idle (power-collapsed or clock-gated), W. */
        public final double idlePowerW;
        /** Fraction of the dynamic power a core still burns while stalled on memory. */
        public final double stallActivity;
        /** Achieved FLOP per cycle per core (the whole GPU), indexed by {@code OperatorClass.ordinal()}. */
        public final double[] flopsPerCycle;
        /** The most memory bandwidth one core (the GPU) can draw, B/s. */
        public final double coreBandwidthBps;
        public final double launchOverheadS;
        public final double actuationDelayS;
        public final String thermalNode;

        Processor(String name, Kind kind, String core, int cores, long[] freqHz, double[] voltageV, double capacitanceF,
                double leakageRefW, double leakageRefVoltageV, double leakageRefTemperatureC, double leakagePerVolt,
                double leakagePerKelvin, double idlePowerW, double stallActivity, double[] flopsPerCycle,
                double coreBandwidthBps, double launchOverheadS, double actuationDelayS, String thermalNode) {
            this.name = name;
            this.kind = kind;
            this.core = core;
            this.cores = cores;
            this.freqHz = freqHz;
            this.voltageV = voltageV;
            this.capacitanceF = capacitanceF;
            this.leakageRefW = leakageRefW;
            this.leakageRefVoltageV = leakageRefVoltageV;
            this.leakageRefTemperatureC = leakageRefTemperatureC;
            this.leakagePerVolt = leakagePerVolt;
            this.leakagePerKelvin = leakagePerKelvin;
            this.idlePowerW = idlePowerW;
            this.stallActivity = stallActivity;
            this.flopsPerCycle = flopsPerCycle;
            this.coreBandwidthBps = coreBandwidthBps;
            this.launchOverheadS = launchOverheadS;
            this.actuationDelayS = actuationDelayS;
            this.thermalNode = thermalNode;
        }

        /** The knob that sets this processor's frequency. */
        public String knobName() {
            return kind == Kind.GPU ? "gpu.freq" : "cpu." + name + ".freq";
        }

        /** Leakage of one powered core at voltage {@code v} and temperature {@code tC}, W. */
        public double leakageW(double v, double tC) {
            return leakageRefW * Math.exp(leakagePerVolt * (v - leakageRefVoltageV)
                    + leakagePerKelvin * (tC - leakageRefTemperatureC));
        }
    }

    /** A memory bus (DDR, EMC) with its operating points. */
    public static final class Bus {
        public final String name;
        public final long[] freqHz;
        /** Achievable bandwidth at each point, B/s. */
        public final double[] bandwidthBps;
        /** Energy per byte moved at each point, J/B. */
        public final double[] energyPerByteJ;
        /** Background power of controller, PHY and DRAM refresh at each point, W. */
        public final double[] staticPowerW;
        public final double actuationDelayS;

        Bus(String name, long[] freqHz, double[] bandwidthBps, double[] energyPerByteJ, double[] staticPowerW,
                double actuationDelayS) {
            this.name = name;
            this.freqHz = freqHz;
            this.bandwidthBps = bandwidthBps;
            this.energyPerByteJ = energyPerByteJ;
            this.staticPowerW = staticPowerW;
            this.actuationDelayS = actuationDelayS;
        }

        public String knobName() {
            return "mem." + name + ".freq";
        }
    }

    /** A lumped thermal node: heat capacity and a thermal resistance to its parent (another node or ambient). */
    public static final class ThermalNode {
        public final String name;
        public final double capacitanceJPerK;
        public final double resistanceKPerW;
        /** The parent node's name, or {@code ambient}. */
        public final String to;

        ThermalNode(String name, double capacitanceJPerK, double resistanceKPerW, String to) {
            this.name = name;
            this.capacitanceJPerK = capacitanceJPerK;
            this.resistanceKPerW = resistanceKPerW;
            this.to = to;
        }
    }

    /** A firmware trip point: above {@code temperatureC} at {@code node}, {@code processor} is capped to {@code maxFreqHz}. */
    public static final class Trip {
        public final String node;
        public final double temperatureC;
        public final double hysteresisC;
        public final String processor;
        public final long maxFreqHz;

        Trip(String node, double temperatureC, double hysteresisC, String processor, long maxFreqHz) {
            this.node = node;
            this.temperatureC = temperatureC;
            this.hysteresisC = hysteresisC;
            this.processor = processor;
            this.maxFreqHz = maxFreqHz;
        }
    }

    /** A meter: a cumulative energy counter or a power reading over some power components. */
    public static final class Sensor {
        public final String name;
        public final boolean energy;
        public final String domain;
        /** Processor names, {@code cpu} (every cluster), {@code gpu}, {@code mem}, {@code base} or {@code *}. */
        public final List<String> components;
        /** J for energy counters, W for power readings. */
        public final double resolution;
        public final double updatePeriodS;
        /** Relative standard deviation of each update's error. */
        public final double noise;
        /** Wrap range of an energy counter, J; infinity when it never wraps. */
        public final double wrapJ;

        Sensor(String name, boolean energy, String domain, List<String> components, double resolution,
                double updatePeriodS, double noise, double wrapJ) {
            this.name = name;
            this.energy = energy;
            this.domain = domain;
            this.components = Collections.unmodifiableList(components);
            this.resolution = resolution;
            this.updatePeriodS = updatePeriodS;
            this.noise = noise;
            this.wrapJ = wrapJ;
        }
    }

    /** schedutil-like CPU governor parameters. */
    public static final class CpuGovernor {
        public final String name;
        public final double headroom;
        public final double periodS;
        public final double upRateLimitS;
        public final double downRateLimitS;
        public final double utilHalfLifeS;

        CpuGovernor(String name, double headroom, double periodS, double upRateLimitS, double downRateLimitS,
                double utilHalfLifeS) {
            this.name = name;
            this.headroom = headroom;
            this.periodS = periodS;
            this.upRateLimitS = upRateLimitS;
            this.downRateLimitS = downRateLimitS;
            this.utilHalfLifeS = utilHalfLifeS;
        }
    }

    /** Busy-threshold GPU governor parameters (msm-adreno-tz, nvhost_podgov). */
    public static final class GpuGovernor {
        public final String name;
        public final double periodS;
        public final double upThreshold;
        public final double downThreshold;

        GpuGovernor(String name, double periodS, double upThreshold, double downThreshold) {
            this.name = name;
            this.periodS = periodS;
            this.upThreshold = upThreshold;
            this.downThreshold = downThreshold;
        }
    }

    /** Bandwidth-voting bus governor parameters (bw_hwmon, actmon). */
    public static final class BusGovernor {
        public final String name;
        public final double periodS;
        /** The vote is measured bandwidth / ioFraction (bw_hwmon's io_percent). */
        public final double ioFraction;
        /** Samples of lower demand before the vote may go down. */
        public final int downHysteresisSamples;

        BusGovernor(String name, double periodS, double ioFraction, int downHysteresisSamples) {
            this.name = name;
            this.periodS = periodS;
            this.ioFraction = ioFraction;
            this.downHysteresisSamples = downHysteresisSamples;
        }
    }

    public final String name;
    public final String soc;
    public final String description;
    public final List<Processor> processors;
    public final List<Bus> buses;
    public final double basePowerW;
    public final String baseNode;
    public final double batchOverheadS;
    public final double switchEnergyJ;
    public final double ambientC;
    public final List<ThermalNode> thermalNodes;
    public final List<Trip> trips;
    public final List<Sensor> sensors;
    public final CpuGovernor cpuGovernor;
    public final GpuGovernor gpuGovernor;
    public final BusGovernor busGovernor;
    public final long[] batchValues;
    public final long[] threadValues;
    public final long defaultThreads;

    SocProfile(String name, String soc, String description, List<Processor> processors, List<Bus> buses,
            double basePowerW, String baseNode, double batchOverheadS, double switchEnergyJ, double ambientC,
            List<ThermalNode> thermalNodes, List<Trip> trips, List<Sensor> sensors, CpuGovernor cpuGovernor,
            GpuGovernor gpuGovernor, BusGovernor busGovernor, long[] batchValues, long[] threadValues,
            long defaultThreads) {
        this.name = name;
        this.soc = soc;
        this.description = description;
        this.processors = Collections.unmodifiableList(processors);
        this.buses = Collections.unmodifiableList(buses);
        this.basePowerW = basePowerW;
        this.baseNode = baseNode;
        this.batchOverheadS = batchOverheadS;
        this.switchEnergyJ = switchEnergyJ;
        this.ambientC = ambientC;
        this.thermalNodes = Collections.unmodifiableList(thermalNodes);
        this.trips = Collections.unmodifiableList(trips);
        this.sensors = Collections.unmodifiableList(sensors);
        this.cpuGovernor = cpuGovernor;
        this.gpuGovernor = gpuGovernor;
        this.busGovernor = busGovernor;
        this.batchValues = batchValues;
        this.threadValues = threadValues;
        this.defaultThreads = defaultThreads;
    }

    /** The processor called {@code name}, or null. */
    public Processor processor(String processorName) {
        for (Processor processor : processors) {
            if (processor.name.equals(processorName)) {
                return processor;
            }
        }
        return null;
    }
}
