package org.zeusmobile.sim;

/** The cost of one step of a batch (the batch overhead or a group of operators) at given operating points. */
final class StepCost {
    /** Wall time of the step, background shares included, s. */
    double durationS;
    /** The fraction of the step the step's processor runs our work (kernels on the GPU; all of it on a CPU). */
    double busy;
    /** The fraction of its dynamic power the processor burns while it runs our work (memory stalls lower it). */
    double activity;
    /** GPU steps: the fraction of the step the host core spends submitting kernels. */
    double hostBusy;
    /** Bytes the step moves through memory. */
    double bytes;

    boolean sameAs(StepCost other) {
        return durationS == other.durationS && busy == other.busy && activity == other.activity
                && hostBusy == other.hostBusy && bytes == other.bytes;
    }

    void set(StepCost other) {
        durationS = other.durationS;
        busy = other.busy;
        activity = other.activity;
        hostBusy = other.hostBusy;
        bytes = other.bytes;
    }
}
