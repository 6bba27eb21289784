package org.zeusmobile.sim;

/**
 * What runs in the open segment: for each processor, the cores our work occupies, the fraction of the time they
 * run it, at what activity, and the fraction they spin-wait; and the memory traffic. Turns that into each
 * component's power ({@link PowerModel}) and, when the segment closes, into the load the governors sample.
 */
final class Activity {

    private final SocProfile profile;
    private final SimProcessor[] processors;
    private final SimBus[] buses;
    final int[] cores;
    final double[] busy;
    final double[] activity;
    final double[] spin;
    double bytesPerS;

    Activity(SocProfile profile, SimProcessor[] processors, SimBus[] buses) {
        this.profile = profile;
        this.processors = processors;
        this.buses = buses;
        cores = new int[processors.length];
        busy = new double[processors.length];
        activity = new double[processors.length];
        spin = new double[processors.length];
    }

    /** Nothing of ours runs. */
    void clear() {
        for (int i = 0; i < cores.length; i++) {
            if (cores[i] != 0) {
                cores[i] = 0;
                busy[i] = 0;
                activity[i] = 0;
                spin[i] = 0;
            }
        }
        bytesPerS = 0;
    }

    /** Our work occupies {@code n} cores of processor {@code p}, running {@code busyShare} of the time. */
    void occupy(int p, int n, double busyShare, double activityWhileBusy, double spinShare) {
        cores[p] = n;
        busy[p] = busyShare;
        activity[p] = activityWhileBusy;
        spin[p] = spinShare;
    }

    /** Writes every component's power (and the background's share of it) for this activity into the ledger. */
    void writePowers(PowerLedger ledger) {
        for (int i = 0; i < processors.length; i++) {
            SimProcessor proc = processors[i];
            ledger.powerW[i] = PowerModel.processorW(proc.spec, proc.dynamicCoreW, proc.leakageCoreW, cores[i], busy[i],
                    activity[i], spin[i], proc.deep ? 0 : proc.gatedCores, proc.backgroundShare);
            ledger.backgroundW[i] = PowerModel.backgroundW(proc.spec, proc.dynamicCoreW, proc.leakageCoreW, cores[i],
                    busy[i], activity[i], spin[i], proc.backgroundShare);
        }
        for (int b = 0; b < buses.length; b++) {
            ledger.powerW[processors.length + b] = PowerModel.busW(buses[b].spec, buses[b].running, bytesPerS);
        }
        ledger.powerW[ledger.base] = profile.basePowerW;
    }

    /** Accounts {@code dtNs} of this activity as busy time for the governors (spin-waiting counts as busy). */
    void account(long dtNs) {
        for (int i = 0; i < processors.length; i++) {
            SimProcessor proc = processors[i];
            double share = cores[i] > 0 ? Math.min(1, busy[i] + spin[i]) : proc.backgroundShare;
            if (share > 0) {
                proc.busyNs += share * dtNs;
                proc.utilNs += share * dtNs * proc.freqHz[proc.running] / proc.freqHz[proc.freqHz.length - 1];
            }
        }
    }
}
