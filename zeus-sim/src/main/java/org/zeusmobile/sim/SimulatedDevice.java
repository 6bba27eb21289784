package org.zeusmobile.sim;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.zeusmobile.core.Clock;
import org.zeusmobile.core.ManualClock;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.device.DeviceException;
import org.zeusmobile.core.device.DeviceInfo;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.device.ThermalSensor;
import org.zeusmobile.core.measure.EnergyMeter;
import org.zeusmobile.core.measure.PowerMeter;
import org.zeusmobile.core.workload.Engine;
import org.zeusmobile.core.workload.ModelProfiler;
import org.zeusmobile.core.workload.OperatorProfile;
import org.zeusmobile.core.workload.WorkloadProfile;

/**
 * A simulated SoC driven by a {@link SocProfile}, in simulated time on a {@link ManualClock}.
 *
 * <p>Time moves only when work runs ({@link #engine}), when the device idles ({@link #idleFor},
 * {@link #idleUntil}) or when someone advances the clock directly (that gap is accounted at the
 * power of the state the device was left in). Between those moments the device is a sequence of
 * constant-power segments; the sensors, the thermal RC network and the governors all see the
 * same segments, so a {@code Monitor} sampling on the clock reads the right power at each instant.
 *
 * <p>Physics: per processor, dynamic power {@code C V^2 f * activity} per active core plus leakage
 * {@code L_ref exp(k_V (V - V_ref) + k_T (T - T_ref))}; memory energy per byte and background
 * power at the bus operating point; base power. Operators sit on a roofline between compute at the
 * current frequency and bandwidth at the current bus point. Frequency changes take effect after the
 * profile's actuation delay and cost {@code switchEnergy}. Deterministic from the seed.
 */
public final class SimulatedDevice implements Device {

    private static final long THERMAL_STEP_NS = 10_000_000L;

    /** One frequency domain: a processor or a bus. */
    private abstract static class Domain {
        final String knob;
        final long[] freqHz;
        final long actuationDelayNs;
        int running;
        int target;
        int pending = -1;
        long pendingAtNs;
        final int original;
        boolean pinned;
        int cap;

        Domain(String knob, long[] freqHz, double actuationDelayS, int original) {
            this.knob = knob;
            this.freqHz = freqHz;
            this.actuationDelayNs = Math.round(actuationDelayS * 1e9);
            this.original = original;
            this.running = original;
            this.target = original;
            this.cap = freqHz.length - 1;
        }

        int wanted() {
            return Math.min(target, cap);
        }
    }

    private static final class Proc extends Domain {
        final SocProfile.Processor spec;
        final int node;
        double backgroundShare;
        double dynamicCoreW;
        double leakageCoreW;
        // governor state
        double busyNs;
        double utilNs;
        double util;
        long lastChangeNs = Long.MIN_VALUE / 2;

        Proc(SocProfile.Processor spec, int node) {
            super(spec.knobName(), spec.freqHz, spec.actuationDelayS, 0);
            this.spec = spec;
            this.node = node;
        }
    }

    private static final class Bus extends Domain {
        final SocProfile.Bus spec;
        int lowerDemandSamples;

        Bus(SocProfile.Bus spec) {
            super(spec.knobName(), spec.freqHz, spec.actuationDelayS, 0);
            this.spec = spec;
        }
    }

    private final SocProfile profile;
    private final String spec;
    private final long seed;
    private final ManualClock clock;
    private final DeviceInfo info;
    private final Proc[] procs;
    private final Bus[] buses;
    private final int gpu;
    private final List<Knob> knobs;
    private final Knob batchKnob;
    private final Knob threadsKnob;
    private long batch;
    private long threads;
    private final double maxPowerW;

    // power components: processors, then buses, then base (which also takes switching energy)
    private final int baseComponent;
    private final double[] componentPowerW;
    private final double[] componentEnergyJ;
    private final int[] componentNode;
    private long segmentStartNs;
    private long simNowNs;
    private boolean advancing;
    private int activeProc = -1;
    private int activeCores;
    private double activeActivity;
    private double activeBytesPerS;
    private double bytesSinceBusSample;

    // thermal
    private final SocProfile.ThermalNode[] nodes;
    private final int[] nodeParent;
    private final double[] temperatureC;
    private final double[] nodeHeatJ;
    private final boolean[] tripActive;
    private final int[] tripNode;
    private final int[] tripProc;
    private final int[] tripCapIndex;
    private long heatSinceNs;

    // events
    private final long cpuPeriodNs;
    private final long gpuPeriodNs;
    private final long busPeriodNs;
    private long nextCpuGovNs;
    private long nextGpuGovNs;
    private long nextBusGovNs;
    private long nextThermalNs;
    private long gpuWindowStartNs;
    private long cpuWindowStartNs;
    private long busWindowStartNs;

    private final List<SimEnergyMeter> energyMeters = new ArrayList<>();
    private final List<SimPowerMeter> powerMeters = new ArrayList<>();
    private final List<ThermalSensor> thermalSensors = new ArrayList<>();
    private boolean sensorNoise = true;
    private boolean metersDisconnected;

    /** Opens {@code profile} on a fresh clock starting at 0; {@code seed} drives the sensor noise. */
    public SimulatedDevice(SocProfile profile, String spec, long seed) {
        this(profile, spec, seed, new ManualClock());
    }

