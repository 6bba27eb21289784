package org.zeusmobile.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Interference: another app takes a share of a processor's time ({@code gpu}, {@code cpu} for every
 * cluster, or a cluster name), now or at scheduled clock times (scenario phases), possibly drawn at random
 * from a seed. The share slows our operators there by {@code 1 / (1 - share)} and costs power (see
 * {@link PowerModel#backgroundW}).
 */
final class BackgroundLoad {

    /** One scheduled change. */
    private static final class Phase {
        final long atNs;
        final String processor;
        final double share;

        Phase(long atNs, String processor, double share) {
            this.atNs = atNs;
            this.processor = processor;
            this.share = share;
        }
    }

    private final SimProcessor[] processors;
    private final WorkloadCompiler compiler;
    private final String profileName;
    private final List<Phase> phases = new ArrayList<>();

    BackgroundLoad(SimProcessor[] processors, WorkloadCompiler compiler, String profileName) {
        this.processors = processors;
        this.compiler = compiler;
        this.profileName = profileName;
    }

    /** Refuses a share outside [0, 1) or a processor the device does not have. */
    void check(String processor, double share) {
        if (!(share >= 0 && share < 1)) {
            throw new IllegalArgumentException("background share must be in [0, 1), got " + share);
        }
        boolean found = processor.equals("cpu") || (processor.equals("gpu") && compiler.gpu() >= 0)
                || compiler.processorIndex(processor) >= 0;
        if (!found) {
            throw new IllegalArgumentException("no processor '" + processor + "' on " + profileName
                    + "; use cpu, gpu or one of " + compiler.processorNames());
        }
    }

    /** Sets the share now. */
    void apply(String processor, double share) {
        for (SimProcessor p : processors) {
            if (p.spec.name.equals(processor) || (processor.equals("cpu") && p.spec.kind == SocProfile.Kind.CPU)) {
                p.backgroundShare = share;
            }
        }
    }

    /** Sets the share at clock time {@code atNs}; changes at the same time apply in the order scheduled. */
    void schedule(long atNs, String processor, double share) {
        check(processor, share);
        int at = phases.size();
        while (at > 0 && phases.get(at - 1).atNs > atNs) {
            at--;
        }
        phases.add(at, new Phase(atNs, processor, share));
    }

    /**
     * Alternating quiet and busy phases of exponential length (mean {@code meanPhaseS}) from {@code fromNs} to
     * {@code untilNs}; a busy phase gives another app a uniform share in (0, {@code maxShare}) of the CPU clusters
     * or of the GPU. Returns the number of phases.
     */
    int random(long seed, long fromNs, long untilNs, double meanPhaseS, double maxShare) {
        if (!(meanPhaseS > 0) || !(maxShare > 0 && maxShare < 1)) {
            throw new IllegalArgumentException("mean phase must be > 0 s and max share in (0, 1), got " + meanPhaseS
                    + " s and " + maxShare);
        }
        SplittableRandom random = new SplittableRandom(seed);
        boolean hasGpu = compiler.gpu() >= 0;
        long t = fromNs;
        int count = 0;
        boolean busy = false;
        while (t < untilNs) {
            schedule(t, "cpu", 0);
            if (hasGpu) {
                schedule(t, "gpu", 0);
            }
            if (busy) {
                String target = hasGpu && random.nextBoolean() ? "gpu" : "cpu";
                schedule(t, target, random.nextDouble() * maxShare);
            }
            busy = !busy;
            count++;
            t += Math.max(1, Math.round(-Math.log(1 - random.nextDouble()) * meanPhaseS * 1e9));
        }
        schedule(untilNs, "cpu", 0);
        if (hasGpu) {
            schedule(untilNs, "gpu", 0);
        }
        return count;
    }

    /** The clock time of the next scheduled change, or {@code Long.MAX_VALUE}. */
    long nextNs() {
        return phases.isEmpty() ? Long.MAX_VALUE : phases.get(0).atNs;
    }

    /** Applies every change due by {@code nowNs}; true when any was. */
    boolean applyDue(long nowNs) {
        boolean changed = false;
        while (!phases.isEmpty() && phases.get(0).atNs <= nowNs) {
            Phase phase = phases.remove(0);
            apply(phase.processor, phase.share);
            changed = true;
        }
        return changed;
    }
}
