package org.zeusmobile.sim;

/**
 * The one home of the power formulas, used by the live event loop and by the steady-state evaluation alike.
 *
 * <p>A core running at operating point {@code opp} with activity {@code a} draws {@code C V^2 f a} of
 * dynamic power plus its leakage {@code L(V, T)} ({@link SocProfile.Processor#leakageW}). Cores a batch
 * does not use sit in their idle state. Another app's share {@code s} of a processor (interference)
 * keeps one core busy that fraction of the time. A memory bus draws its background power at its
 * operating point plus an energy per byte moved.
 */
final class PowerModel {

    private PowerModel() {
    }

    /** Dynamic power of one fully active core at operating point {@code opp}: C V^2 f, W. */
    static double dynamicCoreW(SocProfile.Processor s, int opp) {
        double v = s.voltageV[opp];
        return s.capacitanceF * v * v * s.freqHz[opp];
    }

    /**
     * Power of a whole processor, W, given one core's dynamic power {@code dynamicCoreW} and leakage
     * {@code leakageCoreW} at its operating point and temperature.
     *
     * @param cores cores our work keeps busy (0: none of ours runs there)
     * @param activity the fraction of the dynamic power those cores burn (memory stalls lower it)
     * @param backgroundShare the share of the processor another app takes; counted only where none of ours runs
     *     (where ours runs, it is stretched by {@code 1 / (1 - share)} at its own power instead)
     */
    static double processorW(SocProfile.Processor s, double dynamicCoreW, double leakageCoreW, int cores,
            double activity, double backgroundShare) {
        if (cores > 0) {
            return cores * (dynamicCoreW * activity + leakageCoreW) + s.idlePowerW * (s.cores - cores) / s.cores;
        }
        if (backgroundShare == 0) {
            return s.idlePowerW;
        }
        return s.idlePowerW + backgroundShare * (dynamicCoreW + leakageCoreW);
    }

    /**
     * The part of {@link #processorW} that is the background app's marginal power, W: what the processor would
     * not draw over the same time without it. Where none of ours runs, that is its busy core; where ours runs
     * stretched by {@code 1 / (1 - share)}, the background holds the processor {@code share} of the time, in which
     * the processor would otherwise have idled.
     */
    static double backgroundW(SocProfile.Processor s, double dynamicCoreW, double leakageCoreW, int cores,
            double activity, double backgroundShare) {
        if (backgroundShare == 0) {
            return 0;
        }
        if (cores > 0) {
            return backgroundShare * (processorW(s, dynamicCoreW, leakageCoreW, cores, activity, 0) - s.idlePowerW);
        }
        return backgroundShare * (dynamicCoreW + leakageCoreW);
    }

    /** Power of processor {@code s} at operating point {@code opp} and temperature {@code tC}; see {@link #processorW}. */
    static double processorW(SocProfile.Processor s, int opp, double tC, int cores, double activity,
            double backgroundShare) {
        return processorW(s, dynamicCoreW(s, opp), s.leakageW(s.voltageV[opp], tC), cores, activity, backgroundShare);
    }

    /** Power of a memory bus at operating point {@code opp} carrying {@code bytesPerS}, W. */
    static double busW(SocProfile.Bus bus, int opp, double bytesPerS) {
        return bus.staticPowerW[opp] + bytesPerS * bus.energyPerByteJ[opp];
    }
}
