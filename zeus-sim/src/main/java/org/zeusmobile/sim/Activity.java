package org.zeusmobile.sim;

/**
 * What runs in the open segment: the processor our work occupies (if any), with how many cores, at what
 * activity and moving how many bytes per second. Turns that into each component's power and, when the
 * segment closes, into the load the governors sample.
 */
final class Activity {

    private final SocProfile profile;
    private final SimProcessor[] processors;
    private final SimBus[] buses;
    private int processor = -1;
    private int cores;
    private double activity;
    private double bytesPerS;

    Activity(SocProfile profile, SimProcessor[] processors, SimBus[] buses) {
        this.profile = profile;
        this.processors = processors;
        this.buses = buses;
    }

    /** Our work occupies {@code cores} cores of processor {@code p} (-1: nothing of ours runs). */
    void set(int p, int cores, double activity, double bytesPerS) {
        this.processor = p;
        this.cores = cores;
        this.activity = activity;
        this.bytesPerS = bytesPerS;
    }

    void clear() {
        set(-1, 0, 0, 0);
    }

    /** Writes every component's power (and the background's share of it) for this activity into the ledger. */
    void writePowers(PowerLedger ledger) {
        for (int i = 0; i < processors.length; i++) {
            SimProcessor proc = processors[i];
            int c = i == processor ? cores : 0;
            double a = i == processor ? activity : 0;
            ledger.powerW[i] = PowerModel.processorW(proc.spec, proc.dynamicCoreW, proc.leakageCoreW, c, a,
                    proc.backgroundShare);
            ledger.backgroundW[i] = PowerModel.backgroundW(proc.spec, proc.dynamicCoreW, proc.leakageCoreW, c, a,
                    proc.backgroundShare);
        }
        for (int b = 0; b < buses.length; b++) {
            ledger.powerW[processors.length + b] = PowerModel.busW(buses[b].spec, buses[b].running, bytesPerS);
        }
        ledger.powerW[ledger.base] = profile.basePowerW;
    }

    /** Accounts {@code dtNs} of this activity as busy time and traffic for the governors. */
    void account(long dtNs) {
        for (int i = 0; i < processors.length; i++) {
            SimProcessor proc = processors[i];
            double busy = i == processor ? 1.0 : proc.backgroundShare;
            if (busy > 0) {
                proc.busyNs += busy * dtNs;
                proc.utilNs += busy * dtNs * proc.freqHz[proc.running] / proc.freqHz[proc.freqHz.length - 1];
            }
        }
        double bytes = bytesPerS * (dtNs * 1e-9);
        for (SimBus bus : buses) {
            bus.bytesSinceSample += bytes;
        }
    }
}
