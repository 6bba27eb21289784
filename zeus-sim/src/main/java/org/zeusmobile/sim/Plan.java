package org.zeusmobile.sim;

import java.util.List;
import org.zeusmobile.core.workload.OperatorProfile;

/** A workload profile resolved against one device: runs of consecutive operators on the same processor. */
final class Plan {

    /** Consecutive operators on the same processor, as flat arrays for speed. */
    static final class Group {
        /** The processor index, or {@link WorkloadCompiler#HOST} for "cpu" (the host cluster for the thread count). */
        final int processor;
        final double[] flops;
        final double[] bytes;
        final int[] opClass;

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
    }

    final Group[] groups;

    Plan(Group[] groups) {
        this.groups = groups;
    }
}
