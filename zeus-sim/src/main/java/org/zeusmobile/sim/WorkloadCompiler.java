package org.zeusmobile.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.zeusmobile.core.workload.OperatorProfile;
import org.zeusmobile.core.workload.WorkloadProfile;

/**
 * Turns a workload profile into a {@link Plan} for one device and prices its steps on the roofline: each
 * operator takes the longer of its compute time at the processor's clock and its memory time at the bus's
 * bandwidth. Dispatch is CPU work on the host cluster and scales with its clock: a CPU operator costs its
 * cluster the runtime's per-operator overhead; a GPU kernel costs the host core its submission, overlapped with
 * the kernels before it, and the GPU a short idle gap after the previous kernel. The GPU runtime never launches
 * an operator with no FLOPs and no bytes, nor a shape-only node (DESIGN.md section 5). A per-batch overhead runs
 * on the host cluster.
 */
final class WorkloadCompiler {

    /** {@link Plan.Group#processor} of operators that ask for "cpu": the host cluster for the thread count. */
    static final int HOST = -1;

    /** Node types that only compute shapes; a GPU runtime runs them on the host or folds them, never as kernels. */
    static final Set<String> SHAPE_ONLY = new HashSet<>(Arrays.asList("Constant", "Shape", "Unsqueeze", "Reshape"));

    private final SocProfile profile;
    private final SimProcessor[] processors;
    private final SimBus[] buses;
    private final int gpu;
    private final int[] hostByThreads = new int[65];

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
        java.util.Arrays.fill(hostByThreads, -1);
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
        int skipped = 0;
        for (OperatorProfile op : workload.operators()) {
            int p = resolveProcessor(op);
            if (p == gpu && neverLaunched(op)) {
                skipped++;
                continue;
            }
            if (p != runProc && !run.isEmpty()) {
                groups.add(new Plan.Group(runProc, run));
                run = new ArrayList<>();
            }
            runProc = p;
            run.add(op);
        }
        if (!run.isEmpty()) {
            groups.add(new Plan.Group(runProc, run));
        }
        return new Plan(groups.toArray(new Plan.Group[0]), skipped);
    }

    /** True for an operator no GPU runtime launches as a kernel. */
    static boolean neverLaunched(OperatorProfile op) {
        return (op.flops() == 0 && op.bytes() == 0) || SHAPE_ONLY.contains(op.opType());
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
        if (threadCount < hostByThreads.length) {
            if (hostByThreads[threadCount] < 0) {
                hostByThreads[threadCount] = findHostCluster(threadCount);
            }
            return hostByThreads[threadCount];
        }
        return findHostCluster(threadCount);
    }

    private int findHostCluster(int threadCount) {
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

    /** The batch overhead on {@code host} at operating point {@code hostOpp}: framework code, one thread. */
    void overheadCost(int host, int hostOpp, double share, StepCost out) {
        SocProfile.Processor spec = processors[host].spec;
        out.durationS = profile.batchOverheadS * spec.freqHz[spec.freqHz.length - 1] / spec.freqHz[hostOpp]
                / (1 - share);
        out.busy = 1;
        out.activity = 1;
        out.hostBusy = 0;
        out.bytes = 0;
    }

    /**
     * The cost of {@code group} on processor {@code p} (with {@code cores} cores; the GPU's kernels submitted by
     * {@code host}), at the given operating points and background shares; cached while they do not change.
     */
    void groupCost(Plan.Group group, int p, int opp, int host, int hostOpp, int[] busOpp, int cores, double share,
            double hostShare, StepCost out) {
        if (!group.cachedFor(opp, hostOpp, cores, busOpp, share, hostShare)) {
            if (processors[p].isGpu()) {
                gpuCost(group, p, opp, host, hostOpp, busOpp, share, hostShare, group.cached);
            } else {
                cpuCost(group, p, opp, busOpp, cores, share, group.cached);
            }
        }
        out.set(group.cached);
    }

    private double bandwidthBps(SocProfile.Processor spec, int cores, int[] busOpp) {
        double bandwidth = spec.coreBandwidthBps * cores;
        for (int b = 0; b < buses.length; b++) {
            bandwidth = Math.min(bandwidth, buses[b].spec.bandwidthBps[busOpp[b]]);
        }
        return bandwidth;
    }

    /** Operators on a CPU cluster: each its roofline time plus the runtime's dispatch, all CPU work on the cluster. */
    private void cpuCost(Plan.Group group, int p, int opp, int[] busOpp, int cores, double share, StepCost out) {
        SocProfile.Processor spec = processors[p].spec;
        double freq = spec.freqHz[opp];
        double bandwidth = bandwidthBps(spec, cores, busOpp);
        double perCycle = freq * cores;
        double launchS = spec.launchOverheadS * spec.freqHz[spec.freqHz.length - 1] / freq;
        double timeS = 0;
        double activeS = 0;
        double bytes = 0;
        for (int i = 0; i < group.flops.length; i++) {
            double computeS = group.flops[i] / (spec.flopsPerCycle[group.opClass[i]] * perCycle);
            double opS = Math.max(computeS, group.bytes[i] / bandwidth);
            timeS += opS + launchS;
            activeS += spec.stallActivity * (opS - computeS) + computeS + launchS;
            bytes += group.bytes[i];
        }
        out.durationS = timeS / (1 - share);
        out.busy = 1;
        out.activity = timeS > 0 ? activeS / timeS : 0;
        out.hostBusy = 0;
        out.bytes = bytes;
    }

    /**
     * Kernels on the GPU: the host core submits them one after another (each costs it the launch overhead at its
     * clock); kernel i starts once submitted and once kernel i-1 has finished plus the GPU's inter-kernel gap. The
     * step lasts until the last kernel ends; the GPU is busy only while kernels run.
     */
    private void gpuCost(Plan.Group group, int p, int opp, int host, int hostOpp, int[] busOpp, double share,
            double hostShare, StepCost out) {
        SocProfile.Processor spec = processors[p].spec;
        SocProfile.Processor hostSpec = processors[host].spec;
        double perCycle = spec.freqHz[opp];
        double bandwidth = bandwidthBps(spec, 1, busOpp);
        double submitS = spec.launchOverheadS * hostSpec.freqHz[hostSpec.freqHz.length - 1] / hostSpec.freqHz[hostOpp]
                / (1 - hostShare);
        double submittedS = 0;
        double endS = 0;
        double busyS = 0;
        double runS = 0;
        double activeS = 0;
        double bytes = 0;
        for (int i = 0; i < group.flops.length; i++) {
            double computeS = group.flops[i] / (spec.flopsPerCycle[group.opClass[i]] * perCycle);
            double opS = Math.max(computeS, group.bytes[i] / bandwidth);
            double kernelS = opS / (1 - share);
            submittedS += submitS;
            double startS = i == 0 ? submittedS : Math.max(submittedS, endS + spec.kernelGapS);
            endS = startS + kernelS;
            busyS += kernelS;
            runS += opS;
            activeS += spec.stallActivity * (opS - computeS) + computeS;
            bytes += group.bytes[i];
        }
        out.durationS = endS;
        out.busy = endS > 0 ? busyS / endS : 0;
        out.activity = runS > 0 ? activeS / runS : 0;
        out.hostBusy = endS > 0 ? Math.min(1, submittedS / endS) : 0;
        out.bytes = bytes;
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
