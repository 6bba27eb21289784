package org.zeusmobile.sim;

/**
 * Drives one governor with a synthetic load trace, outside the device: a processor runs work measured in time at
 * its top clock (so at a lower clock the same work keeps it busy longer, as real work does), or a bus carries
 * traffic. The rig plays the event loop's part for that one domain: it accounts busy time and traffic, tells the
 * governor when work starts and retires and when the processor enters its deep idle state, lands frequency
 * changes after the actuation delay, and runs the governor when it falls due.
 */
final class GovernorRig {

    private final FreqDomain domain;
    private final SimProcessor processor;
    private final Governor governor;
    private long nowNs;
    private boolean busy;
    private double bytesPerS;

    private GovernorRig(FreqDomain domain, Governor governor) {
        this.domain = domain;
        this.processor = domain instanceof SimProcessor ? (SimProcessor) domain : null;
        this.governor = governor;
    }

    /** The GPU of a built-in profile under its own GPU governor. */
    static GovernorRig gpu(String profileName) {
        SocProfile profile = ProfileLoader.loadBuiltIn(profileName);
        SocProfile.Processor spec = profile.processor("gpu");
        SimProcessor gpu = new SimProcessor(spec, 0);
        Governor governor = GovernorKind.of(profile.gpuGovernor.name, GovernorKind.Role.GPU) == GovernorKind.MSM_ADRENO_TZ
                ? new MsmAdrenoTz(profile.gpuGovernor, gpu, 0) : new NvhostPodgov(profile.gpuGovernor, gpu, 0);
        return new GovernorRig(gpu, governor);
    }

    /** CPU cluster {@code policy} of a built-in profile under its CPU governor (alone: the other clusters idle). */
    static GovernorRig cpu(String profileName, String policy) {
        SocProfile profile = ProfileLoader.loadBuiltIn(profileName);
        SimProcessor cpu = new SimProcessor(profile.processor(policy), 0);
        SimProcessor[] cpus = {cpu};
        Governor governor = GovernorKind.of(profile.cpuGovernor.name, GovernorKind.Role.CPU) == GovernorKind.WALT
                ? new Walt(profile.cpuGovernor, cpus, 0) : new Schedutil(profile.cpuGovernor, cpus, 0);
        return new GovernorRig(cpu, governor);
    }

    /** The memory bus of a built-in profile under its bus governor. */
    static GovernorRig bus(String profileName) {
        SocProfile profile = ProfileLoader.loadBuiltIn(profileName);
        SimBus[] buses = {new SimBus(profile.buses.get(0))};
        Governor governor = GovernorKind.of(profile.busGovernor.name, GovernorKind.Role.MEMORY) == GovernorKind.BW_HWMON
                ? new BwHwmon(profile.busGovernor, buses, 0) : new TegraActmon(profile.busGovernor, buses, 0);
        return new GovernorRig(buses[0], governor);
    }

    Governor governor() {
        return governor;
    }

    long nowNs() {
        return nowNs;
    }

    long runningHz() {
        return domain.runningHz();
    }

    long runningMhz() {
        return domain.runningHz() / 1_000_000;
    }

    /** Pins the domain at operating point {@code index} at once (as if it had run there for a while). */
    GovernorRig startAt(int index) {
        domain.target = index;
        domain.running = index;
        domain.pending = -1;
        return this;
    }

    /** Runs {@code workAtTopMs} of work (milliseconds at the top clock) back to back, then retires it. */
    GovernorRig work(double workAtTopMs) {
        setBusy(true);
        double remainingNs = workAtTopMs * 1e6;
        while (remainingNs > 0.5) {
            double rate = domain.runningHz() / (double) domain.maxHz();
            long needNs = (long) Math.ceil(remainingNs / rate);
            long step = Math.min(needNs, nextEventNs() - nowNs);
            advance(step);
            remainingNs -= step * rate;
        }
        setBusy(false);
        return this;
    }

    /** Nothing runs for {@code ms}. */
    GovernorRig idle(double ms) {
        setBusy(false);
        long end = nowNs + Math.round(ms * 1e6);
        while (nowNs < end) {
            advance(Math.min(end, nextEventNs()) - nowNs);
        }
        return this;
    }

    /**
     * Frames at {@code hz} for {@code seconds}: each frame brings {@code duty} of a frame period of work at the top
     * clock; a frame that overruns its period delays the next (they run back to back).
     */
    GovernorRig frames(double duty, double hz, double seconds) {
        double periodMs = 1e3 / hz;
        long end = nowNs + Math.round(seconds * 1e9);
        long frameStart = nowNs;
        while (nowNs < end) {
            work(duty * periodMs);
            frameStart += Math.round(periodMs * 1e6);
            if (nowNs < frameStart) {
                idle((frameStart - nowNs) * 1e-6);
            } else {
                frameStart = nowNs;
            }
        }
        return this;
    }

    /** The bus carries {@code gbPerS} for {@code ms}. */
    GovernorRig traffic(double gbPerS, double ms) {
        bytesPerS = gbPerS * 1e9;
        governor.onTrafficRate(nowNs, bytesPerS);
        long end = nowNs + Math.round(ms * 1e6);
        while (nowNs < end) {
            advance(Math.min(end, nextEventNs()) - nowNs);
        }
        return this;
    }

    private void setBusy(boolean on) {
        if (on == busy || processor == null) {
            busy = on;
            return;
        }
        busy = on;
        if (on) {
            processor.deep = false;
            governor.onWorkStart(processor, nowNs);
        } else {
            processor.idleSinceNs = nowNs;
            governor.onWorkEnd(processor, nowNs);
        }
    }

    private long nextEventNs() {
        long next = governor.nextNs;
        if (domain.pending >= 0) {
            next = Math.min(next, domain.pendingAtNs);
        }
        if (processor != null) {
            next = Math.min(next, processor.deepAtNs(busy));
        }
        return Math.max(next, nowNs + 1);
    }

    /** Lets {@code ns} pass in the current state, then handles what fell due. */
    private void advance(long ns) {
        if (ns <= 0) {
            return;
        }
        long from = nowNs;
        nowNs += ns;
        if (processor != null && busy) {
            processor.busyNs += ns;
            processor.utilNs += ns * processor.runningHz() / (double) processor.maxHz();
        }
        governor.onTraffic(from, nowNs, bytesPerS * ns * 1e-9);
        if (domain.pending >= 0 && domain.pendingAtNs <= nowNs) {
            governor.onClockChange(domain, nowNs);
            domain.settle(nowNs);
        }
        if (processor != null && processor.deepAtNs(busy) <= nowNs) {
            processor.deep = true;
            governor.onDeepIdle(processor, nowNs);
        }
        if (governor.nextNs <= nowNs) {
            governor.run(nowNs);
        }
    }
}
