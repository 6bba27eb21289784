package org.zeusmobile.sim;

import java.util.Arrays;
import org.zeusmobile.core.workload.WorkloadProfile;

/**
 * The noise-free cost of a batch run back to back at fixed operating points and a uniform chip temperature, from
 * the same step costs ({@link WorkloadCompiler}) and power formulas ({@link PowerModel}) as the live event loop,
 * without governors, actuation or heat. Idle states follow the live rules: a processor idle longer than its entry
 * delay is in its deep state and costs its exit latency to wake; one batch is run first so the measured batch
 * starts from the state back-to-back batches leave.
 */
final class SteadyStateEvaluator {

    private final SocProfile profile;
    private final SimProcessor[] processors;
    private final SimBus[] buses;
    private final WorkloadCompiler compiler;
    private final StepCost cost = new StepCost();
    private final double[] lastEndS;
    private final int[] lastCores;
    private final double[] dynamicW;
    private final double[] leakageW;
    private WorkloadProfile lastWorkload;
    private Plan lastPlan;

    SteadyStateEvaluator(SocProfile profile, SimProcessor[] processors, SimBus[] buses, WorkloadCompiler compiler) {
        this.profile = profile;
        this.processors = processors;
        this.buses = buses;
        this.compiler = compiler;
        lastEndS = new double[processors.length];
        lastCores = new int[processors.length];
        dynamicW = new double[processors.length];
        leakageW = new double[processors.length];
    }

    /** One batch of {@code workload} at the given operating points and {@code threads}; the current background counts. */
    SteadyState batch(WorkloadProfile workload, int[] procOpp, int[] busOpp, int threads, double temperatureC) {
        if (workload != lastWorkload) {
            // the oracle evaluates one workload at many configurations: compile it once
            lastPlan = compiler.compile(workload);
            lastWorkload = workload;
        }
        for (int q = 0; q < processors.length; q++) {
            dynamicW[q] = PowerModel.dynamicCoreW(processors[q].spec, procOpp[q]);
            leakageW[q] = PowerModel.leakageCoreW(processors[q].spec, procOpp[q], temperatureC);
        }
        Arrays.fill(lastEndS, Double.NEGATIVE_INFINITY);
        double[] clockEnergy = {0, 0};
        pass(lastPlan, procOpp, busOpp, threads, clockEnergy);
        double startS = clockEnergy[0];
        double startJ = clockEnergy[1];
        pass(lastPlan, procOpp, busOpp, threads, clockEnergy);
        return new SteadyState(workload.batch(), clockEnergy[0] - startS, clockEnergy[1] - startJ);
    }

    /** Runs the plan's steps from {@code clockEnergy[0]} s, adding their time and energy. */
    private void pass(Plan plan, int[] procOpp, int[] busOpp, int threads, double[] clockEnergy) {
        int host = compiler.hostCluster(1);
        compiler.overheadCost(host, procOpp[host], processors[host].backgroundShare, cost);
        step(host, 1, -1, procOpp, busOpp, clockEnergy);
        for (Plan.Group group : plan.groups) {
            int p = compiler.processorOf(group, threads);
            int cores = compiler.coresFor(p, threads);
            boolean gpu = processors[p].isGpu();
            compiler.groupCost(group, p, procOpp[p], host, procOpp[host], busOpp, cores,
                    processors[p].backgroundShare, processors[host].backgroundShare, cost);
            step(p, cores, gpu ? host : -1, procOpp, busOpp, clockEnergy);
        }
    }

    /** One priced step ({@link #cost}) on {@code p} (and {@code host} submitting, or -1): wake, then run. */
    private void step(int p, int cores, int host, int[] procOpp, int[] busOpp, double[] clockEnergy) {
        if (!(cost.durationS > 0)) {
            return;
        }
        double t = clockEnergy[0];
        double wakeS = Math.max(deep(p, t) ? processors[p].spec.idleExitLatencyS : 0,
                host >= 0 && deep(host, t) ? processors[host].spec.idleExitLatencyS : 0);
        if (wakeS > 0) {
            clockEnergy[1] += segmentJ(t, wakeS, p, cores, 0, 0, host, 0, 0, procOpp, busOpp, 0);
            t += wakeS;
        }
        double d = cost.durationS;
        double spin = host >= 0 && processors[p].spec.hostSpins ? 1 - cost.hostBusy : 0;
        clockEnergy[1] += segmentJ(t, d, p, cores, cost.busy, cost.activity, host, cost.hostBusy, spin, procOpp,
                busOpp, cost.bytes / d);
        t += d;
        lastEndS[p] = t;
        lastCores[p] = cores;
        if (host >= 0) {
            lastEndS[host] = t;
            lastCores[host] = 1;
        }
        clockEnergy[0] = t;
    }

    private boolean deep(int q, double t) {
        return t - lastEndS[q] >= processors[q].spec.idleEntryDelayS;
    }

    /** Energy of a segment of {@code d} s from {@code t} with our work on {@code p} (and {@code host}), J. */
    private double segmentJ(double t, double d, int p, int cores, double busy, double activity, int host,
            double hostBusy, double spin, int[] procOpp, int[] busOpp, double bytesPerS) {
        double energyJ = profile.basePowerW * d;
        for (int q = 0; q < processors.length; q++) {
            SocProfile.Processor s = processors[q].spec;
            double share = processors[q].backgroundShare;
            if (q == p) {
                energyJ += d * PowerModel.processorW(s, dynamicW[q], leakageW[q], cores, busy, activity, 0, 0, share);
            } else if (q == host) {
                energyJ += d * PowerModel.processorW(s, dynamicW[q], leakageW[q], 1, hostBusy, 1, spin, 0, share);
            } else {
                // idle: clock-gated until its entry delay has passed since our work left it, then deep
                double gatedS = Math.max(0, Math.min(t + d, lastEndS[q] + s.idleEntryDelayS) - t);
                energyJ += gatedS * PowerModel.processorW(s, dynamicW[q], leakageW[q], 0, 0, 0, 0, lastCores[q], share)
                        + (d - gatedS) * PowerModel.processorW(s, dynamicW[q], leakageW[q], 0, 0, 0, 0, 0, share);
            }
        }
        for (int b = 0; b < buses.length; b++) {
            energyJ += d * PowerModel.busW(buses[b].spec, busOpp[b], bytesPerS);
        }
        return energyJ;
    }

    /** Power of the device idle long enough that every processor is in its deep state, at these points, W. */
    double idlePowerW(int[] procOpp, int[] busOpp, double temperatureC) {
        double powerW = profile.basePowerW;
        for (int q = 0; q < processors.length; q++) {
            SocProfile.Processor s = processors[q].spec;
            powerW += PowerModel.processorW(s, PowerModel.dynamicCoreW(s, procOpp[q]),
                    PowerModel.leakageCoreW(s, procOpp[q], temperatureC), 0, 0, 0, 0, 0, processors[q].backgroundShare);
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
            SocProfile.Processor s = proc.spec;
            int top = s.freqHz.length - 1;
            powerW += PowerModel.processorW(s, PowerModel.dynamicCoreW(s, top), PowerModel.leakageCoreW(s, top, hotC),
                    s.cores, 1, 1, 0, 0, 0);
        }
        for (SimBus bus : buses) {
            int top = bus.freqHz.length - 1;
            powerW += PowerModel.busW(bus.spec, top, bus.spec.bandwidthBps[top]);
        }
        return powerW;
    }
}
