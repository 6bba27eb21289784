package org.zeusmobile.linux;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.zeusmobile.core.Clock;
import org.zeusmobile.core.SystemClock;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.device.DeviceException;
import org.zeusmobile.core.device.DeviceInfo;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.device.RestoreFailedException;
import org.zeusmobile.core.device.ThermalSensor;
import org.zeusmobile.core.device.UnusableDeviceException;
import org.zeusmobile.core.guard.Guard;
import org.zeusmobile.core.measure.EnergyMeter;
import org.zeusmobile.core.measure.PowerMeter;

/**
 * A real Linux or Android device through sysfs: cpufreq policies, the GPU (KGSL or devfreq), memory
 * and bus devfreq and Jetson EMC as knobs; INA3221, hwmon, RAPL, ODPM and the battery as meters;
 * thermal zones as sensors. Works on any {@link SysFs}: this machine, a fixture tree, or a phone over adb.
 *
 * <p>Safety: only files that discovery found as knob files are ever written, only with legal values.
 * Before the first write, the original contents of every touched knob's files go to a journal (atomic
 * write, fsync); {@link #restore()} and {@link #close()} put them back, so do a JVM shutdown hook
 * (SIGTERM, via {@link Guard}) and, after a hard kill, the next {@code open} of the same root, which takes
 * over a journal whose process is dead. A journal whose process still lives makes {@code open} refuse.
 * A configuration left pinned on purpose by {@link #applyAndDetach} stays pinned through opens that only
 * look; {@link #restoreJournal()} or a run that applies (and then closes) restores the true originals.
 *
 * <p>Clamps: when a knob reads back a value other than the one pinned (a thermal or policy cap),
 * {@link #apply} does not throw; it records a {@link Clamp}, available from {@link #clamps()}, so that the
 * caller can report it and the optimizer can go on with the value the hardware really runs.
 */
public final class SysfsDevice implements Device {

    /** How a {@link SysfsDevice} is opened. */
    public static final class Options {
        private String spec = "linux";
        private String journalDir;
        private List<String> journalParents = LINUX_JOURNAL_PARENTS;
        private double maxPowerW = DEFAULT_MAX_POWER_W;
        private long settleNs = 20_000_000L;
        private Clock clock = SystemClock.INSTANCE;
        private ProcessTable processes = ProcessTable.local();
        private long sampleMaxAgeNs;
        private boolean shutdownHook = true;
        private long reconnectTimeoutNs;

        /** The spec that opened the device, shown in its info. */
        public Options spec(String spec) {
            this.spec = spec;
            return this;
        }

        /**
         * The directory the journal lives in, inside the root: made with mode 0700 when missing (its parent must
         * exist), refused when it is a symlink, another user's or open to others. Default: {@code zeus-mobile}
         * under the first of {@link #journalParents} that exists (see {@link JournalStore}).
         */
        public Options journalDir(String dir) {
            this.journalDir = SysFs.requireSafePath(dir);
            return this;
        }

        /** Where the default journal directory may go, in order; the last (the root) always exists. */
        public Options journalParents(List<String> parents) {
            for (String parent : parents) {
                SysFs.requireSafePath(parent);
            }
            this.journalParents = new ArrayList<>(parents);
            return this;
        }

        /** The device's P_max in W (default 15 W). */
        public Options maxPowerW(double maxPowerW) {
            if (!(maxPowerW > 0) || Double.isInfinite(maxPowerW)) {
                throw new IllegalArgumentException("maxPowerW must be a positive number of watts, got " + maxPowerW);
            }
            this.maxPowerW = maxPowerW;
            return this;
        }

        /** How long a write may take to show in the read-back before it counts as clamped (default 20 ms; DESIGN.md: 1 to 8 ms). */
        public Options settleNs(long settleNs) {
            this.settleNs = settleNs;
            return this;
        }

        public Options clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Options processes(ProcessTable processes) {
            this.processes = processes;
            return this;
        }

