package org.zeusmobile.lab;

import java.util.ArrayList;
import java.util.List;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.strategy.SearchSpace;
import org.zeusmobile.core.workload.OperatorProfile;
import org.zeusmobile.core.workload.WorkloadProfile;

/**
 * The knobs a comparison searches for one workload on one device. Every knob of a phone is too many (the
 * Snapdragon 8 Gen 2 has ~10^8 combinations): the space keeps the processors the workload runs on, the
 * memory bus and the batch size, with each frequency list thinned to evenly spaced values (min and max
 * included). A GPU workload also gets the fastest CPU cluster (its launch overhead runs there); a CPU
 * workload gets every CPU cluster and the thread count.
 */
public final class SearchSpaces {

    /** Frequencies kept per knob. */
    public static final int GPU_LEVELS = 8;
    public static final int CPU_LEVELS_GPU_WORKLOAD = 4;
    public static final int CPU_LEVELS_CPU_WORKLOAD = 5;
    public static final int MEM_LEVELS = 5;
    /** Batch sizes searched: larger ones break any interactive SLO. */
    public static final long MAX_BATCH = 8;

    private SearchSpaces() {
    }

    public static SearchSpace forWorkload(Device device, WorkloadProfile workload) {
        boolean gpu = false;
        boolean cpu = false;
        for (OperatorProfile op : workload.operators()) {
            String p = op.processor() == null ? "gpu" : op.processor();
            if (p.equals("gpu")) {
                gpu = true;
            } else {
                cpu = true;
            }
        }
        return forProcessors(device, gpu, cpu);
    }

    /** The space for a workload that runs on the GPU, on the CPU clusters, or both. */
    public static SearchSpace forProcessors(Device device, boolean gpu, boolean cpu) {
        List<Knob> knobs = new ArrayList<>();
        Knob fastestCpu = null;
        for (Knob knob : device.knobs()) {
            String name = knob.name();
            if (name.equals(Knob.GPU_FREQ) && gpu) {
                knobs.add(thin(knob, GPU_LEVELS));
            } else if (name.startsWith("cpu.") && cpu) {
                knobs.add(thin(knob, CPU_LEVELS_CPU_WORKLOAD));
            } else if (name.startsWith("cpu.") && (fastestCpu == null || knob.max() > fastestCpu.max())) {
                fastestCpu = knob;
            } else if (name.startsWith("mem.")) {
                knobs.add(thin(knob, MEM_LEVELS));
            } else if (name.equals(Knob.THREADS) && cpu) {
                knobs.add(knob);
            }
        }
        if (!cpu && fastestCpu != null) {
            knobs.add(thin(fastestCpu, CPU_LEVELS_GPU_WORKLOAD));
        }
        for (Knob knob : device.knobs()) {
            if (knob.name().equals(Knob.BATCH)) {
                List<Long> values = new ArrayList<>();
                for (long v : knob.values()) {
                    if (v <= MAX_BATCH) {
                        values.add(v);
                    }
                }
                knobs.add(Knob.of(Knob.BATCH, Knob.Unit.COUNT, values));
            }
        }
        return new SearchSpace(knobs);
    }

    /** At most {@code levels} of the knob's values, evenly spread by index, min and max included. */
    static Knob thin(Knob knob, int levels) {
        if (knob.size() <= levels) {
            return knob;
        }
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < levels; i++) {
            long v = knob.value((int) Math.round(i * (knob.size() - 1) / (double) (levels - 1)));
            if (!values.contains(v)) {
                values.add(v);
            }
        }
        return Knob.of(knob.name(), knob.unit(), values);
    }
}