    public SimulatedDevice(SocProfile profile, String spec, long seed, ManualClock clock) {
        this.profile = profile;
        this.spec = spec;
        this.seed = seed;
        this.clock = clock;
        this.simNowNs = clock.nanoTime();
        this.segmentStartNs = simNowNs;

        nodes = profile.thermalNodes.toArray(new SocProfile.ThermalNode[0]);
        nodeParent = new int[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            nodeParent[i] = nodeIndex(nodes[i].to);
        }
        temperatureC = new double[nodes.length];
        Arrays.fill(temperatureC, profile.ambientC);
        nodeHeatJ = new double[nodes.length];

        procs = new Proc[profile.processors.size()];
        int gpuIndex = -1;
        for (int i = 0; i < procs.length; i++) {
            SocProfile.Processor p = profile.processors.get(i);
            procs[i] = new Proc(p, nodeIndex(p.thermalNode));
            if (p.kind == SocProfile.Kind.GPU) {
                gpuIndex = i;
            }
        }
        gpu = gpuIndex;
        buses = new Bus[profile.buses.size()];
        for (int i = 0; i < buses.length; i++) {
            buses[i] = new Bus(profile.buses.get(i));
        }
        int components = procs.length + buses.length + 1;
        baseComponent = components - 1;
        componentPowerW = new double[components];
        componentEnergyJ = new double[components];
        componentNode = new int[components];
        int baseNode = nodeIndex(profile.baseNode);
        for (int i = 0; i < components; i++) {
            componentNode[i] = i < procs.length ? procs[i].node : baseNode;
        }

        tripActive = new boolean[profile.trips.size()];
        tripNode = new int[tripActive.length];
        tripProc = new int[tripActive.length];
        tripCapIndex = new int[tripActive.length];
        for (int i = 0; i < tripActive.length; i++) {
            SocProfile.Trip trip = profile.trips.get(i);
            tripNode[i] = nodeIndex(trip.node);
            tripProc[i] = processorIndex(trip.processor);
            tripCapIndex[i] = Arrays.binarySearch(procs[tripProc[i]].freqHz, trip.maxFreqHz);
        }

        List<Knob> knobList = new ArrayList<>();
        List<Proc> ordered = new ArrayList<>(Arrays.asList(procs));
        for (Proc proc : ordered) {
            knobList.add(Knob.frequencyHz(proc.knob, proc.freqHz));
        }
        for (Bus bus : buses) {
            knobList.add(Knob.frequencyHz(bus.knob, bus.freqHz));
        }
        batchKnob = Knob.count(Knob.BATCH, profile.batchValues);
        threadsKnob = Knob.count(Knob.THREADS, profile.threadValues);
        knobList.add(batchKnob);
        knobList.add(threadsKnob);
        knobs = Collections.unmodifiableList(knobList);
        batch = batchKnob.min();
        threads = profile.defaultThreads;

        cpuPeriodNs = Math.max(1, Math.round(profile.cpuGovernor.periodS * 1e9));
        gpuPeriodNs = Math.max(1, Math.round(profile.gpuGovernor.periodS * 1e9));
        busPeriodNs = Math.max(1, Math.round(profile.busGovernor.periodS * 1e9));
        nextCpuGovNs = simNowNs + cpuPeriodNs;
        nextGpuGovNs = simNowNs + gpuPeriodNs;
        nextBusGovNs = simNowNs + busPeriodNs;
        nextThermalNs = simNowNs + THERMAL_STEP_NS;
        cpuWindowStartNs = gpuWindowStartNs = busWindowStartNs = heatSinceNs = simNowNs;

        for (Proc proc : procs) {
            refreshCoreCosts(proc);
        }
        int meterIndex = 0;
        for (SocProfile.Sensor sensor : profile.sensors) {
            boolean[] mask = componentMask(sensor.components);
            if (sensor.energy) {
                energyMeters.add(new SimEnergyMeter(sensor, mask, meterIndex++));
            } else {
                powerMeters.add(new SimPowerMeter(sensor, mask, meterIndex++));
            }
        }
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
            thermalSensors.add(new ThermalSensor() {
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
                    synchronized (SimulatedDevice.this) {
                        sync();
                        return temperatureC[node];
                    }
                }
            });
        }
        maxPowerW = computeMaxPowerW();
        info = new DeviceInfo(profile.name, spec, true, profile.soc + " (simulated): " + profile.description,
                "sim:" + profile.name + ":" + Integer.toHexString(knobs.hashCode()));
        refreshPowers();
    }

    /**
     * Opens a simulated device: {@code sim:NAME} for a built-in profile, {@code sim:file=PATH} for a
     * profile file, each optionally followed by {@code ,seed=N} (which overrides {@code seed}).
     */
    public static SimulatedDevice open(String spec, long seed) {
        if (spec == null || !spec.startsWith("sim:")) {
            throw new IllegalArgumentException("'" + spec + "' is not a simulator spec; use sim:NAME (built-ins: "
                    + String.join(", ", ProfileLoader.BUILT_IN) + ") or sim:file=PATH, optionally with ,seed=N");
        }
        String rest = spec.substring(4);
        long chosenSeed = seed;
        int comma = rest.lastIndexOf(",seed=");
        if (comma >= 0) {
            String seedText = rest.substring(comma + 6);
            try {
                chosenSeed = Long.parseLong(seedText);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("seed '" + seedText + "' in '" + spec + "' is not an integer; e.g. "
                        + "sim:snapdragon-8-gen-2,seed=42");
            }
            rest = rest.substring(0, comma);
        }
        SocProfile loaded;
        if (rest.startsWith("file=")) {
            String path = rest.substring(5);
            if (path.isEmpty()) {
                throw new IllegalArgumentException("'" + spec + "' names no file; use sim:file=PATH/TO/profile.json");
            }
            loaded = ProfileLoader.load(Paths.get(path));
        } else {
            loaded = ProfileLoader.loadBuiltIn(rest);
        }
        return new SimulatedDevice(loaded, spec, chosenSeed);
    }

    // ------------------------------------------------------------------ Device

    @Override
    public DeviceInfo info() {
        return info;
    }

    @Override
    public List<Knob> knobs() {
        return knobs;
    }

    @Override
    public synchronized long current(String knobName) {
        knob(knobName);
        sync();
        if (knobName.equals(Knob.BATCH)) {
            return batch;
        }
        if (knobName.equals(Knob.THREADS)) {
            return threads;
        }
        Domain domain = domain(knobName);
        return domain.freqHz[domain.wanted()];
    }

    @Override
    public synchronized String governor(String knobName) {
        knob(knobName);
        if (knobName.equals(Knob.BATCH) || knobName.equals(Knob.THREADS)) {
            return null;
        }
        Domain domain = domain(knobName);
        if (domain.pinned) {
            return "userspace";
        }
        if (domain instanceof Bus) {
            return profile.busGovernor.name;
        }
        return ((Proc) domain).spec.kind == SocProfile.Kind.GPU ? profile.gpuGovernor.name : profile.cpuGovernor.name;
    }

    @Override
    public synchronized void apply(Configuration configuration) {
        for (String name : configuration.knobs()) {
            knob(name).requireLegal(configuration.get(name));
        }
        sync();
        for (Domain domain : allDomains()) {
            Long value = configuration.get(domain.knob);
            if (value != null) {
                domain.pinned = true;
                domain.target = Arrays.binarySearch(domain.freqHz, value);
            } else if (domain.pinned) {
                domain.pinned = false;
                domain.target = domain.original;
            }
            schedule(domain);
        }
        batch = configuration.get(Knob.BATCH, batchKnob.min());
        threads = configuration.get(Knob.THREADS, profile.defaultThreads);
        refreshPowers();
    }

    @Override
    public synchronized void restore() {
        sync();
        for (Domain domain : allDomains()) {
            domain.pinned = false;
            domain.target = domain.original;
            schedule(domain);
        }
        batch = batchKnob.min();
        threads = profile.defaultThreads;
        refreshPowers();
    }

    @Override
    public List<EnergyMeter> energyMeters() {
        return Collections.unmodifiableList(new ArrayList<EnergyMeter>(energyMeters));
    }

    @Override
    public List<PowerMeter> powerMeters() {
        return Collections.unmodifiableList(new ArrayList<PowerMeter>(powerMeters));
    }

    @Override
    public List<ThermalSensor> thermalSensors() {
        return Collections.unmodifiableList(thermalSensors);
    }

    @Override
    public ManualClock clock() {
        return clock;
    }

    @Override
    public double maxPowerW() {
        return maxPowerW;
    }

    @Override
    public synchronized void close() {
        restore();
    }

    // ------------------------------------------------------------------ simulator API

    /** The profile this device simulates. */
    public SocProfile profile() {
        return profile;
    }

    public long seed() {
        return seed;
    }

    /** An engine that executes {@code model}'s workload profiles on this device in simulated time. */
    public SimEngine engine(ModelProfiler model, int inputSize) {
        return new SimEngine(this, model, inputSize);
    }

    /** The exact energy the whole device has used since it was opened, J (no sensor in between). */
    public synchronized double trueEnergyJ() {
        sync();
        double sum = 0;
        for (int i = 0; i < componentEnergyJ.length; i++) {
            sum += componentEnergyJ[i] + componentPowerW[i] * (simNowNs - segmentStartNs) * 1e-9;
        }
        return sum;
    }

    /** The exact power the device draws now, W. */
    public synchronized double truePowerW() {
        sync();
        double sum = 0;
        for (double p : componentPowerW) {
            sum += p;
        }
        return sum;
    }

    /** Turns sensor noise on (the default) or off; resolution, update period and wrap stay. */
    public synchronized void setSensorNoise(boolean on) {
        sensorNoise = on;
    }

    /**
     * The meters stop answering from now on, as when a board is unplugged or a sysfs file vanishes: every
     * energy and power read throws {@link DeviceException}. Knobs and thermal sensors keep working.
     */
    public synchronized void disconnectMeters() {
        metersDisconnected = true;
    }

    private void requireMetersConnected(String meter) {
        if (metersDisconnected) {
            throw new DeviceException(meter + ": No such device (the simulated meters were disconnected)");
        }
    }

    /** The temperature of the hottest thermal node now, °C. */
    public synchronized double hottestTemperatureC() {
        sync();
        double max = Double.NEGATIVE_INFINITY;
        for (double t : temperatureC) {
            max = Math.max(max, t);
        }
        return max;
    }

    /** The lowest trip point that caps a frequency, °C (infinity when the profile has none). */
    public double throttleTemperatureC() {
        double min = Double.POSITIVE_INFINITY;
        for (SocProfile.Trip trip : profile.trips) {
            min = Math.min(min, trip.temperatureC);
        }
        return min;
    }

    /** True when a trip point caps some processor's frequency now. */
    public synchronized boolean throttled() {
        sync();
        for (boolean active : tripActive) {
            if (active) {
                return true;
            }
        }
        return false;
    }

    /** The frequency the named knob's hardware is running at this instant (after actuation delay and caps), Hz. */
    public synchronized long runningFreqHz(String knobName) {
        knob(knobName);
        sync();
        Domain domain = domain(knobName);
        return domain.freqHz[domain.running];
    }

    /**
     * Interference: another app takes {@code share} (0 = none, below 1) of {@code processor}'s time:
     * {@code gpu}, {@code cpu} (every cluster) or a cluster name. Our operators there run
     * correspondingly slower and the processor burns power for the other app.
     */
    public synchronized void setBackgroundLoad(String processor, double share) {
        checkBackground(processor, share);
        sync();
        applyBackground(processor, share);
        refreshPowers();
    }

    /**
     * Schedules a background-load change at clock time {@code atClockNs} (a scenario phase); it takes
     * effect exactly then, even in the middle of a batch. Same arguments as {@link #setBackgroundLoad}.
     */
    public synchronized void scheduleBackgroundLoad(long atClockNs, String processor, double share) {
        checkBackground(processor, share);
        int at = backgroundPhases.size();
        while (at > 0 && backgroundPhases.get(at - 1).atNs > atClockNs) {
            at--;
        }
        backgroundPhases.add(at, new Phase(atClockNs, processor, share));
    }

    /**
     * Random interference from {@code seed}: from now until {@code untilClockNs}, phases of exponential
     * length (mean {@code meanPhaseS}) alternate between quiet and another app taking a uniform share
     * in (0, {@code maxShare}) of the CPU clusters or of the GPU. Returns the number of phases scheduled.
     */
    public synchronized int randomBackgroundLoad(long seed, long untilClockNs, double meanPhaseS, double maxShare) {
        if (!(meanPhaseS > 0) || !(maxShare > 0 && maxShare < 1)) {
            throw new IllegalArgumentException("mean phase must be > 0 s and max share in (0, 1), got " + meanPhaseS
                    + " s and " + maxShare);
        }
        sync();
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        boolean hasGpu = gpu >= 0;
        long t = simNowNs;
        int phases = 0;
        boolean busy = false;
        while (t < untilClockNs) {
            scheduleBackgroundLoad(t, "cpu", 0);
            if (hasGpu) {
                scheduleBackgroundLoad(t, "gpu", 0);
            }
            if (busy) {
                String target = hasGpu && random.nextBoolean() ? "gpu" : "cpu";
                scheduleBackgroundLoad(t, target, random.nextDouble() * maxShare);
            }
            busy = !busy;
            phases++;
            t += Math.max(1, Math.round(-Math.log(1 - random.nextDouble()) * meanPhaseS * 1e9));
        }
        scheduleBackgroundLoad(untilClockNs, "cpu", 0);
        if (hasGpu) {
            scheduleBackgroundLoad(untilClockNs, "gpu", 0);
        }
        return phases;
    }

    private void checkBackground(String processor, double share) {
        if (!(share >= 0 && share < 1)) {
            throw new IllegalArgumentException("background share must be in [0, 1), got " + share);
        }
        boolean found = processor.equals("cpu") || (processor.equals("gpu") && gpu >= 0)
                || processorIndex(processor) >= 0;
        if (!found) {
            throw new IllegalArgumentException("no processor '" + processor + "' on " + profile.name
                    + "; use cpu, gpu or one of " + processorNames());
        }
    }

    private void applyBackground(String processor, double share) {
        for (Proc proc : procs) {
            if (proc.spec.name.equals(processor) || (processor.equals("cpu") && proc.spec.kind == SocProfile.Kind.CPU)) {
                proc.backgroundShare = share;
            }
        }
    }

    /** One scheduled background-load change. */
    private static final class Phase {
        final long atNs;
        final String processor;
        final double share;

        Phase(long atNs, String processor, double share) {
            this.atNs = atNs;
            this.processor = processor;
            this.share = share;
        }
    }

    private final List<Phase> backgroundPhases = new ArrayList<>();
    private WorkloadProfile lastSteadyWorkload;
    private Plan lastSteadyPlan;

    /** Lets {@code ns} of simulated time pass with nothing of ours running. */
    public synchronized void idleFor(long ns) {
        if (ns < 0) {
            throw new IllegalArgumentException("cannot idle for a negative time: " + ns + " ns");
        }
        sync();
        idleUntil(simNowNs + ns);
    }

    /** Idles until the clock reads {@code clockNs}; returns at once if it already does. */
    public synchronized void idleUntil(long clockNs) {
        sync();
        setActivity(-1, 0, 0, 0);
        while (simNowNs < clockNs) {
            long step = Math.min(nextEventNs(), clockNs) - simNowNs;
            spend(step);
            processDueEvents();
        }
    }

    /**
     * The noise-free cost of one batch of {@code profile} at configuration {@code c} and a uniform
     * chip temperature {@code temperatureC}, without touching the device. Knobs {@code c} does not pin
     * run at their maximum frequency (where the governors drive a sustained load); threads at the
     * default. The current background load counts; thermal caps and actuation do not.
     */
    public synchronized SteadyState steadyState(Configuration c, WorkloadProfile workload, double temperatureC) {
        validateStatic(c);
        int[] procOpp = new int[procs.length];
        for (int i = 0; i < procs.length; i++) {
            procOpp[i] = staticIndex(procs[i], c);
        }
        int[] busOpp = new int[buses.length];
        for (int i = 0; i < buses.length; i++) {
            busOpp[i] = staticIndex(buses[i], c);
        }
        int threadCount = (int) c.get(Knob.THREADS, profile.defaultThreads);
        if (workload != lastSteadyWorkload) {
            // the oracle evaluates one workload at many configurations: compile it once
            lastSteadyPlan = compile(workload);
            lastSteadyWorkload = workload;
        }
        Plan plan = lastSteadyPlan;
        double[] cost = new double[3];
        double latencyS = 0;
        double energyJ = 0;
        for (int step = -1; step < plan.groups.length; step++) {
            int p;
            int cores;
            if (step < 0) {
                p = hostCluster(1);
                cores = 1;
                overheadCost(p, procOpp[p], cost);
            } else {
                Group group = plan.groups[step];
                p = group.processor >= 0 ? group.processor : hostCluster(threadCount);
                cores = coresFor(p, threadCount);
                groupCost(group, p, procOpp[p], busOpp, cores, cost);
            }
            double durationS = cost[0] / (1 - procs[p].backgroundShare);
            double activity = cost[1] / Math.max(cost[0], 1e-300);
            double powerW = profile.basePowerW;
            for (int q = 0; q < procs.length; q++) {
                powerW += q == p ? activePowerW(procs[q], procOpp[q], temperatureC, cores, activity)
                        : idlePowerW(procs[q], procOpp[q], temperatureC);
            }
            double bytesPerS = cost[2] / durationS;
            for (int b = 0; b < buses.length; b++) {
                powerW += busPowerW(buses[b], busOpp[b], bytesPerS);
            }
            latencyS += durationS;
            energyJ += powerW * durationS;
        }
        return new SteadyState(workload.batch(), latencyS, energyJ);
    }

    /**
     * The noise-free power of the idle device at configuration {@code c} and chip temperature
     * {@code temperatureC}, W. Unpinned frequencies sit at their minimum, where the governors settle at idle.
     */
    public synchronized double idlePowerW(Configuration c, double temperatureC) {
        validateStatic(c);
        double powerW = profile.basePowerW;
        for (Proc proc : procs) {
            Long pinned = c.get(proc.knob);
            int opp = pinned == null ? 0 : Arrays.binarySearch(proc.freqHz, pinned);
            powerW += idlePowerW(proc, opp, temperatureC);
        }
        for (Bus bus : buses) {
            Long pinned = c.get(bus.knob);
            int opp = pinned == null ? 0 : Arrays.binarySearch(bus.freqHz, pinned);
            powerW += busPowerW(bus, opp, 0);
        }
        return powerW;
    }

    // ------------------------------------------------------------------ execution

    /** Runs one compiled batch in simulated time. */
    synchronized void run(Plan plan) {
        sync();
        // per-batch fixed overhead: framework code on the host cluster, one thread
        int host = hostCluster(1);
        execute(null, host, 1);
        for (Group group : plan.groups) {
            int p = group.processor >= 0 ? group.processor : hostCluster((int) threads);
            execute(group, p, coresFor(p, (int) threads));
        }
        setActivity(-1, 0, 0, 0);
    }

    private final double[] scratch = new double[3];

    /** Executes a group of operators (or the batch overhead when {@code group} is null) on processor {@code p}. */
    private void execute(Group group, int p, int cores) {
        Proc proc = procs[p];
        double remaining = 1.0;
        while (remaining > 1e-12) {
            if (group == null) {
                overheadCost(p, proc.running, scratch);
            } else {
                groupCost(group, p, proc.running, runningBusOpps(), cores, scratch);
            }
            double durationS = scratch[0] / (1 - proc.backgroundShare);
            if (!(durationS > 0)) {
                return;
            }
            setActivity(p, cores, scratch[1] / scratch[0], scratch[2] / durationS);
            double needNs = durationS * 1e9 * remaining;
            long untilEvent = nextEventNs() - simNowNs;
            if (needNs <= untilEvent) {
                spend(Math.max(1, Math.round(needNs)));
                remaining = 0;
            } else {
                spend(untilEvent);
                remaining -= untilEvent / (durationS * 1e9);
                processDueEvents();
            }
        }
    }

    private int[] busOppScratch;

    private int[] runningBusOpps() {
        if (busOppScratch == null) {
            busOppScratch = new int[buses.length];
        }
        for (int b = 0; b < buses.length; b++) {
            busOppScratch[b] = buses[b].running;
        }
        return busOppScratch;
    }

    /** Roofline cost of a group: out[0] = seconds, out[1] = activity-seconds, out[2] = bytes. */
    private void groupCost(Group group, int p, int opp, int[] busOpp, int cores, double[] out) {
        SocProfile.Processor spec = procs[p].spec;
        double freq = spec.freqHz[opp];
        double bandwidth = spec.coreBandwidthBps * cores;
        for (int b = 0; b < buses.length; b++) {
            bandwidth = Math.min(bandwidth, buses[b].spec.bandwidthBps[busOpp[b]]);
        }
        double perCycle = freq * cores;
        double stall = spec.stallActivity;
        double launch = spec.launchOverheadS;
        double timeS = 0;
        double activeS = 0;
        double bytes = 0;
        for (int i = 0; i < group.flops.length; i++) {
            double computeS = group.flops[i] / (spec.flopsPerCycle[group.opClass[i]] * perCycle);
            double memoryS = group.bytes[i] / bandwidth;
            double opS = Math.max(computeS, memoryS);
            timeS += opS + launch;
            activeS += opS > 0 ? stall * (opS - computeS) + computeS + stall * launch : stall * launch;
            bytes += group.bytes[i];
        }
        out[0] = timeS;
        out[1] = activeS;
        out[2] = bytes;
    }

    /** The batch overhead: CPU-bound framework work that scales with the host cluster's clock. */
    private void overheadCost(int p, int opp, double[] out) {
        SocProfile.Processor spec = procs[p].spec;
        out[0] = profile.batchOverheadS * spec.freqHz[spec.freqHz.length - 1] / spec.freqHz[opp];
        out[1] = out[0];
        out[2] = 0;
    }

    /** The cluster that runs "cpu" operators with {@code threadCount} threads: the highest peak throughput. */
    private int hostCluster(int threadCount) {
        int best = -1;
        double bestRate = -1;
        for (int i = 0; i < procs.length; i++) {
            SocProfile.Processor spec = procs[i].spec;
            if (spec.kind != SocProfile.Kind.CPU) {
                continue;
            }
            double rate = Math.min(threadCount, spec.cores) * spec.flopsPerCycle[0]
                    * spec.freqHz[spec.freqHz.length - 1];
            if (rate > bestRate) {
                bestRate = rate;
                best = i;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("profile " + profile.name + " has no CPU cluster to run cpu operators on");
        }
        return best;
    }

    private int coresFor(int p, int threadCount) {
        return procs[p].spec.kind == SocProfile.Kind.GPU ? 1 : Math.min(threadCount, procs[p].spec.cores);
    }

    // ------------------------------------------------------------------ power

    private static double activePowerW(Proc proc, int opp, double tC, int cores, double activity) {
        SocProfile.Processor s = proc.spec;
        double v = s.voltageV[opp];
        double dynamic = s.capacitanceF * v * v * s.freqHz[opp];
        double idleRest = s.idlePowerW * (s.cores - cores) / s.cores;
        return cores * (dynamic * activity + s.leakageW(v, tC)) + idleRest;
    }

    private static double idlePowerW(Proc proc, int opp, double tC) {
        double share = proc.backgroundShare;
        if (share == 0) {
            return proc.spec.idlePowerW;
        }
        SocProfile.Processor s = proc.spec;
        double v = s.voltageV[opp];
        return s.idlePowerW + share * (s.capacitanceF * v * v * s.freqHz[opp] + s.leakageW(v, tC));
    }

    private static double busPowerW(Bus bus, int opp, double bytesPerS) {
        return bus.spec.staticPowerW[opp] + bytesPerS * bus.spec.energyPerByteJ[opp];
    }

    private void refreshCoreCosts(Proc proc) {
        SocProfile.Processor s = proc.spec;
        double v = s.voltageV[proc.running];
        proc.dynamicCoreW = s.capacitanceF * v * v * s.freqHz[proc.running];
        proc.leakageCoreW = s.leakageW(v, temperatureC[proc.node]);
    }

    private void setActivity(int proc, int cores, double activity, double bytesPerS) {
        activeProc = proc;
        activeCores = cores;
        activeActivity = activity;
        activeBytesPerS = bytesPerS;
        refreshPowers();
    }

    /** Recomputes every component's power for the current activity, frequencies and temperatures. */
    private void refreshPowers() {
        for (int i = 0; i < procs.length; i++) {
            Proc proc = procs[i];
            SocProfile.Processor s = proc.spec;
            double power;
            if (i == activeProc) {
                power = activeCores * (proc.dynamicCoreW * activeActivity + proc.leakageCoreW)
                        + s.idlePowerW * (s.cores - activeCores) / s.cores;
            } else {
                power = s.idlePowerW + proc.backgroundShare * (proc.dynamicCoreW + proc.leakageCoreW);
            }
            componentPowerW[i] = power;
        }
        for (int b = 0; b < buses.length; b++) {
            componentPowerW[procs.length + b] = busPowerW(buses[b], buses[b].running, activeBytesPerS);
        }
        componentPowerW[baseComponent] = profile.basePowerW;
    }

    private double computeMaxPowerW() {
        // at the temperature where firmware starts throttling: the hottest the chip runs at full clocks
        double hot = Math.max(profile.ambientC, Math.min(throttleTemperatureC(), 100));
        double powerW = profile.basePowerW;
        for (Proc proc : procs) {
            powerW += activePowerW(proc, proc.freqHz.length - 1, hot, proc.spec.cores, 1.0);
        }
        for (Bus bus : buses) {
            int top = bus.freqHz.length - 1;
            powerW += busPowerW(bus, top, bus.spec.bandwidthBps[top]);
        }
        return powerW;
    }

    // ------------------------------------------------------------------ time

    /** Accounts a clock advance made by someone else, at the power of the state the device was left in. */
    private void sync() {
        if (advancing) {
            // a clock tick (a Monitor sampling a meter) inside our own advance: the open segment holds
            return;
        }
        long now = clock.nanoTime();
        if (now > simNowNs) {
            simNowNs = now;
            closeSegment();
            processDueEvents();
        }
    }

    /** Spends {@code ns} in the current state: the clock advances (its ticks see this segment's power). */
    private void spend(long ns) {
        if (ns <= 0) {
            return;
        }
        long target = simNowNs + ns;
        advancing = true;
        try {
            clock.advance(ns);
        } finally {
            advancing = false;
        }
        simNowNs = target;
        closeSegment();
    }

    private void closeSegment() {
        long dtNs = simNowNs - segmentStartNs;
        if (dtNs <= 0) {
            return;
        }
        for (SimEnergyMeter meter : energyMeters) {
            meter.catchUp(simNowNs);
        }
        for (SimPowerMeter meter : powerMeters) {
            meter.catchUp(simNowNs);
        }
        double dtS = dtNs * 1e-9;
        for (int i = 0; i < componentPowerW.length; i++) {
            double e = componentPowerW[i] * dtS;
            componentEnergyJ[i] += e;
            nodeHeatJ[componentNode[i]] += e;
        }
        for (int i = 0; i < procs.length; i++) {
            Proc proc = procs[i];
            double busy = i == activeProc ? 1.0 : proc.backgroundShare;
            if (busy > 0) {
                proc.busyNs += busy * dtNs;
                proc.utilNs += busy * dtNs * proc.freqHz[proc.running] / proc.freqHz[proc.freqHz.length - 1];
            }
        }
        bytesSinceBusSample += activeBytesPerS * dtS;
        segmentStartNs = simNowNs;
    }

    private long nextEventNs() {
        long next = Math.min(Math.min(nextCpuGovNs, nextGpuGovNs), Math.min(nextBusGovNs, nextThermalNs));
        for (Proc proc : procs) {
            if (proc.pending >= 0 && proc.pendingAtNs < next) {
                next = proc.pendingAtNs;
            }
        }
        for (Bus bus : buses) {
            if (bus.pending >= 0 && bus.pendingAtNs < next) {
                next = bus.pendingAtNs;
            }
        }
        if (!backgroundPhases.isEmpty() && backgroundPhases.get(0).atNs < next) {
            next = backgroundPhases.get(0).atNs;
        }
        return Math.max(next, simNowNs);
    }

    private void processDueEvents() {
        boolean changed = false;
        for (Domain domain : allDomains()) {
            if (domain.pending >= 0 && domain.pendingAtNs <= simNowNs) {
                domain.running = domain.pending;
                domain.pending = -1;
                componentEnergyJ[baseComponent] += profile.switchEnergyJ;
                nodeHeatJ[componentNode[baseComponent]] += profile.switchEnergyJ;
                if (domain instanceof Proc) {
                    refreshCoreCosts((Proc) domain);
                }
                changed = true;
            }
        }
        while (!backgroundPhases.isEmpty() && backgroundPhases.get(0).atNs <= simNowNs) {
            Phase phase = backgroundPhases.remove(0);
            applyBackground(phase.processor, phase.share);
            changed = true;
        }
        if (nextThermalNs <= simNowNs) {
            thermalStep();
            nextThermalNs = simNowNs + THERMAL_STEP_NS;
            changed = true;
        }
        if (nextCpuGovNs <= simNowNs) {
            cpuGovernor();
            nextCpuGovNs = simNowNs + cpuPeriodNs;
        }
        if (nextGpuGovNs <= simNowNs) {
            gpuGovernor();
            nextGpuGovNs = simNowNs + gpuPeriodNs;
        }
        if (nextBusGovNs <= simNowNs) {
            busGovernor();
            nextBusGovNs = simNowNs + busPeriodNs;
        }
        if (changed) {
            refreshPowers();
        }
    }

    private void schedule(Domain domain) {
        int wanted = domain.wanted();
        if (wanted == domain.running) {
            domain.pending = -1;
        } else if (wanted != domain.pending) {
            domain.pending = wanted;
            domain.pendingAtNs = simNowNs + domain.actuationDelayNs;
        }
    }

    // ------------------------------------------------------------------ governors

    /**
     * schedutil (kernel/sched/cpufreq_schedutil.c): next_freq = 1.25 * max_freq * util / max_capacity,
     * where util is the frequency-invariant PELT utilisation (geometric average with a 32 ms half-life,
     * kernel/sched/pelt.c); the lowest OPP at or above it (CPUFREQ_RELATION_L); changes no more often
     * than the rate limits (up/down as in the Android common kernel's schedutil).
     */
    private void cpuGovernor() {
        SocProfile.CpuGovernor g = profile.cpuGovernor;
        long windowNs = simNowNs - cpuWindowStartNs;
        cpuWindowStartNs = simNowNs;
        if (windowNs <= 0) {
            return;
        }
        double decay = Math.exp(-windowNs * 1e-9 * Math.log(2) / g.utilHalfLifeS);
        for (Proc proc : procs) {
            if (proc.spec.kind != SocProfile.Kind.CPU) {
                continue;
            }
            double average = proc.utilNs / windowNs;
            proc.utilNs = 0;
            proc.busyNs = 0;
            proc.util = average + (proc.util - average) * decay;
            if (proc.pinned) {
                continue;
            }
            double nextHz = g.headroom * proc.freqHz[proc.freqHz.length - 1] * proc.util;
            // policy->max follows the thermal cap (cpufreq_verify_within_limits)
            int next = Math.min(proc.cap, lowestAtOrAbove(proc.freqHz, nextHz));
            long sinceChange = simNowNs - proc.lastChangeNs;
            boolean allowed = next > proc.target ? sinceChange >= g.upRateLimitS * 1e9
                    : sinceChange >= g.downRateLimitS * 1e9;
            if (next != proc.target && allowed) {
                proc.target = next;
                proc.lastChangeNs = simNowNs;
                schedule(proc);
            }
        }
    }

    /**
     * msm-adreno-tz (drivers/devfreq/msm_adreno_tz.c): every polling window the busy and total time go
     * to the TrustZone DCVS, which steps the power level up when busy% is above its up threshold and
     * down when below its down threshold. The thresholds are the profile's.
     */
    private void gpuGovernor() {
        long windowNs = simNowNs - gpuWindowStartNs;
        gpuWindowStartNs = simNowNs;
        if (gpu < 0 || windowNs <= 0) {
            return;
        }
        Proc proc = procs[gpu];
        double busy = proc.busyNs / windowNs;
        proc.busyNs = 0;
        proc.utilNs = 0;
        if (proc.pinned) {
            return;
        }
        SocProfile.GpuGovernor g = profile.gpuGovernor;
        int next = proc.target;
        if (busy >= g.upThreshold) {
            // never above the thermal power level (KGSL thermal_pwrlevel)
            next = Math.min(proc.cap, proc.target + 1);
        } else if (busy <= g.downThreshold) {
            next = Math.max(0, proc.target - 1);
        }
        if (next != proc.target) {
            proc.target = next;
            schedule(proc);
        }
    }

    /**
     * bw_hwmon (drivers/devfreq/governor_bw_hwmon.c): measures the bytes moved in each sample window
     * and votes measured / io_percent; the bus takes the lowest point that carries the vote, goes up
     * at once and comes down only after several lower samples (hysteresis).
     */
    private void busGovernor() {
        long windowNs = simNowNs - busWindowStartNs;
        busWindowStartNs = simNowNs;
        double measuredBps = windowNs > 0 ? bytesSinceBusSample / (windowNs * 1e-9) : 0;
        bytesSinceBusSample = 0;
        SocProfile.BusGovernor g = profile.busGovernor;
        double vote = measuredBps / g.ioFraction;
        for (Bus bus : buses) {
            if (bus.pinned) {
                continue;
            }
            int next = 0;
            while (next < bus.freqHz.length - 1 && bus.spec.bandwidthBps[next] < vote) {
                next++;
            }
            if (next > bus.target) {
                bus.target = next;
                bus.lowerDemandSamples = 0;
                schedule(bus);
            } else if (next < bus.target) {
                if (++bus.lowerDemandSamples >= g.downHysteresisSamples) {
                    bus.target = Math.max(next, bus.target - 1);
                    bus.lowerDemandSamples = 0;
                    schedule(bus);
                }
            } else {
                bus.lowerDemandSamples = 0;
            }
        }
    }

    private static int lowestAtOrAbove(long[] freqHz, double hz) {
        for (int i = 0; i < freqHz.length; i++) {
            if (freqHz[i] >= hz) {
                return i;
            }
        }
        return freqHz.length - 1;
    }

    // ------------------------------------------------------------------ thermal

    /** Integrates the RC network over the heat since the last step, then applies the trip points. */
    private void thermalStep() {
        double dtS = (simNowNs - heatSinceNs) * 1e-9;
        heatSinceNs = simNowNs;
        if (dtS <= 0) {
            return;
        }
        double[] powerW = new double[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            powerW[i] = nodeHeatJ[i] / dtS;
            nodeHeatJ[i] = 0;
        }
        // explicit Euler, sub-stepped well below the fastest time constant
        double fastest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < nodes.length; i++) {
            fastest = Math.min(fastest, nodes[i].resistanceKPerW * nodes[i].capacitanceJPerK);
            if (nodeParent[i] >= 0) {
                fastest = Math.min(fastest, nodes[i].resistanceKPerW * nodes[nodeParent[i]].capacitanceJPerK);
            }
        }
        int steps = (int) Math.min(1_000_000, Math.max(1, Math.ceil(dtS / (0.2 * fastest))));
        double h = dtS / steps;
        double[] flow = new double[nodes.length];
        for (int s = 0; s < steps; s++) {
            System.arraycopy(powerW, 0, flow, 0, nodes.length);
            for (int i = 0; i < nodes.length; i++) {
                double parentC = nodeParent[i] >= 0 ? temperatureC[nodeParent[i]] : profile.ambientC;
                double q = (temperatureC[i] - parentC) / nodes[i].resistanceKPerW;
                flow[i] -= q;
                if (nodeParent[i] >= 0) {
                    flow[nodeParent[i]] += q;
                }
            }
            for (int i = 0; i < nodes.length; i++) {
                temperatureC[i] += h * flow[i] / nodes[i].capacitanceJPerK;
            }
        }
        for (Proc proc : procs) {
            proc.cap = proc.freqHz.length - 1;
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
                Proc proc = procs[tripProc[t]];
                proc.cap = Math.min(proc.cap, tripCapIndex[t]);
            }
        }
        for (Proc proc : procs) {
            schedule(proc);
            refreshCoreCosts(proc);
        }
    }

    // ------------------------------------------------------------------ helpers

    private List<Domain> allDomainList;

    private List<Domain> allDomains() {
        if (allDomainList == null) {
            List<Domain> list = new ArrayList<>();
            list.addAll(Arrays.asList(procs));
            list.addAll(Arrays.asList(buses));
            allDomainList = list;
        }
        return allDomainList;
    }

    private Domain domain(String knobName) {
        for (Domain domain : allDomains()) {
            if (domain.knob.equals(knobName)) {
                return domain;
            }
        }
        throw new IllegalArgumentException("device " + profile.name + " has no frequency knob '" + knobName + "'");
    }

    private void validateStatic(Configuration c) {
        for (String name : c.knobs()) {
            knob(name).requireLegal(c.get(name));
        }
    }

    private static int staticIndex(Domain domain, Configuration c) {
        Long pinned = c.get(domain.knob);
        return pinned == null ? domain.freqHz.length - 1 : Arrays.binarySearch(domain.freqHz, pinned);
    }

    private int nodeIndex(String name) {
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

    private int processorIndex(String name) {
        for (int i = 0; i < procs.length; i++) {
            if (procs[i].spec.name.equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private List<String> processorNames() {
        List<String> names = new ArrayList<>();
        for (Proc proc : procs) {
            names.add(proc.spec.name);
        }
        return names;
    }

    private boolean[] componentMask(List<String> components) {
        boolean[] mask = new boolean[componentPowerW.length];
        for (String c : components) {
            for (int i = 0; i < procs.length; i++) {
                SocProfile.Processor s = procs[i].spec;
                if (c.equals("*") || c.equals(s.name) || (c.equals("cpu") && s.kind == SocProfile.Kind.CPU)
                        || (c.equals("gpu") && s.kind == SocProfile.Kind.GPU)) {
                    mask[i] = true;
                }
            }
            for (int b = 0; b < buses.length; b++) {
                if (c.equals("*") || c.equals("mem")) {
                    mask[procs.length + b] = true;
                }
            }
            if (c.equals("*") || c.equals("base")) {
                mask[baseComponent] = true;
            }
        }
        return mask;
    }

    // ------------------------------------------------------------------ workload compilation

    /** Consecutive operators on the same processor, as flat arrays for speed. */
    static final class Group {
        final int processor;
        final double[] flops;
        final double[] bytes;
        final int[] opClass;

        Group(int processor, List<OperatorProfile> ops) {
            this.processor = processor;
            flops = new double[ops.size()];
            bytes = new double[ops.size()];
            opClass = new int[ops.size()];
            for (int i = 0; i < ops.size(); i++) {
                flops[i] = ops.get(i).flops();
                bytes[i] = ops.get(i).bytes();
                opClass[i] = ops.get(i).operatorClass().ordinal();
            }
        }
    }

    /** A workload profile resolved against this device. */
    static final class Plan {
        final Group[] groups;

        Plan(Group[] groups) {
            this.groups = groups;
        }
    }

    /** Resolves each operator's processor ({@code gpu}, {@code cpu} = -1, or a cluster name) and groups runs. */
    Plan compile(WorkloadProfile workload) {
        List<Group> groups = new ArrayList<>();
        List<OperatorProfile> run = new ArrayList<>();
        int runProc = Integer.MIN_VALUE;
        for (OperatorProfile op : workload.operators()) {
            int p = resolveProcessor(op);
            if (p != runProc && !run.isEmpty()) {
                groups.add(new Group(runProc, run));
                run = new ArrayList<>();
            }
            runProc = p;
            run.add(op);
        }
        groups.add(new Group(runProc, run));
        return new Plan(groups.toArray(new Group[0]));
    }

    private int resolveProcessor(OperatorProfile op) {
        String name = op.processor() == null ? "gpu" : op.processor().toLowerCase(Locale.ROOT);
        if (name.equals("cpu")) {
            return -1;
        }
        if (name.equals("gpu")) {
            if (gpu < 0) {
                throw new IllegalArgumentException("operator " + op.name() + " asks for the gpu but " + profile.name
                        + " has none; use cpu or one of " + processorNames());
            }
            return gpu;
        }
        int index = processorIndex(name);
        if (index < 0) {
            throw new IllegalArgumentException("operator " + op.name() + " asks for processor '" + op.processor()
                    + "', which " + profile.name + " does not have; use gpu, cpu or one of " + processorNames());
        }
        return index;
    }

    // ------------------------------------------------------------------ sensors

    /** Deterministic standard normal number for (seed, meter, update index): sensors read the same whoever polls. */
    private double gaussian(int meter, long update) {
        long h1 = mix(seed * 0x9E3779B97F4A7C15L + meter * 0xC2B2AE3D27D4EB4FL + update);
        long h2 = mix(h1 ^ 0x94D049BB133111EBL);
        double u1 = ((h1 >>> 11) + 1.0) / (double) (1L << 53);
        double u2 = (h2 >>> 11) / (double) (1L << 53);
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private double domainEnergyAt(boolean[] mask, long tNs) {
        double dtS = (tNs - segmentStartNs) * 1e-9;
        double sum = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                sum += componentEnergyJ[i] + componentPowerW[i] * dtS;
            }
        }
        return sum;
    }

    private double domainPowerW(boolean[] mask) {
        double sum = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                sum += componentPowerW[i];
            }
        }
        return sum;
    }

    /** A cumulative counter (fuel gauge, ODPM rail): updates every period with relative noise, quantised, wrapping. */
    private final class SimEnergyMeter implements EnergyMeter {
        final SocProfile.Sensor sensor;
        final boolean[] mask;
        final int index;
        final long periodNs;
        long lastUpdate;
        double lastTrueJ;
        double counterJ;
        double shownJ;

        SimEnergyMeter(SocProfile.Sensor sensor, boolean[] mask, int index) {
            this.sensor = sensor;
            this.mask = mask;
            this.index = index;
            this.periodNs = Math.max(1, Math.round(sensor.updatePeriodS * 1e9));
            this.lastUpdate = Math.floorDiv(simNowNs, periodNs);
            this.lastTrueJ = domainEnergyAt(mask, simNowNs);
        }

        /** Processes every update due by {@code tNs}; updates within one segment share one noisy increment. */
        void catchUp(long tNs) {
            long update = Math.floorDiv(tNs, periodNs);
            if (update <= lastUpdate) {
                return;
            }
            double trueJ = domainEnergyAt(mask, update * periodNs);
            double increment = trueJ - lastTrueJ;
            long updates = update - lastUpdate;
            double factor = sensorNoise ? 1 + sensor.noise * gaussian(index, update) / Math.sqrt(updates) : 1;
            counterJ += Math.max(0, increment * factor);
            lastTrueJ = trueJ;
            lastUpdate = update;
            double quantised = Math.floor(counterJ / sensor.resolution) * sensor.resolution;
            shownJ = Double.isInfinite(sensor.wrapJ) ? quantised : quantised % sensor.wrapJ;
        }

        @Override
        public String name() {
            return sensor.name;
        }

        @Override
        public String domain() {
            return sensor.domain;
        }

        @Override
        public double resolutionJ() {
            return sensor.resolution;
        }

        @Override
        public long updatePeriodNs() {
            return periodNs;
        }

        @Override
        public double wrapRangeJ() {
            return sensor.wrapJ;
        }

        @Override
        public boolean estimated() {
            return false;
        }

        @Override
        public double readJ() {
            synchronized (SimulatedDevice.this) {
                requireMetersConnected(name());
                sync();
                catchUp(clock.nanoTime());
                return shownJ;
            }
        }
    }

    /** A power reading (INA3221 rail): sampled at each update instant with relative noise, quantised. */
    private final class SimPowerMeter implements PowerMeter {
        final SocProfile.Sensor sensor;
        final boolean[] mask;
        final int index;
        final long periodNs;
        long lastUpdate = Long.MIN_VALUE;
        double shownW;

        SimPowerMeter(SocProfile.Sensor sensor, boolean[] mask, int index) {
            this.sensor = sensor;
            this.mask = mask;
            this.index = index;
            this.periodNs = Math.max(1, Math.round(sensor.updatePeriodS * 1e9));
        }

        void catchUp(long tNs) {
            long update = Math.floorDiv(tNs, periodNs);
            if (update <= lastUpdate) {
                return;
            }
            lastUpdate = update;
            double factor = sensorNoise ? 1 + sensor.noise * gaussian(index, update) : 1;
            double watts = Math.max(0, domainPowerW(mask) * factor);
            shownW = Math.round(watts / sensor.resolution) * sensor.resolution;
        }

        @Override
        public String name() {
            return sensor.name;
        }

        @Override
        public String domain() {
            return sensor.domain;
        }

        @Override
        public double resolutionW() {
            return sensor.resolution;
        }

        @Override
        public long updatePeriodNs() {
            return periodNs;
        }

        @Override
        public boolean estimated() {
            return false;
        }

        @Override
        public double readW() {
            synchronized (SimulatedDevice.this) {
                requireMetersConnected(name());
                sync();
                catchUp(clock.nanoTime());
                return shownW;
            }
        }
    }

    /** Executes a model's workload profiles on the device in simulated time. */
    public static final class SimEngine implements Engine {
        private final SimulatedDevice device;
        private final ModelProfiler model;
        private int inputSize;
        private final java.util.Map<Long, Plan> plans = new java.util.HashMap<>();

        SimEngine(SimulatedDevice device, ModelProfiler model, int inputSize) {
            if (inputSize < 0) {
                throw new IllegalArgumentException("input size must be >= 0, got " + inputSize);
            }
            this.device = device;
            this.model = model;
            this.inputSize = inputSize;
        }

        @Override
        public String model() {
            return model.model();
        }

        /** The plan for one batch size at the current input size, compiled once. */
        private Plan plan(int batchSize) {
            long key = ((long) batchSize << 32) | inputSize;
            Plan plan = plans.get(key);
            if (plan == null) {
                plan = device.compile(model.profile(batchSize, inputSize));
                plans.put(key, plan);
            }
            return plan;
        }

        @Override
        public void runBatch(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
            }
            device.run(plan(batchSize));
        }

        @Override
        public void setInputSize(int size) {
            if (size < 0) {
                throw new IllegalArgumentException("input size must be >= 0, got " + size);
            }
            inputSize = size;
        }

        /** The input size in the model's unit (tokens, pixels of height...). */
        public int inputSize() {
            return inputSize;
        }

        @Override
        public void idleUntil(long clockNs) {
            device.idleUntil(clockNs);
        }

        @Override
        public void close() {
            plans.clear();
        }
    }
}