        /** Batches meter reads: one read of every meter file serves all reads within this age (adb). 0 = read each meter's own files. */
        public Options sampleMaxAgeNs(long sampleMaxAgeNs) {
            this.sampleMaxAgeNs = sampleMaxAgeNs;
            return this;
        }

        /** Whether to restore on JVM shutdown (SIGTERM); off inside Android apps, where hooks never run. */
        public Options shutdownHook(boolean shutdownHook) {
            this.shutdownHook = shutdownHook;
            return this;
        }

        /** How long restore waits for a disconnected device to come back before giving up (default 0: no wait). */
        public Options reconnectTimeoutNs(long reconnectTimeoutNs) {
            this.reconnectTimeoutNs = reconnectTimeoutNs;
            return this;
        }
    }

    /** Default journal parents on Linux: /run and /tmp are cleared at reboot, as sysfs is. */
    static final List<String> LINUX_JOURNAL_PARENTS = Collections.unmodifiableList(Arrays.asList("/run", "/tmp", "/"));
    /** Over adb: the shell user's own temporary directory, then the root (in test trees). */
    static final List<String> ADB_JOURNAL_PARENTS = Collections.unmodifiableList(Arrays.asList("/data/local/tmp", "/"));

    /** When no P_max is given: the 15 W module budget of a Jetson TX2 (DESIGN.md section 5), a mid-range board. */
    public static final double DEFAULT_MAX_POWER_W = 15.0;

    /** The journal owner of a configuration left pinned by {@link #detach()}: no process. */
    static final String DETACHED = "detached";

    private final SysFs fs;
    private final Options options;
    private final KnobDrivers drivers;
    private final List<String> problems = new ArrayList<>();
    private final JournalStore journal;
    private final MeterDiscovery meters;
    private final DeviceInfo info;
    private final String owner;
    /** Original file contents of every knob changed and not yet restored, in the order first touched. */
    private final Map<String, Map<String, String>> originals = new LinkedHashMap<>();
    private final List<Clamp> clamps = new ArrayList<>();
    private String takenOverFrom;
    private List<String> takenOverKnobs = Collections.emptyList();
    /** True while a journal left by {@link #detach()} was taken over and this run has not written: close leaves the pins. */
    private boolean keepDetachedPins;
    private Guard guard;
    private boolean detached;
    private boolean closed;

    private SysfsDevice(SysFs fs, Options options) {
        this.fs = fs;
        this.options = options;
        this.drivers = KnobDrivers.discover(fs, problems);
        this.meters = new MeterDiscovery(new Sampler(fs, options.clock, options.sampleMaxAgeNs)).discoverAll();
        problems.addAll(meters.problems);
        this.journal = new JournalStore(fs, options.journalDir, options.journalParents);
        if (drivers.all.isEmpty() && meters.energy.isEmpty() && meters.power.isEmpty()) {
            throw new UnusableDeviceException("no cpufreq, devfreq, KGSL, power or energy files found on " + fs.describe()
                    + (problems.isEmpty() ? ": is this a Linux device's root (it should hold /sys)?" : ": " + problems));
        }
        this.info = describe();
        this.owner = options.processes.self();
    }

    /**
     * Discovers the device under {@code fs}. When an earlier run left a journal: refuses if its process
     * still runs, otherwise takes it over (its originals are restored by {@link #restore()} or {@link #close()}).
     */
    public static SysfsDevice open(SysFs fs, Options options) {
        SysfsDevice device = new SysfsDevice(fs, options);
        device.takeOverJournal();
        return device;
    }

