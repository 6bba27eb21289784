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
 * A simulated SoC driven by a {@link SocProfile}, in simulated time on a {@link ManualClock}: the {@link Device}
 * facade. Simulated time lives in the {@link EventLoop}; the physics in their own classes: {@link PowerModel}
 * (power and idle states), {@link ThermalNetwork} (heat and trips), one {@link Governor} class per kernel
 * governor, the sensors ({@link SimEnergyMeter}, {@link SimPowerMeter}), the {@link WorkloadCompiler} (roofline
 * and dispatch) and {@link BackgroundLoad} (interference). Deterministic from the seed.
 */
public final class SimulatedDevice implements Device {

    private final SocProfile profile;
    private final long seed;
    private final ManualClock clock;
    private final DeviceInfo info;
    private final EventLoop loop;
    private final SteadyStateEvaluator evaluator;
    private final List<Knob> knobs;
    /** batch (untuned at its smallest) and threads (at the profile's default): set by the app, not the SoC. */
    private final SoftwareKnobs software = new SoftwareKnobs();
    private final double maxPowerW;
    private final List<ThermalSensor> thermalSensors;
    private boolean sensorNoise = true;
    private boolean metersDisconnected;

    /** Opens {@code profile} on a fresh clock starting at 0; {@code seed} drives the sensor noise. */
    public SimulatedDevice(SocProfile profile, String spec, long seed) {
        this(profile, spec, seed, new ManualClock());
    }

    public SimulatedDevice(SocProfile profile, String spec, long seed, ManualClock clock) {
        this.profile = profile;
        this.seed = seed;
        this.clock = clock;
        loop = new EventLoop(profile, clock);
        evaluator = new SteadyStateEvaluator(profile, loop.procs, loop.buses, loop.compiler);
        List<Knob> knobList = new ArrayList<>();
        for (FreqDomain domain : loop.domains) {
            knobList.add(Knob.frequencyHz(domain.knob, domain.freqHz));
        }
        Knob batchKnob = Knob.count(Knob.BATCH, profile.batchValues);
        software.add(batchKnob, batchKnob.min()).add(Knob.count(Knob.THREADS, profile.threadValues), profile.defaultThreads);
        knobList.addAll(software.knobs());
        knobs = Collections.unmodifiableList(knobList);
        int meterIndex = 0;
        for (SocProfile.Sensor sensor : profile.sensors) {
            boolean[] mask = loop.ledger.mask(sensor.components, loop.procs);
            if (sensor.energy) {
                loop.energyMeters.add(new SimEnergyMeter(this, loop.ledger, sensor, mask, meterIndex++, loop.now()));
            } else {
                loop.powerMeters.add(new SimPowerMeter(this, loop.ledger, sensor, mask, meterIndex++));
            }
        }
        thermalSensors = Collections.unmodifiableList(loop.thermal.sensors(this));
        // at the temperature where firmware starts throttling: the hottest the chip runs at full clocks
        maxPowerW = evaluator.maxPowerW(Math.max(profile.ambientC, Math.min(loop.thermal.throttleTemperatureC(), 100)));
        info = new DeviceInfo(profile.name, spec, true, profile.soc + " (simulated): " + profile.description,
                "sim:" + profile.name + ":" + Integer.toHexString(knobs.hashCode()));
        loop.refreshPowers();
    }

    /**
     * Opens a simulated device: {@code sim:NAME} for a built-in profile, {@code sim:file=PATH} for a profile file,
     * each optionally followed by {@code ,seed=N} (sensor noise; overrides {@code seed}) and {@code ,draw=N} (the
     * profile with every estimated constant drawn inside its range, {@link ProfileSampler}).
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
        loop.sync();
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

    /**
     * Pins the frequencies {@code configuration} names (userspace); the others go back to their governors, which
     * continue from the frequency the hardware runs now, as writing the governor back to sysfs does (a change still
     * in flight is dropped).
     */
    @Override
    public synchronized void apply(Configuration configuration) {
        configuration.requireLegalOn(this);
        loop.sync();
        for (FreqDomain domain : loop.domains) {
            Long value = configuration.get(domain.knob);
            if (value != null) {
                domain.pinned = true;
                domain.target = Arrays.binarySearch(domain.freqHz, value);
            } else if (domain.pinned) {
                // handed back: the governor takes over the clock the hardware runs now
                domain.pinned = false;
                domain.target = domain.running;
            }
            domain.schedule(loop.now());
        }
        software.apply(configuration);
        loop.refreshPowers();
    }

    @Override
    public synchronized void restore() {
        apply(Configuration.governed());
    }

    @Override
    public List<EnergyMeter> energyMeters() {
        return Collections.unmodifiableList(new ArrayList<EnergyMeter>(loop.energyMeters));
    }

    @Override
    public List<PowerMeter> powerMeters() {
        return Collections.unmodifiableList(new ArrayList<PowerMeter>(loop.powerMeters));
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
        loop.sync();
        return loop.ledger.totalEnergyAt(loop.now());
    }

    /**
     * The part of {@link #trueEnergyJ()} the background load caused since the device was opened, J: the marginal
     * energy of another app's activity (what the processors it ran on would not have drawn over the same time
     * without it; see {@link PowerModel#backgroundW}). {@code trueEnergyJ() - trueBackgroundEnergyJ()} is the
     * energy of our work and the idle device.
     */
    public synchronized double trueBackgroundEnergyJ() {
        loop.sync();
        return loop.ledger.backgroundEnergyAt(loop.now());
    }

