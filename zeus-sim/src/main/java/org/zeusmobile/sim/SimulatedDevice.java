package org.zeusmobile.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.zeusmobile.core.ManualClock;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.device.DeviceException;
import org.zeusmobile.core.device.DeviceInfo;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.device.SoftwareKnobs;
import org.zeusmobile.core.device.ThermalSensor;
import org.zeusmobile.core.measure.EnergyMeter;
import org.zeusmobile.core.measure.PowerMeter;
import org.zeusmobile.core.workload.ModelProfiler;
import org.zeusmobile.core.workload.WorkloadProfile;

/**
 * A simulated SoC driven by a {@link SocProfile}, in simulated time on a {@link ManualClock}: the Device
 * facade and the event loop. The physics live in their own classes: {@link PowerModel} (power),
 * {@link ThermalNetwork} (heat and trips), the governors ({@link Governor}), the sensors
 * ({@link SimEnergyMeter}, {@link SimPowerMeter}), the {@link WorkloadCompiler} (roofline) and
 * {@link BackgroundLoad} (interference).
 *
 * <p>Time moves only when work runs ({@link #engine}), when the device idles ({@link #idleFor},
 * {@link #idleUntil}) or when someone advances the clock directly (that gap is accounted at the
 * power of the state the device was left in). Between those moments the device is a sequence of
 * constant-power segments; the sensors, the thermal network and the governors all see the same
 * segments, so a {@code Monitor} sampling on the clock reads the right power at each instant.
 * Frequency changes take effect after the profile's actuation delay and cost {@code switchEnergy}.
 * Deterministic from the seed.
 */
public final class SimulatedDevice implements Device {

    private final SocProfile profile;
    private final long seed;
    private final ManualClock clock;
    private final DeviceInfo info;
    private final SimProcessor[] procs;
    private final SimBus[] buses;
    private final FreqDomain[] domains;
    private final List<Knob> knobs;
    /** batch (untuned at its smallest) and threads (at the profile's default): set by the app, not the SoC. */
    private final SoftwareKnobs software = new SoftwareKnobs();
    private final double maxPowerW;

    private final PowerLedger ledger;
    private final ThermalNetwork thermal;
    private final Governor[] governors;
    private final WorkloadCompiler compiler;
    private final SteadyStateEvaluator evaluator;
    private final BackgroundLoad background;
    private final List<SimEnergyMeter> energyMeters = new ArrayList<>();
    private final List<SimPowerMeter> powerMeters = new ArrayList<>();
    private final List<ThermalSensor> thermalSensors;
    private boolean sensorNoise = true;
    private boolean metersDisconnected;

    private long simNowNs;
    private long nextThermalNs;
    private boolean advancing;
    private final Activity activity;
    private final double[] scratch = new double[3];
    private final int[] busOppScratch;

    /** Opens {@code profile} on a fresh clock starting at 0; {@code seed} drives the sensor noise. */
    public SimulatedDevice(SocProfile profile, String spec, long seed) {
        this(profile, spec, seed, new ManualClock());
    }

