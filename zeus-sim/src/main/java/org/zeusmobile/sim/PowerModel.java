package org.zeusmobile.sim;

/**
 * The one home of the power formulas, used by the live event loop ({@link Activity}) and by the steady-state
 * evaluation ({@link SteadyStateEvaluator}) alike.
 *
 * <p>A core running at operating point {@code opp} with activity {@code a} draws {@code C V^2 f a} of dynamic
 * power plus its leakage {@code L(V, T)} ({@link SocProfile.Processor#leakageW}). A powered core that waits
 * (between kernels, between frames) is clock-gated: it keeps its leakage at the current voltage and temperature.
 * After the profile's entry delay an idle processor enters its deep state (power collapse, SLUMBER, rail gate)
 * and draws its deep idle power; cores a batch does not use are in that state. A host core that spin-waits
 * for the GPU burns {@code spinActivity} of its dynamic power. Another app's share {@code s} of a processor
 * (interference) keeps one core busy that fraction of the time. A memory bus draws its background power at
 * its operating point plus an energy per byte moved.
 */
final class PowerModel {

    private PowerModel() {
    }

    /** Dynamic power of one fully active core at operating point {@code opp}: C V^2 f, W. */
    static double dynamicCoreW(SocProfile.Processor s, int opp) {
        double v = s.voltageV[opp];
        return s.capacitanceF * v * v * s.freqHz[opp];
    }

    /** Leakage of one powered core at operating point {@code opp} and temperature {@code tC}, W. */
    static double leakageCoreW(SocProfile.Processor s, int opp, double tC) {
        return s.leakageW(s.voltageV[opp], tC);
    }

    /**
     * Power of a whole processor, W, given one core's dynamic power and leakage at its operating point and
     * temperature.
     *
     * @param cores cores our work occupies (0: none of ours runs there)
     * @param busy the fraction of the time those cores run our work (the rest they wait, clock-gated)
     * @param activity the fraction of the dynamic power they burn while running (memory stalls lower it)
     * @param spin the fraction of the time they spin-wait for the GPU, at {@code spinActivity}
     * @param gatedCores where none of ours runs: cores still clock-gated since our work left (0: deep idle)
     * @param backgroundShare the share another app takes, counted where none of ours runs (where ours runs it is
     *     stretched by {@code 1 / (1 - share)} at its own power instead)
     */
    static double processorW(SocProfile.Processor s, double dynamicCoreW, double leakageCoreW, int cores, double busy,
            double activity, double spin, int gatedCores, double backgroundShare) {
        if (cores > 0) {
            return cores * (dynamicCoreW * (busy * activity + spin * s.spinActivity) + leakageCoreW)
                    + s.idlePowerW * (s.cores - cores) / s.cores;
        }
        double idle = gatedCores > 0 ? gatedCores * leakageCoreW + s.idlePowerW * (s.cores - gatedCores) / s.cores
                : s.idlePowerW;
        return backgroundShare == 0 ? idle : idle + backgroundShare * (dynamicCoreW + leakageCoreW);
    }

    /**
     * The part of {@link #processorW} that is the background app's, W: what the processor would not draw without
     * it. Where none of ours runs, that is its busy core. Where ours runs stretched by {@code 1 / (1 - share)}, the
     * background holds the processor {@code share} of the time, which without it would have been spent in the deep
     * idle state after our work ended early.
     */
    static double backgroundW(SocProfile.Processor s, double dynamicCoreW, double leakageCoreW, int cores, double busy,
            double activity, double spin, double backgroundShare) {
        if (backgroundShare == 0) {
            return 0;
        }
        if (cores > 0) {
            return backgroundShare * (processorW(s, dynamicCoreW, leakageCoreW, cores, busy, activity, spin, 0, 0)
                    - s.idlePowerW);
        }
        return backgroundShare * (dynamicCoreW + leakageCoreW);
    }

    /** Power of a memory bus at operating point {@code opp} carrying {@code bytesPerS}, W. */
    static double busW(SocProfile.Bus bus, int opp, double bytesPerS) {
        return bus.staticPowerW[opp] + bytesPerS * bus.energyPerByteJ[opp];
    }
}