    /** The exact power the device draws now, W. */
    public synchronized double truePowerW() {
        loop.sync();
        return loop.ledger.totalPowerW();
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
        loop.sync();
        return loop.thermal.hottestC();
    }

    /** The lowest trip point that caps a frequency, °C (infinity when the profile has none). */
    public double throttleTemperatureC() {
        return loop.thermal.throttleTemperatureC();
    }

    /** True when a trip point caps some processor's frequency now. */
    public synchronized boolean throttled() {
        loop.sync();
        return loop.thermal.throttled();
    }

    /** The frequency the named knob's hardware is running at this instant (after actuation delay and caps), Hz. */
    public synchronized long runningFreqHz(String knobName) {
        knob(knobName);
        loop.sync();
        return domain(knobName).runningHz();
    }

    /**
     * Interference: another app takes {@code share} (0 = none, below 1) of {@code processor}'s time:
     * {@code gpu}, {@code cpu} (every cluster) or a cluster name. Our operators there run
     * correspondingly slower and the processor burns power for the other app.
     */
    public synchronized void setBackgroundLoad(String processor, double share) {
        loop.background.check(processor, share);
        loop.sync();
        loop.background.apply(processor, share);
        loop.refreshPowers();
    }

    /**
     * Schedules a background-load change at clock time {@code atClockNs} (a scenario phase); it takes
     * effect exactly then, even in the middle of a batch. Same arguments as {@link #setBackgroundLoad}.
     */
    public synchronized void scheduleBackgroundLoad(long atClockNs, String processor, double share) {
        loop.background.schedule(atClockNs, processor, share);
    }

    /**
     * Random interference from {@code seed}: from now until {@code untilClockNs}, phases of exponential
     * length (mean {@code meanPhaseS}) alternate between quiet and another app taking a uniform share
     * in (0, {@code maxShare}) of the CPU clusters or of the GPU. Returns the number of phases scheduled.
     */
    public synchronized int randomBackgroundLoad(long seed, long untilClockNs, double meanPhaseS, double maxShare) {
        loop.sync();
        return loop.background.random(seed, loop.now(), untilClockNs, meanPhaseS, maxShare);
    }

    /** Lets {@code ns} of simulated time pass with nothing of ours running. */
    public synchronized void idleFor(long ns) {
        if (ns < 0) {
            throw new IllegalArgumentException("cannot idle for a negative time: " + ns + " ns");
        }
        loop.sync();
        loop.idleUntil(loop.now() + ns);
    }

    /** Idles until the clock reads {@code clockNs}; returns at once if it already does. */
    public synchronized void idleUntil(long clockNs) {
        loop.idleUntil(clockNs);
    }

    /**
     * The noise-free cost of one batch of {@code workload}, run back to back, at configuration {@code c} and a
     * uniform chip temperature {@code temperatureC}, without touching the device. Knobs {@code c} does not pin run
     * at their maximum frequency (where the governors drive a sustained load); threads at the default. The current
     * background load counts; thermal caps, actuation and governors do not.
     */
    public synchronized SteadyState steadyState(Configuration c, WorkloadProfile workload, double temperatureC) {
        c.requireLegalOn(this);
        int threadCount = (int) c.get(Knob.THREADS, profile.defaultThreads);
        return evaluator.batch(workload, FreqDomain.operatingPoints(loop.procs, c, true),
                FreqDomain.operatingPoints(loop.buses, c, true), threadCount, temperatureC);
    }

    /**
     * The noise-free power of the device idle long enough for every processor to reach its deep state, at
     * configuration {@code c} and chip temperature {@code temperatureC}, W. Unpinned frequencies sit at their
     * minimum, where the governors settle at idle.
     */
    public synchronized double idlePowerW(Configuration c, double temperatureC) {
        c.requireLegalOn(this);
        return evaluator.idlePowerW(FreqDomain.operatingPoints(loop.procs, c, false),
                FreqDomain.operatingPoints(loop.buses, c, false), temperatureC);
    }

    // ------------------------------------------------------------------ for the engine, sensors and tests

    /** Compiles a workload profile for this device. */
    Plan compile(WorkloadProfile workload) {
        return loop.compiler.compile(workload);
    }

    /** Runs one compiled batch in simulated time. */
    synchronized void run(Plan plan) {
        loop.run(plan, (int) software.current(Knob.THREADS));
    }

    /** Checks the meters are connected, accounts time up to the clock and returns the clock, for a sensor read. */
    long syncForSensorRead(String meter) {
        if (metersDisconnected) {
            throw new DeviceException(meter + ": No such device (the simulated meters were disconnected)");
        }
        loop.sync();
        return clock.nanoTime();
    }

    boolean sensorNoise() {
        return sensorNoise;
    }

    /** The temperature of thermal node {@code node} now, °C (for the thermal sensors). */
    synchronized double temperatureNowC(int node) {
        loop.sync();
        return loop.thermal.temperatureC(node);
    }

    /** The processor called {@code name} (tests look at its idle state and governor). */
    SimProcessor processor(String name) {
        for (SimProcessor p : loop.procs) {
            if (p.spec.name.equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("device " + profile.name + " has no processor " + name);
    }

    private FreqDomain domain(String knobName) {
        for (FreqDomain domain : loop.domains) {
            if (domain.knob.equals(knobName)) {
                return domain;
            }
        }
        throw new IllegalArgumentException("device " + profile.name + " has no frequency knob '" + knobName + "'");
    }
}
