package org.zeusmobile.sim;

import org.zeusmobile.core.workload.WorkloadProfile;

/**
 * The noise-free cost of a batch at fixed operating points and a uniform chip temperature, from the same
 * roofline ({@link WorkloadCompiler}) and power formulas ({@link PowerModel}) as the live event loop, without
 * time, governors, actuation or heat.
 */
final class SteadyStateEvaluator {

    private final SocProfile profile;
    private final SimProcessor[] processors;
    private final SimBus[] buses;
    private final WorkloadCompiler compiler;
    private final double[] cost = new double[3];
    private WorkloadProfile lastWorkload;
    private Plan lastPlan;

    SteadyStateEvaluator(SocProfile profile, SimProcessor[] processors, SimBus[] buses, WorkloadCompiler compiler) {
        this.profile = profile;
        this.processors = processors;
        this.buses = buses;
        this.compiler = compiler;
    }

    /** One batch of {@code workload} at the given operating points and {@code threads}; the current background counts. */
    SteadyState batch(WorkloadProfile workload, int[] procOpp, int[] busOpp, int threads, double temperatureC) {
        if (workload != lastWorkload) {
            // the oracle evaluates one workload at many configurations: compile it once
            lastPlan = compiler.compile(workload);
            lastWorkload = workload;
        }
        Plan plan = lastPlan;
        double latencyS = 0;
        double energyJ = 0;
        for (int step = -1; step < plan.groups.length; step++) {
            int p;
            int cores;
            if (step < 0) {
                p = compiler.hostCluster(1);
                cores = 1;
                compiler.overheadCost(p, procOpp[p], cost);
            } else {
                Plan.Group group = plan.groups[step];
                p = compiler.processorOf(group, threads);
                cores = compiler.coresFor(p, threads);
                compiler.groupCost(group, p, procOpp[p], busOpp, cores, cost);
            }
            double durationS = cost[0] / (1 - processors[p].backgroundShare);
            double activity = cost[1] / Math.max(cost[0], 1e-300);
            double powerW = profile.basePowerW;
            for (int q = 0; q < processors.length; q++) {
                SimProcessor proc = processors[q];
                powerW += q == p ? PowerModel.processorW(proc.spec, procOpp[q], temperatureC, cores, activity, 0)
                        : PowerModel.processorW(proc.spec, procOpp[q], temperatureC, 0, 0, proc.backgroundShare);
            }
            double bytesPerS = cost[2] / durationS;
            for (int b = 0; b < buses.length; b++) {
                powerW += PowerModel.busW(buses[b].spec, busOpp[b], bytesPerS);
            }
            latencyS += durationS;
            energyJ += powerW * durationS;
        }
        return new SteadyState(workload.batch(), latencyS, energyJ);
    }

    /** Power of the idle device at the given operating points, W. */
    double idlePowerW(int[] procOpp, int[] busOpp, double temperatureC) {
        double powerW = profile.basePowerW;
        for (int q = 0; q < processors.length; q++) {
            SimProcessor proc = processors[q];
            powerW += PowerModel.processorW(proc.spec, procOpp[q], temperatureC, 0, 0, proc.backgroundShare);
        }
        for (int b = 0; b < buses.length; b++) {
            powerW += PowerModel.busW(buses[b].spec, busOpp[b], 0);
        }
        return powerW;
    }

    /** Every core busy at the top point and every bus saturated, at {@code hotC}, W. */
    double maxPowerW(double hotC) {
        double powerW = profile.basePowerW;
        for (SimProcessor proc : processors) {
            powerW += PowerModel.processorW(proc.spec, proc.freqHz.length - 1, hotC, proc.spec.cores, 1.0, 0);
        }
        for (SimBus bus : buses) {
            int top = bus.freqHz.length - 1;
            powerW += PowerModel.busW(bus.spec, top, bus.spec.bandwidthBps[top]);
        }
        return powerW;
    }
}