    public SimulatedDevice(SocProfile profile, String spec, long seed, ManualClock clock) {
        this.profile = profile;
        this.seed = seed;
        this.clock = clock;
        this.simNowNs = clock.nanoTime();

        thermal = new ThermalNetwork(profile, profile.processors, simNowNs);
        procs = new SimProcessor[profile.processors.size()];
        List<SimProcessor> cpus = new ArrayList<>();
        SimProcessor gpu = null;
        for (int i = 0; i < procs.length; i++) {
            SocProfile.Processor p = profile.processors.get(i);
            procs[i] = new SimProcessor(p, thermal.nodeIndex(p.thermalNode));
            if (procs[i].isGpu()) {
                gpu = procs[i];
            } else {
                cpus.add(procs[i]);
            }
        }
        buses = new SimBus[profile.buses.size()];
        for (int i = 0; i < buses.length; i++) {
            buses[i] = new SimBus(profile.buses.get(i));
        }
        domains = new FreqDomain[procs.length + buses.length];
        System.arraycopy(procs, 0, domains, 0, procs.length);
        System.arraycopy(buses, 0, domains, procs.length, buses.length);
        busOppScratch = new int[buses.length];
        ledger = new PowerLedger(procs, buses.length, thermal.nodeIndex(profile.baseNode), simNowNs);
        compiler = new WorkloadCompiler(profile, procs, buses);
        evaluator = new SteadyStateEvaluator(profile, procs, buses, compiler);
        background = new BackgroundLoad(procs, compiler, profile.name);
        activity = new Activity(profile, procs, buses);
        governors = new Governor[] {
            new Schedutil(profile.cpuGovernor, cpus.toArray(new SimProcessor[0]), simNowNs),
            new BusyThresholdGovernor(profile.gpuGovernor, gpu, simNowNs),
            new BandwidthVoteGovernor(profile.busGovernor, buses, simNowNs)};
        nextThermalNs = simNowNs + ThermalNetwork.STEP_NS;

        List<Knob> knobList = new ArrayList<>();
        for (FreqDomain domain : domains) {
            knobList.add(Knob.frequencyHz(domain.knob, domain.freqHz));
        }
        Knob batchKnob = Knob.count(Knob.BATCH, profile.batchValues);
        software.add(batchKnob, batchKnob.min()).add(Knob.count(Knob.THREADS, profile.threadValues), profile.defaultThreads);
        knobList.addAll(software.knobs());
        knobs = Collections.unmodifiableList(knobList);

        for (SimProcessor proc : procs) {
            proc.refreshCosts(thermal.temperatureC(proc.node));
        }
        int meterIndex = 0;
        for (SocProfile.Sensor sensor : profile.sensors) {
            boolean[] mask = ledger.mask(sensor.components, procs);
            if (sensor.energy) {
                energyMeters.add(new SimEnergyMeter(this, ledger, sensor, mask, meterIndex++, simNowNs));
            } else {
                powerMeters.add(new SimPowerMeter(this, ledger, sensor, mask, meterIndex++));
            }
        }
        thermalSensors = Collections.unmodifiableList(thermal.sensors(this));
        // at the temperature where firmware starts throttling: the hottest the chip runs at full clocks
        maxPowerW = evaluator.maxPowerW(Math.max(profile.ambientC, Math.min(thermal.throttleTemperatureC(), 100)));
        info = new DeviceInfo(profile.name, spec, true, profile.soc + " (simulated): " + profile.description,
                "sim:" + profile.name + ":" + Integer.toHexString(knobs.hashCode()));
        refreshPowers();
    }

    /**
     * Opens a simulated device: {@code sim:NAME} for a built-in profile, {@code sim:file=PATH} for a
     * profile file, each optionally followed by {@code ,seed=N} (which overrides {@code seed}).
     */
    public static SimulatedDevice open(String spec, long seed) {
        SimSpec parsed = SimSpec.parse(spec, seed);
        return new SimulatedDevice(parsed.profile(), spec, parsed.seed());
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
        if (software.has(knobName)) {
            return software.current(knobName);
        }
        FreqDomain domain = domain(knobName);
        return domain.freqHz[domain.wanted()];
    }

    @Override
    public synchronized String governor(String knobName) {
        knob(knobName);
        if (software.has(knobName)) {
            return null;
        }
        FreqDomain domain = domain(knobName);
        return domain.pinned ? "userspace" : domain.governorName;
    }

    @Override
    public synchronized void apply(Configuration configuration) {
        configuration.requireLegalOn(this);
        sync();
        for (FreqDomain domain : domains) {
            Long value = configuration.get(domain.knob);
            if (value != null) {
                domain.pinned = true;
                domain.target = Arrays.binarySearch(domain.freqHz, value);
            } else if (domain.pinned) {
                domain.pinned = false;
                domain.target = domain.original;
            }
            domain.schedule(simNowNs);
        }
        software.apply(configuration);
        refreshPowers();
    }

