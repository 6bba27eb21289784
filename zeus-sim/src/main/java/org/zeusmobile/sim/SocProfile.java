package org.zeusmobile.sim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated, immutable device profile: everything the simulator needs to know about one SoC,
 * in SI units (Hz, V, W, J, F, s, K, bytes). Built only by {@link ProfileLoader}, which
 * guarantees that every table is ascending, every physical constant is positive and every
 * reference (thermal node, processor, sensor component) resolves. Its tables (arrays) are visible to the
 * simulator's own classes only, which never write them; outside this package a device's operating points are
 * read from its knobs.
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
        final long[] freqHz;
        final double[] voltageV;
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
        /** Power of the whole processor in its deep idle state (power collapse, SLUMBER, rail gate), W. */
        public final double idlePowerW;
        /** How long an idle processor stays clock-gated (drawing leakage) before it enters its deep state, s. */
        public final double idleEntryDelayS;
        /** The time to wake from the deep state before work can start, s. */
        public final double idleExitLatencyS;
        /** Fraction of the dynamic power a core still burns while stalled on memory. */
        public final double stallActivity;
        /** Achieved FLOP per cycle per core (the whole GPU), indexed by {@code OperatorClass.ordinal()}. */
        final double[] flopsPerCycle;
        /** The most memory bandwidth one core (the GPU) can draw, B/s. */
        public final double coreBandwidthBps;
        /**
         * Host CPU time to dispatch one operator at the host cluster's top clock, s: for a CPU cluster the runtime's
         * per-operator work on the cluster itself; for the GPU the kernel submission on the host cluster.
         */
        public final double launchOverheadS;
        /** GPU only: the idle gap on the GPU between back-to-back kernels, s (not busy time). */
        public final double kernelGapS;
        /** GPU only: whether the host thread spin-waits for the GPU (CUDA's default) rather than blocking. */
        public final boolean hostSpins;
        /** GPU only: the activity of a host core spin-waiting for the GPU (a fraction of its dynamic power). */
        public final double spinActivity;
        /**
         * GPU only: while awake the GPU's driver holds the memory bus at no less than this times the GPU clock
         * (KGSL's per-level bus vote, nvgpu's EMC floor).
         */
        public final double memoryVoteRatio;
        public final double actuationDelayS;
        public final String thermalNode;

        Processor(String name, Kind kind, String core, int cores, long[] freqHz, double[] voltageV, double capacitanceF,
                double leakageRefW, double leakageRefVoltageV, double leakageRefTemperatureC, double leakagePerVolt,
                double leakagePerKelvin, double idlePowerW, double idleEntryDelayS, double idleExitLatencyS,
                double stallActivity, double[] flopsPerCycle, double coreBandwidthBps, double launchOverheadS,
                double kernelGapS, boolean hostSpins, double spinActivity, double memoryVoteRatio, double actuationDelayS,
                String thermalNode) {
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
            this.idleEntryDelayS = idleEntryDelayS;
            this.idleExitLatencyS = idleExitLatencyS;
            this.stallActivity = stallActivity;
            this.flopsPerCycle = flopsPerCycle;
            this.coreBandwidthBps = coreBandwidthBps;
            this.launchOverheadS = launchOverheadS;
            this.kernelGapS = kernelGapS;
            this.hostSpins = hostSpins;
            this.spinActivity = spinActivity;
            this.memoryVoteRatio = memoryVoteRatio;
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
        final long[] freqHz;
        /** Bytes the bus moves per clock (width x data rate per clock). */
        public final double bytesPerClock;
        /** The fraction of the peak bandwidth a real access stream achieves. */
        public final double efficiency;
        /** Peak bandwidth at each point, B/s: frequency x bytes per clock. */
        final double[] peakBandwidthBps;
        /** Achievable bandwidth at each point, B/s: peak x efficiency. */
        final double[] bandwidthBps;
        /** Energy per byte moved at each point, J/B. */
        final double[] energyPerByteJ;
        /** Background power of controller, PHY and DRAM refresh at each point, W. */
        final double[] staticPowerW;
        public final double actuationDelayS;

        Bus(String name, long[] freqHz, double bytesPerClock, double efficiency, double[] energyPerByteJ,
                double[] staticPowerW, double actuationDelayS) {
            this.name = name;
            this.freqHz = freqHz;
            this.bytesPerClock = bytesPerClock;
            this.efficiency = efficiency;
            this.peakBandwidthBps = new double[freqHz.length];
            this.bandwidthBps = new double[freqHz.length];
            for (int i = 0; i < freqHz.length; i++) {
                peakBandwidthBps[i] = freqHz[i] * bytesPerClock;
                bandwidthBps[i] = peakBandwidthBps[i] * efficiency;
            }
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

    /** A governor as the profile configures it: its kernel name and its constants in SI units. */
    public static final class GovernorSpec {
        public final String name;
        public final String source;
        private final Map<String, Double> values;
        private final Map<String, Map<String, Double>> perCluster;
        private final Map<String, double[]> lists;

        GovernorSpec(String name, String source, Map<String, Double> values, Map<String, Map<String, Double>> perCluster,
                Map<String, double[]> lists) {
            this.name = name;
            this.source = source;
            this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
            this.perCluster = Collections.unmodifiableMap(new LinkedHashMap<>(perCluster));
            this.lists = Collections.unmodifiableMap(new LinkedHashMap<>(lists));
        }

        /** The constant {@code param} in SI units (the loader guarantees every constant of the governor is there). */
        public double value(String param) {
            Double v = values.get(param);
            if (v == null) {
                throw new IllegalStateException("governor " + name + " has no constant " + param);
            }
            return v;
        }

        /** The per-cluster constant {@code param} of CPU cluster {@code processor}, SI. */
        public double value(String param, String processor) {
            Map<String, Double> byCluster = perCluster.get(param);
            Double v = byCluster == null ? null : byCluster.get(processor);
            if (v == null) {
                throw new IllegalStateException("governor " + name + " has no constant " + param + " for " + processor);
            }
            return v;
        }

        /** The list constant {@code param}, SI. */
        public double[] list(String param) {
            double[] v = lists.get(param);
            if (v == null) {
                throw new IllegalStateException("governor " + name + " has no list " + param);
            }
            return v.clone();
        }
    }

    /**
     * An estimated constant: no source gives its value, so it carries a plausible range. {@link ProfileSampler}
     * draws profiles with every estimate inside its range.
     */
    public static final class Estimate {
        /** Where it sits in the profile file, as a JSON path ({@code processors[3].launchOverhead}). */
        public final String path;
        public final double value;
        public final double min;
        public final double max;
        /** The SI unit of value, min and max. */
        public final String unit;
        /** The reasoning behind the value and its range. */
        public final String source;

        Estimate(String path, double value, double min, double max, String unit, String source) {
            this.path = path;
            this.value = value;
            this.min = min;
            this.max = max;
            this.unit = unit;
            this.source = source;
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
    public final GovernorSpec cpuGovernor;
    public final GovernorSpec gpuGovernor;
    public final GovernorSpec busGovernor;
    final long[] batchValues;
    final long[] threadValues;
    public final long defaultThreads;
    private final List<Estimate> estimates;
    private final String json;

    SocProfile(String name, String soc, String description, List<Processor> processors, List<Bus> buses,
            double basePowerW, String baseNode, double batchOverheadS, double switchEnergyJ, double ambientC,
            List<ThermalNode> thermalNodes, List<Trip> trips, List<Sensor> sensors, GovernorSpec cpuGovernor,
            GovernorSpec gpuGovernor, GovernorSpec busGovernor, long[] batchValues, long[] threadValues,
            long defaultThreads, List<Estimate> estimates, String json) {
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
        this.estimates = Collections.unmodifiableList(estimates);
        this.json = json;
    }

    /** Every estimated constant with its range, in file order. */
    public List<Estimate> estimates() {
        return estimates;
    }

    /** The profile file's text (what {@link ProfileSampler} draws from). */
    public String json() {
        return json;
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