    private void takeOverJournal() {
        Journal journal = readJournal();
        if (journal == null) {
            return;
        }
        if (options.processes.alive(journal.owner)) {
            throw new UnusableDeviceException("device " + fs.describe() + " is being driven by another zeus-mobile process (pid "
                    + journal.owner.split(":")[0] + ", journal " + this.journal.path()
                    + "); stop that process first: it restores the knobs when it exits");
        }
        takenOverFrom = journal.owner;
        takenOverKnobs = Collections.unmodifiableList(new ArrayList<>(journal.knobs.keySet()));
        originals.putAll(journal.knobs);
        if (journal.owner.equals(DETACHED)) {
            // `zeus-mobile apply` left this pinned on purpose: keep it so unless this run writes or restores
            keepDetachedPins = true;
            return;
        }
        writeJournal(); // a crashed run's journal: this process now owns it and restores on close
        installGuard();
    }

    /**
     * The journal on the device, validated against the allow-list and each file's kind of value, or null when
     * there is none.
     */
    private Journal readJournal() {
        Journal found;
        try {
            found = journal.read(fs.describe());
        } catch (IllegalArgumentException e) {
            throw new UnusableDeviceException(e.getMessage(), e);
        }
        if (found == null) {
            return null;
        }
        drivers.requireRestorable(found, journal.path());
        return found;
    }

    private DeviceInfo describe() {
        String model = null;
        for (String path : new String[] {"/sys/firmware/devicetree/base/model", "/proc/device-tree/model",
                "/sys/class/dmi/id/product_name"}) {
            String text = fs.readOrNull(path);
            if (text != null && !text.replace("\u0000", "").trim().isEmpty()) {
                model = text.replace("\u0000", "").trim();
                break;
            }
        }
        String name = model == null ? "linux" : model;
        StringBuilder methods = new StringBuilder();
        for (KnobDriver driver : drivers.all.values()) {
            methods.append(methods.length() == 0 ? "" : "; ").append(driver.knob.name()).append(": ").append(driver.method());
        }
        String description = String.format(Locale.ROOT, "%s on %s: %d knobs (%s), %d energy meters, %d power meters, %d thermal sensors",
                name, fs.describe(), drivers.usable.size(), methods, meters.energy.size(), meters.power.size(), meters.thermal.size());
        String identity = "linux:" + Domains.word(name) + ":" + Integer.toHexString(drivers.usable.toString().hashCode());
        return new DeviceInfo(name, options.spec, false, description, identity);
    }

    @Override
    public DeviceInfo info() {
        return info;
    }

    @Override
    public List<Knob> knobs() {
        return drivers.usable();
    }

    /** The knob called {@code name}; one left alone at discovery is refused with the reason. */
    @Override
    public Knob knob(String name) {
        String reason = drivers.leftAlone.get(name);
        if (reason != null) {
            throw new UnusableDeviceException("knob " + name + " of " + info.name() + " is left alone: " + reason);
        }
        return Device.super.knob(name);
    }

