package org.zeusmobile.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.zeusmobile.core.workload.OperatorProfile;
import org.zeusmobile.core.workload.WorkloadProfile;

/**
 * Turns a workload profile into a {@link Plan} for one device and prices its parts on the roofline: each
 * operator takes the longer of its compute time at the processor's clock and its memory time at the bus's
 * bandwidth, plus a per-operator launch overhead; a per-batch overhead runs on the host CPU cluster.
 */
final class WorkloadCompiler {

    /** {@link Plan.Group#processor} of operators that ask for "cpu": the host cluster for the thread count. */
    static final int HOST = -1;

    private final SocProfile profile;
    private final SimProcessor[] processors;
    private final SimBus[] buses;
    private final int gpu;

    WorkloadCompiler(SocProfile profile, SimProcessor[] processors, SimBus[] buses) {
        this.profile = profile;
        this.processors = processors;
        this.buses = buses;
        int gpuIndex = -1;
        for (int i = 0; i < processors.length; i++) {
            if (processors[i].isGpu()) {
                gpuIndex = i;
            }
        }
        this.gpu = gpuIndex;
    }

    /** The GPU's index, or -1 when the profile has none. */
    int gpu() {
        return gpu;
    }

    /** Resolves each operator's processor ({@code gpu}, {@code cpu} or a cluster name) and groups runs. */
    Plan compile(WorkloadProfile workload) {
        List<Plan.Group> groups = new ArrayList<>();
        List<OperatorProfile> run = new ArrayList<>();
        int runProc = Integer.MIN_VALUE;
        for (OperatorProfile op : workload.operators()) {
            int p = resolveProcessor(op);
            if (p != runProc && !run.isEmpty()) {
                groups.add(new Plan.Group(runProc, run));
                run = new ArrayList<>();
            }
            runProc = p;
            run.add(op);
        }
        groups.add(new Plan.Group(runProc, run));
        return new Plan(groups.toArray(new Plan.Group[0]));
    }

    private int resolveProcessor(OperatorProfile op) {
        String name = op.processor() == null ? "gpu" : op.processor().toLowerCase(Locale.ROOT);
        if (name.equals("cpu")) {
            return HOST;
        }
        if (name.equals("gpu")) {
            if (gpu < 0) {
                throw new IllegalArgumentException("operator " + op.name() + " asks for the gpu but " + profile.name
                        + " has none; use cpu or one of " + processorNames());
            }
            return gpu;
        }
        int index = processorIndex(name);
        if (index < 0) {
            throw new IllegalArgumentException("operator " + op.name() + " asks for processor '" + op.processor()
                    + "', which " + profile.name + " does not have; use gpu, cpu or one of " + processorNames());
        }
        return index;
    }

    /** The processor a group runs on with {@code threads} threads. */
    int processorOf(Plan.Group group, int threads) {
        return group.processor >= 0 ? group.processor : hostCluster(threads);
    }

    /** The cluster that runs "cpu" operators with {@code threadCount} threads: the highest peak throughput. */
    int hostCluster(int threadCount) {
        int best = -1;
        double bestRate = -1;
        for (int i = 0; i < processors.length; i++) {
            SocProfile.Processor spec = processors[i].spec;
            if (spec.kind != SocProfile.Kind.CPU) {
                continue;
            }
            double rate = Math.min(threadCount, spec.cores) * spec.flopsPerCycle[0]
                    * spec.freqHz[spec.freqHz.length - 1];
            if (rate > bestRate) {
                bestRate = rate;
                best = i;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("profile " + profile.name + " has no CPU cluster to run cpu operators on");
        }
        return best;
    }

    /** Cores a group uses on processor {@code p}: the whole GPU, or one per thread up to the cluster's size. */
    int coresFor(int p, int threadCount) {
        return processors[p].isGpu() ? 1 : Math.min(threadCount, processors[p].spec.cores);
    }

    /** Roofline cost of a group: out[0] = seconds, out[1] = activity-seconds, out[2] = bytes. */
    void groupCost(Plan.Group group, int p, int opp, int[] busOpp, int cores, double[] out) {
        SocProfile.Processor spec = processors[p].spec;
        double freq = spec.freqHz[opp];
        double bandwidth = spec.coreBandwidthBps * cores;
        for (int b = 0; b < buses.length; b++) {
            bandwidth = Math.min(bandwidth, buses[b].spec.bandwidthBps[busOpp[b]]);
        }
        double perCycle = freq * cores;
        double stall = spec.stallActivity;
        double launch = spec.launchOverheadS;
        double timeS = 0;
        double activeS = 0;
        double bytes = 0;
        for (int i = 0; i < group.flops.length; i++) {
            double computeS = group.flops[i] / (spec.flopsPerCycle[group.opClass[i]] * perCycle);
            double memoryS = group.bytes[i] / bandwidth;
            double opS = Math.max(computeS, memoryS);
            timeS += opS + launch;
            activeS += opS > 0 ? stall * (opS - computeS) + computeS + stall * launch : stall * launch;
            bytes += group.bytes[i];
        }
        out[0] = timeS;
        out[1] = activeS;
        out[2] = bytes;
    }

    /** The batch overhead: CPU-bound framework work that scales with the host cluster's clock. */
    void overheadCost(int p, int opp, double[] out) {
        SocProfile.Processor spec = processors[p].spec;
        out[0] = profile.batchOverheadS * spec.freqHz[spec.freqHz.length - 1] / spec.freqHz[opp];
        out[1] = out[0];
        out[2] = 0;
    }

    int processorIndex(String name) {
        for (int i = 0; i < processors.length; i++) {
            if (processors[i].spec.name.equals(name)) {
                return i;
            }
        }
        return -1;
    }

    List<String> processorNames() {
        List<String> names = new ArrayList<>();
        for (SimProcessor processor : processors) {
            names.add(processor.spec.name);
        }
        return names;
    }
}
