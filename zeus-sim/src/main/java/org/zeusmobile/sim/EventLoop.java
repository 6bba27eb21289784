package org.zeusmobile.sim;

import java.util.ArrayList;
import java.util.List;
import org.zeusmobile.core.ManualClock;

/**
 * Simulated time for one device. Time moves only when work runs ({@link #run}), when the device idles
 * ({@link #idleUntil}) or when someone advances the clock directly (that gap is accounted at the power of the
 * state the device was left in, {@link #sync}). Between those moments the device is a sequence of constant-power
 * segments; the sensors, the thermal network and the governors all see the same segments. Events (governor
 * polls and timers, actuation, deep-idle entry, heat steps, interference phases) split segments where they fall.
 * Callers hold the device's lock.
 */
final class EventLoop {

    private final SocProfile profile;
    private final ManualClock clock;
    final SimProcessor[] procs;
    final SimBus[] buses;
    final FreqDomain[] domains;
    final PowerLedger ledger;
    final ThermalNetwork thermal;
    final WorkloadCompiler compiler;
    final BackgroundLoad background;
    private final Activity activity;
    private final Governor[] governors;
    private final Governor busGovernor;
    private final SimProcessor gpu;
    final List<SimEnergyMeter> energyMeters = new ArrayList<>();
    final List<SimPowerMeter> powerMeters = new ArrayList<>();
    private final boolean[] inUse;
    private final int[] usedCores;
    private final StepCost cost = new StepCost();
    private final StepCost applied = new StepCost();
    private final int[] busOpp;
    private long simNowNs;
    private long nextThermalNs;
    private boolean advancing;
    private double trafficBps = -1;
    private int votedGpuState = Integer.MIN_VALUE;

    EventLoop(SocProfile profile, ManualClock clock) {
        this.profile = profile;
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
        busOpp = new int[buses.length];
        inUse = new boolean[procs.length];
        usedCores = new int[procs.length];
        ledger = new PowerLedger(procs, buses.length, thermal.nodeIndex(profile.baseNode), simNowNs);
        compiler = new WorkloadCompiler(profile, procs, buses);
        background = new BackgroundLoad(procs, compiler, profile.name);
        activity = new Activity(profile, procs, buses);
        SimProcessor[] cpuArray = cpus.toArray(new SimProcessor[0]);
        Governor cpuGovernor = GovernorKind.of(profile.cpuGovernor.name, GovernorKind.Role.CPU) == GovernorKind.WALT
                ? new Walt(profile.cpuGovernor, cpuArray, simNowNs) : new Schedutil(profile.cpuGovernor, cpuArray, simNowNs);
        Governor gpuGovernor = gpu == null ? null
                : GovernorKind.of(profile.gpuGovernor.name, GovernorKind.Role.GPU) == GovernorKind.MSM_ADRENO_TZ
                        ? new MsmAdrenoTz(profile.gpuGovernor, gpu, simNowNs)
                        : new NvhostPodgov(profile.gpuGovernor, gpu, simNowNs);
        busGovernor = GovernorKind.of(profile.busGovernor.name, GovernorKind.Role.MEMORY) == GovernorKind.BW_HWMON
                ? new BwHwmon(profile.busGovernor, buses, simNowNs) : new TegraActmon(profile.busGovernor, buses, simNowNs);
        this.gpu = gpu;
        governors = gpuGovernor == null ? new Governor[] {cpuGovernor, busGovernor}
                : new Governor[] {cpuGovernor, gpuGovernor, busGovernor};
        for (SimProcessor proc : procs) {
            proc.governor = proc.isGpu() ? gpuGovernor : cpuGovernor;
            proc.refreshCosts(thermal.temperatureC(proc.node));
        }
        nextThermalNs = simNowNs + ThermalNetwork.STEP_NS;
    }

    long now() {
        return simNowNs;
    }