    @Override
    public synchronized void restore() {
        sync();
        for (FreqDomain domain : domains) {
            domain.pinned = false;
            domain.target = domain.original;
            domain.schedule(simNowNs);
        }
        software.restore();
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
        return thermalSensors;
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
        return ledger.totalEnergyAt(simNowNs);
    }

    /**
     * The part of {@link #trueEnergyJ()} the background load caused since the device was opened, J: the marginal
     * energy of another app's activity (what the processors it ran on would not have drawn over the same time
     * without it). {@code trueEnergyJ() - trueBackgroundEnergyJ()} is the energy of our work and the idle device.
     */
    public synchronized double trueBackgroundEnergyJ() {
        sync();
        return ledger.backgroundEnergyAt(simNowNs);
    }

    /** The exact power the device draws now, W. */
    public synchronized double truePowerW() {
        sync();
        return ledger.totalPowerW();
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

    /** The temperature of the hottest thermal node now, °C. */
    public synchronized double hottestTemperatureC() {
        sync();
        return thermal.hottestC();
    }

    /** The lowest trip point that caps a frequency, °C (infinity when the profile has none). */
    public double throttleTemperatureC() {
        return thermal.throttleTemperatureC();
    }

    /** True when a trip point caps some processor's frequency now. */
    public synchronized boolean throttled() {
        sync();
        return thermal.throttled();
    }

    /** The frequency the named knob's hardware is running at this instant (after actuation delay and caps), Hz. */
    public synchronized long runningFreqHz(String knobName) {
        knob(knobName);
        sync();
        return domain(knobName).runningHz();
    }

    /**
     * Interference: another app takes {@code share} (0 = none, below 1) of {@code processor}'s time:
     * {@code gpu}, {@code cpu} (every cluster) or a cluster name. Our operators there run
     * correspondingly slower and the processor burns power for the other app.
     */
    public synchronized void setBackgroundLoad(String processor, double share) {
        background.check(processor, share);
        sync();
        background.apply(processor, share);
        refreshPowers();
    }

    /**
     * Schedules a background-load change at clock time {@code atClockNs} (a scenario phase); it takes
     * effect exactly then, even in the middle of a batch. Same arguments as {@link #setBackgroundLoad}.
     */
    public synchronized void scheduleBackgroundLoad(long atClockNs, String processor, double share) {
        background.schedule(atClockNs, processor, share);
    }

    /**
     * Random interference from {@code seed}: from now until {@code untilClockNs}, phases of exponential
     * length (mean {@code meanPhaseS}) alternate between quiet and another app taking a uniform share
     * in (0, {@code maxShare}) of the CPU clusters or of the GPU. Returns the number of phases scheduled.
     */
    public synchronized int randomBackgroundLoad(long seed, long untilClockNs, double meanPhaseS, double maxShare) {
        sync();
        return background.random(seed, simNowNs, untilClockNs, meanPhaseS, maxShare);
    }

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
        activity.clear();
        refreshPowers();
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
        c.requireLegalOn(this);
        int threadCount = (int) c.get(Knob.THREADS, profile.defaultThreads);
        return evaluator.batch(workload, FreqDomain.operatingPoints(procs, c, true), FreqDomain.operatingPoints(buses, c, true),
                threadCount, temperatureC);
    }

    /**
     * The noise-free power of the idle device at configuration {@code c} and chip temperature
     * {@code temperatureC}, W. Unpinned frequencies sit at their minimum, where the governors settle at idle.
     */
    public synchronized double idlePowerW(Configuration c, double temperatureC) {
        c.requireLegalOn(this);
        return evaluator.idlePowerW(FreqDomain.operatingPoints(procs, c, false), FreqDomain.operatingPoints(buses, c, false), temperatureC);
    }

    // ------------------------------------------------------------------ execution

    /** Compiles a workload profile for this device. */
    Plan compile(WorkloadProfile workload) {
        return compiler.compile(workload);
    }

