package org.zeusmobile.sim;

import java.util.Arrays;
import java.util.List;
import org.zeusmobile.core.workload.OperatorProfile;

/** A workload profile resolved against one device: runs of consecutive operators on the same processor. */
final class Plan {

    /** Consecutive operators on the same processor, as flat arrays for speed, with the cost last computed for them. */
    static final class Group {
        /** The processor index, or {@link WorkloadCompiler#HOST} for "cpu" (the host cluster for the thread count). */
        final int processor;
        final double[] flops;
        final double[] bytes;
        final int[] opClass;
        // the inputs and result of the last cost computed (a batch runs at the same points as the last one)
        final StepCost cached = new StepCost();
        int cachedOpp = -1;
        int cachedHostOpp;
        int cachedCores;
        int[] cachedBusOpp;
        double cachedShare;
        double cachedHostShare;

        Group(int processor, List<OperatorProfile> ops) {
            this.processor = processor;
            flops = new double[ops.size()];
            bytes = new double[ops.size()];
            opClass = new int[ops.size()];
            for (int i = 0; i < ops.size(); i++) {
                flops[i] = ops.get(i).flops();
                bytes[i] = ops.get(i).bytes();
                opClass[i] = ops.get(i).operatorClass().ordinal();
            }
        }

        int size() {
            return flops.length;
        }

        /** True when the last cost was computed for these inputs; else records them (the caller computes it). */
        boolean cachedFor(int opp, int hostOpp, int cores, int[] busOpp, double share, double hostShare) {
            if (cachedOpp == opp && cachedHostOpp == hostOpp && cachedCores == cores && cachedShare == share
                    && cachedHostShare == hostShare && Arrays.equals(cachedBusOpp, busOpp)) {
                return true;
            }
            cachedOpp = opp;
            cachedHostOpp = hostOpp;
            cachedCores = cores;
            cachedBusOpp = busOpp.clone();
            cachedShare = share;
            cachedHostShare = hostShare;
            return false;
        }
    }

    final Group[] groups;
    /** Operators the GPU runtime never launches (no FLOPs and no bytes, or shape-only types), dropped at compile. */
    final int skippedOperators;

    Plan(Group[] groups, int skippedOperators) {
        this.groups = groups;
        this.skippedOperators = skippedOperators;
    }
}