    /** Accounts a clock advance made by someone else, at the power of the state the device was left in. */
    void sync() {
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

    /** Idles until the clock reads {@code clockNs}; returns at once if it already does. */
    void idleUntil(long clockNs) {
        sync();
        activity.clear();
        loadsChanged();
        advance(clockNs - simNowNs);
    }

    /** Runs one compiled batch: the per-batch overhead on the host cluster, then each group. */
    void run(Plan plan, int threads) {
        sync();
        int host = compiler.hostCluster(1);
        step(null, host, 1, host);
        for (Plan.Group group : plan.groups) {
            int p = compiler.processorOf(group, threads);
            step(group, p, compiler.coresFor(p, threads), host);
        }
        activity.clear();
        loadsChanged();
    }

    /** Prices a step at the operating points running now (the batch overhead when {@code group} is null). */
    private void price(Plan.Group group, int p, int cores, int host) {
        if (group == null) {
            compiler.overheadCost(host, procs[host].running, procs[host].backgroundShare, cost);
            return;
        }
        for (int b = 0; b < buses.length; b++) {
            busOpp[b] = buses[b].running;
        }
        compiler.groupCost(group, p, procs[p].running, host, procs[host].running, busOpp, cores,
                procs[p].backgroundShare, procs[host].backgroundShare, cost);
    }

    /** Executes one step on processor {@code p} (a GPU step also keeps {@code host} submitting), through events. */
    private void step(Plan.Group group, int p, int cores, int host) {
        boolean gpuStep = procs[p].isGpu();
        price(group, p, cores, host);
        if (!(cost.durationS > 0)) {
            return;
        }
        long wakeNs = Math.max(procs[p].deep ? procs[p].idleExitNs : 0,
                gpuStep && procs[host].deep ? procs[host].idleExitNs : 0);
        if (wakeNs > 0) {
            // leaving the deep state: powered, not yet running
            activity.clear();
            activity.occupy(p, cores, 0, 0, 0);
            if (gpuStep) {
                activity.occupy(host, 1, 0, 0, 0);
            }
            loadsChanged();
            advance(wakeNs);
        }
        double remaining = 1.0;
        boolean occupied = false;
        while (remaining > 1e-12) {
            if (occupied) {
                // an event may have moved a clock or a share: re-price (cached while nothing moved)
                applied.set(cost);
                price(group, p, cores, host);
            }
            double durationS = cost.durationS;
            if (!(durationS > 0)) {
                return;
            }
            if (!occupied || !applied.sameAs(cost)) {
                activity.clear();
                activity.occupy(p, cores, cost.busy, cost.activity, 0);
                if (gpuStep) {
                    activity.occupy(host, 1, cost.hostBusy, 1, procs[p].spec.hostSpins ? 1 - cost.hostBusy : 0);
                }
                activity.bytesPerS = cost.bytes / durationS;
                loadsChanged();
                occupied = true;
            }
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

    /** Lets {@code ns} pass in the current activity, event by event. */
    private void advance(long ns) {
        long end = simNowNs + ns;
        while (simNowNs < end) {
            spend(Math.min(nextEventNs(), end) - simNowNs);
            processDueEvents();
        }
    }

    /** After the activity changed: processors our work reached start, those it left go idle; powers follow. */
    private void loadsChanged() {
        for (int i = 0; i < procs.length; i++) {
            SimProcessor proc = procs[i];
            boolean occupied = activity.cores[i] > 0;
            if (occupied && !inUse[i]) {
                inUse[i] = true;
                proc.deep = false;
                proc.gatedCores = 0;
                proc.governor.onWorkStart(proc, simNowNs);
            } else if (!occupied && inUse[i]) {
                inUse[i] = false;
                proc.idleSinceNs = simNowNs;
                proc.gatedCores = usedCores[i];
                proc.governor.onWorkEnd(proc, simNowNs);
            }
            if (occupied) {
                usedCores[i] = activity.cores[i];
            }
        }
        updateMemoryVote();
        refreshPowers();
        if (activity.bytesPerS != trafficBps) {
            trafficBps = activity.bytesPerS;
            busGovernor.onTrafficRate(simNowNs, trafficBps);
        }
    }

    /** Recomputes every component's power for the current activity, frequencies, idle states and temperatures. */
    void refreshPowers() {
        activity.writePowers(ledger);
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
        long fromNs = ledger.segmentStartNs;
        long dtNs = simNowNs - fromNs;
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
        busGovernor.onTraffic(fromNs, simNowNs, activity.bytesPerS * (dtNs * 1e-9));
    }

    private long nextEventNs() {
        long next = Math.min(nextThermalNs, background.nextNs());
        for (Governor governor : governors) {
            next = Math.min(next, governor.nextNs);
        }
        for (FreqDomain domain : domains) {
            if (domain.pending >= 0 && domain.pendingAtNs < next) {
                next = domain.pendingAtNs;
            }
        }
        for (int i = 0; i < procs.length; i++) {
            next = Math.min(next, procs[i].deepAtNs(inUse[i]));
        }
        return Math.max(next, simNowNs);
    }

    private void processDueEvents() {
        boolean changed = false;
        for (int i = 0; i < domains.length; i++) {
            FreqDomain domain = domains[i];
            if (domain.pending >= 0 && domain.pendingAtNs <= simNowNs) {
                (i < procs.length ? procs[i].governor : busGovernor).onClockChange(domain, simNowNs);
                domain.settle(simNowNs);
                ledger.addBaseEnergy(profile.switchEnergyJ, thermal);
                if (i < procs.length) {
                    procs[i].refreshCosts(thermal.temperatureC(procs[i].node));
                }
                changed = true;
            }
        }
        changed |= background.applyDue(simNowNs);
        for (int i = 0; i < procs.length; i++) {
            if (procs[i].deepAtNs(inUse[i]) <= simNowNs) {
                procs[i].deep = true;
                procs[i].gatedCores = 0;
                procs[i].governor.onDeepIdle(procs[i], simNowNs);
                changed = true;
            }
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
            updateMemoryVote();
            refreshPowers();
        }
    }

    /** The GPU's driver holds the memory bus at {@code memoryVoteRatio} x its clock while it is awake. */
    private void updateMemoryVote() {
        if (gpu == null) {
            return;
        }
        int state = gpu.deep ? -1 : gpu.running;
        if (state == votedGpuState) {
            return;
        }
        votedGpuState = state;
        double floorHz = gpu.deep ? 0 : gpu.spec.memoryVoteRatio * gpu.runningHz();
        for (SimBus bus : buses) {
            int floor = floorHz > 0 ? Governor.lowestAtOrAbove(bus.freqHz, floorHz) : 0;
            if (floor != bus.floor) {
                bus.floor = floor;
                bus.schedule(simNowNs);
            }
        }
    }
}