    /** Runs one compiled batch in simulated time. */
    synchronized void run(Plan plan) {
        sync();
        // per-batch fixed overhead: framework code on the host cluster, one thread
        execute(null, compiler.hostCluster(1), 1);
        int threadCount = (int) software.current(Knob.THREADS);
        for (Plan.Group group : plan.groups) {
            int p = compiler.processorOf(group, threadCount);
            execute(group, p, compiler.coresFor(p, threadCount));
        }
        activity.clear();
        refreshPowers();
    }

    /** Executes a group of operators (or the batch overhead when {@code group} is null) on processor {@code p}. */
    private void execute(Plan.Group group, int p, int cores) {
        SimProcessor proc = procs[p];
        double remaining = 1.0;
        while (remaining > 1e-12) {
            if (group == null) {
                compiler.overheadCost(p, proc.running, scratch);
            } else {
                for (int b = 0; b < buses.length; b++) {
                    busOppScratch[b] = buses[b].running;
                }
                compiler.groupCost(group, p, proc.running, busOppScratch, cores, scratch);
            }
            double durationS = scratch[0] / (1 - proc.backgroundShare);
            if (!(durationS > 0)) {
                return;
            }
            activity.set(p, cores, scratch[1] / scratch[0], scratch[2] / durationS);
            refreshPowers();
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

    /** Recomputes every component's power for the current activity, frequencies and temperatures. */
    private void refreshPowers() {
        activity.writePowers(ledger);
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
        long dtNs = simNowNs - ledger.segmentStartNs;
        if (dtNs <= 0) {
            return;
        }
        for (SimEnergyMeter meter : energyMeters) {
            meter.catchUp(simNowNs);
        }
        for (SimPowerMeter meter : powerMeters) {
            meter.catchUp(simNowNs);
        }
        ledger.close(simNowNs, thermal);
        activity.account(dtNs);
    }

    private long nextEventNs() {
        long next = nextThermalNs;
        for (Governor governor : governors) {
            next = Math.min(next, governor.nextNs);
        }
        for (FreqDomain domain : domains) {
            if (domain.pending >= 0 && domain.pendingAtNs < next) {
                next = domain.pendingAtNs;
            }
        }
        next = Math.min(next, background.nextNs());
        return Math.max(next, simNowNs);
    }

    private void processDueEvents() {
        boolean changed = false;
        for (FreqDomain domain : domains) {
            if (domain.settle(simNowNs)) {
                ledger.addBaseEnergy(profile.switchEnergyJ, thermal);
                if (domain instanceof SimProcessor) {
                    SimProcessor proc = (SimProcessor) domain;
                    proc.refreshCosts(thermal.temperatureC(proc.node));
                }
                changed = true;
            }
        }
        if (background.applyDue(simNowNs)) {
            changed = true;
        }
        if (nextThermalNs <= simNowNs) {
            thermal.step(simNowNs, procs);
            for (SimProcessor proc : procs) {
                proc.schedule(simNowNs);
                proc.refreshCosts(thermal.temperatureC(proc.node));
            }
            nextThermalNs = simNowNs + ThermalNetwork.STEP_NS;
            changed = true;
        }
        for (Governor governor : governors) {
            if (governor.nextNs <= simNowNs) {
                governor.run(simNowNs);
            }
        }
        if (changed) {
            refreshPowers();
        }
    }

    // ------------------------------------------------------------------ helpers for the parts

    /** Checks the meters are connected, accounts time up to the clock and returns the clock, for a sensor read. */
    long syncForSensorRead(String meter) {
        if (metersDisconnected) {
            throw new DeviceException(meter + ": No such device (the simulated meters were disconnected)");
        }
        sync();
        return clock.nanoTime();
    }

    boolean sensorNoise() {
        return sensorNoise;
    }

    /** The temperature of thermal node {@code node} now, °C (for the thermal sensors). */
    synchronized double temperatureNowC(int node) {
        sync();
        return thermal.temperatureC(node);
    }

    private FreqDomain domain(String knobName) {
        for (FreqDomain domain : domains) {
            if (domain.knob.equals(knobName)) {
                return domain;
            }
        }
        throw new IllegalArgumentException("device " + profile.name + " has no frequency knob '" + knobName + "'");
    }
}