    @Override
    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }

    private KnobDriver driver(String name) {
        knob(name); // an unknown name throws, listing the known ones
        return drivers.all.get(name);
    }

    @Override
    public long current(String knob) {
        return driver(knob).currentHz(fs);
    }

    @Override
    public String governor(String knob) {
        return driver(knob).governor(fs);
    }

    @Override
    public synchronized void apply(Configuration configuration) {
        if (closed || detached) {
            throw new IllegalStateException("device " + info.name() + " is " + (closed ? "closed" : "detached") + "; open it again");
        }
        for (String name : configuration.knobs()) {
            knob(name).requireLegal(configuration.get(name));
        }
        clamps.clear();
        try {
            boolean added = false;
            for (String name : configuration.knobs()) {
                if (!originals.containsKey(name)) {
                    originals.put(name, drivers.all.get(name).snapshot(fs));
                    added = true;
                }
            }
            if (added || keepDetachedPins) {
                writeJournal(); // before the first write to any newly touched knob
                installGuard();
                keepDetachedPins = false;
            }
            KnobDriver.Writer writer = this::write;
            for (String name : configuration.knobs()) {
                long value = configuration.get(name);
                KnobDriver driver = drivers.all.get(name);
                driver.pin(fs, writer, value);
                long effective = readBack(driver, value);
                if (effective != value) {
                    clamps.add(new Clamp(name, value, effective));
                }
            }
            List<String> released = new ArrayList<>();
            for (String name : originals.keySet()) {
                if (!configuration.pins(name)) {
                    released.add(name);
                }
            }
            if (!released.isEmpty()) {
                for (String name : released) {
                    drivers.all.get(name).restore(fs, this::writeIfChanged, originals.get(name));
                    originals.remove(name);
                }
                persistOrDeleteJournal();
            }
        } catch (RuntimeException e) {
            try {
                restore();
            } catch (RuntimeException restoreFailure) {
                e.addSuppressed(restoreFailure);
            }
            throw e;
        }
    }

    /** Polls the effective value until it matches or the settle time passes: frequencies take 1 to 8 ms. */
    private long readBack(KnobDriver driver, long target) {
        Clock clock = options.clock;
        long deadline = clock.nanoTime() + options.settleNs;
        while (true) {
            long effective = driver.currentHz(fs);
            if (effective == target || clock.nanoTime() >= deadline
                    || !clock.sleepUntil(Math.min(deadline, clock.nanoTime() + 1_000_000L))) {
                return effective;
            }
        }
    }

    /** The allow-list and value check every write passes. */
    private void write(String path, String value) {
        if (!drivers.writable.contains(path)) {
            throw new DeviceException("refusing to write " + path + ": it is not a knob file that discovery found");
        }
        Journal.requireValue(value, path);
        fs.write(path, value);
    }

    /** Restores skip files that already hold their original: nothing to do, and nothing to be refused. */
    private void writeIfChanged(String path, String value) {
        String now = fs.readOrNull(path);
        if (now == null || !now.trim().equals(value)) {
            write(path, value);
        }
    }

    private void writeJournal() {
        journal.write(owner, originals);
    }

    private void persistOrDeleteJournal() {
        if (originals.isEmpty()) {
            journal.delete();
        } else {
            writeJournal();
        }
    }

    private void installGuard() {
        if (guard == null && options.shutdownHook) {
            guard = Guard.protect(this);
        }
    }

    /** The clamps the last {@link #apply} found (empty when every knob reads back its pinned value). */
    public synchronized List<Clamp> clamps() {
        return Collections.unmodifiableList(new ArrayList<>(clamps));
    }

    /** The knobs whose originals are journaled and not yet restored. */
    public synchronized List<String> pendingRestore() {
        return new ArrayList<>(originals.keySet());
    }

    /**
     * The owner ({@code PID:STARTTIME}, or {@link #DETACHED} for what {@code zeus-mobile apply} left pinned) of a
     * journal this device took over at open, or null.
     */
    public String takenOverFrom() {
        return takenOverFrom;
    }

    /** The knobs that journal held: what a killed run or an earlier apply left changed. */
    public List<String> takenOverKnobs() {
        return takenOverKnobs;
    }

    /** Whether the journal taken over at open was left by a run that died (not by {@code zeus-mobile apply}). */
    public boolean tookOverKilledRun() {
        return takenOverFrom != null && !takenOverFrom.equals(DETACHED);
    }

    public String journalPath() {
        return journal.path();
    }

    public SysFs fs() {
        return fs;
    }

    /**
     * Leaves the pinned configuration and its journal in place and lets go of the device without
     * restoring: for {@code zeus-mobile apply}. A later open (e.g. {@code zeus-mobile restore}) takes the
     * journal over and puts the originals back.
     */
    public synchronized void detach() {
        if (!originals.isEmpty()) {
            // nobody drives the device any more: the next open takes the journal over at once
            journal.write(DETACHED, originals);
        }
        detached = true;
        closed = true;
        closeGuard();
    }

    /**
     * {@code zeus-mobile apply}: pins {@code configuration}, journals the originals and leaves both in
     * place for a later {@link #restoreJournal()}. Returns the clamps found on read-back.
     */
    public synchronized List<Clamp> applyAndDetach(Configuration configuration) {
        apply(configuration);
        List<Clamp> found = clamps();
        detach();
        return found;
    }

    /**
     * {@code zeus-mobile restore}: puts back everything the journal (taken over at open) and this device
     * changed, removes the journal and returns the names of the knobs restored (empty when nothing was pinned).
     */
    public synchronized List<String> restoreJournal() {
        List<String> restored = restoreAndList();
        if (restored.isEmpty()) {
            journal.delete(); // a run killed before its first journal left at most an empty directory
        }
        return restored;
    }

    @Override
    public synchronized List<String> restoreAndList() {
        List<String> restored = pendingRestore();
        restore();
        return restored;
    }

    @Override
    public synchronized void restore() {
        if (detached || originals.isEmpty()) {
            return;
        }
        keepDetachedPins = false;
        List<String> failures = restoreAll(originals);
        if (!failures.isEmpty() && options.reconnectTimeoutNs > 0) {
            failures = retryAfterReconnect(failures);
        }
        if (!failures.isEmpty()) {
            throw new RestoreFailedException("could not restore " + failures + " on " + fs.describe() + "; the journal "
                    + journal.path() + " keeps the original values: run `zeus-mobile restore --device "
                    + options.spec + "` once the device is reachable");
        }
        closeGuard();
    }

    /** Restores knobs in the reverse order they were touched; returns the failures and keeps their originals. */
    private List<String> restoreAll(Map<String, Map<String, String>> knobOriginals) {
        List<String> names = new ArrayList<>(knobOriginals.keySet());
        Collections.reverse(names);
        List<String> failures = new ArrayList<>();
        boolean disconnected = false;
        for (String name : names) {
            try {
                drivers.all.get(name).restore(fs, this::writeIfChanged, knobOriginals.get(name));
                originals.remove(name);
            } catch (DeviceDisconnectedException e) {
                failures.add(name + ": " + e.getMessage());
                disconnected = true;
            } catch (RuntimeException e) {
                failures.add(name + ": " + e.getMessage());
            }
        }
        if (!disconnected) {
            persistOrDeleteJournal();
        }
        return failures;
    }

    /** Waits for the device to come back, then restores from the journal kept on it. */
    private List<String> retryAfterReconnect(List<String> failures) {
        Clock clock = options.clock;
        long deadline = clock.nanoTime() + options.reconnectTimeoutNs;
        while (clock.nanoTime() < deadline) {
            try {
                Journal journal = readJournal();
                Map<String, Map<String, String>> fromDevice = journal == null ? new LinkedHashMap<>(originals) : journal.knobs;
                return restoreAll(fromDevice);
            } catch (DeviceDisconnectedException stillGone) {
                if (!clock.sleepUntil(Math.min(deadline, clock.nanoTime() + 100_000_000L))) {
                    return failures;
                }
            }
        }
        return failures;
    }

    private void closeGuard() {
        Guard current = guard;
        guard = null;
        if (current != null) {
            current.close(); // calls restore(), which finds nothing left to do, and removes the shutdown hook
        }
    }

    @Override
    public List<EnergyMeter> energyMeters() {
        return Collections.unmodifiableList(meters.energy);
    }

    @Override
    public List<PowerMeter> powerMeters() {
        return Collections.unmodifiableList(meters.power);
    }

    @Override
    public List<ThermalSensor> thermalSensors() {
        return Collections.unmodifiableList(meters.thermal);
    }

    @Override
    public Clock clock() {
        return options.clock;
    }

    @Override
    public double maxPowerW() {
        return options.maxPowerW;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        if (keepDetachedPins) {
            closed = true; // only looked: the configuration `zeus-mobile apply` left stays pinned
            return;
        }
        try {
            restore();
        } finally {
            closed = true;
        }
    }

    @Override
    public String toString() {
        return info.toString();
    }
}
