package org.zeusmobile.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.workload.Engine;
import org.zeusmobile.core.workload.ModelProfiler;
import org.zeusmobile.core.workload.OperatorClass;
import org.zeusmobile.core.workload.OperatorProfile;
import org.zeusmobile.core.workload.WorkloadProfile;

/** Kernel dispatch as CPU work on the host cluster, overlapped with the GPU; operators no GPU runtime launches. */
class DispatchTest {

    /** {@code kernels} small GPU kernels (a few microseconds of GPU time each), plus {@code shapeOnly} shape nodes. */
    private static ModelProfiler smallKernels(int kernels, int shapeOnly) {
        return new ModelProfiler() {
            @Override
            public String model() {
                return "small-kernels";
            }

            @Override
            public String modelHash() {
                return "small-kernels-" + kernels + "-" + shapeOnly;
            }

            @Override
            public WorkloadProfile profile(int batch, int inputSize) {
                List<OperatorProfile> ops = new ArrayList<>();
                for (int i = 0; i < kernels; i++) {
                    ops.add(new OperatorProfile("add" + i, "Add", OperatorClass.ELEMENTWISE, 4096, 32768, 16384, "gpu"));
                    if (i < shapeOnly) {
                        ops.add(new OperatorProfile("shape" + i, "Shape", OperatorClass.DATA_MOVEMENT, 0, 0, 0, "gpu"));
                        ops.add(new OperatorProfile("reshape" + i, "Reshape", OperatorClass.DATA_MOVEMENT, 0, 64, 64,
                                "gpu"));
                    }
                }
                return new WorkloadProfile("small-kernels", batch, inputSize, ops);
            }
        };
    }

    private static Configuration pinnedPhone(SimulatedDevice device, long hostHz) {
        Configuration c = Configuration.governed();
        for (Knob knob : device.knobs()) {
            if (knob.unit() == Knob.Unit.HZ) {
                c = c.with(knob.name(), knob.max());
            }
        }
        return c.with("cpu.policy7.freq", hostHz);
    }

    @Test
    void submittingKernelsIsWorkOnTheHostClusterThatScalesWithItsClock() {
        SimulatedDevice phone = SimulatedDevice.open("sim:snapdragon-8-gen-2", 0L);
        WorkloadProfile work = smallKernels(500, 0).profile(1, 0);
        double fast = phone.steadyState(pinnedPhone(phone, 3_187_200_000L), work, 25).latencyS();
        double slow = phone.steadyState(pinnedPhone(phone, 998_400_000L), work, 25).latencyS();
        // 500 submissions of 10 us at 3187.2 MHz plus the 0.5 ms batch overhead, both host CPU work: the batch is
        // submission-bound, and that part takes 3.19x as long at 998.4 MHz (the GPU's wake-up does not scale)
        double hostS = 500 * 10e-6 + 0.5e-3;
        assertThat(fast).isCloseTo(hostS, within(0.6e-3));
        assertThat(slow - fast).isCloseTo(hostS * (3_187_200.0 / 998_400 - 1), within(0.02 * hostS));
    }

    @Test
    void theGapBetweenKernelsIsNotGpuBusyTime() {
        SimulatedDevice phone = SimulatedDevice.open("sim:snapdragon-8-gen-2", 0L);
        WorkloadCompiler compiler = new WorkloadCompiler(phone.profile(), new SimProcessor[] {
            phone.processor("policy0"), phone.processor("policy3"), phone.processor("policy7"), phone.processor("gpu")},
                new SimBus[] {new SimBus(phone.profile().buses.get(0))});
        Plan plan = compiler.compile(smallKernels(100, 0).profile(1, 0));
        StepCost cost = new StepCost();
        compiler.groupCost(plan.groups[0], 3, 7, 2, 20, new int[] {8}, 1, 0, 0, cost);
        // each kernel runs ~1 us at 680 MHz; the host submits one every 10 us: the GPU idles in between
        assertThat(cost.durationS).isCloseTo(100 * 10e-6, within(5e-6));
        assertThat(cost.busy).isLessThan(0.2);
        assertThat(cost.hostBusy).isGreaterThan(0.95);
    }

    @Test
    void shapeOnlyAndZeroWorkNodesCostNoLaunch() {
        SimulatedDevice phone = SimulatedDevice.open("sim:snapdragon-8-gen-2", 0L);
        Plan plan = phone.compile(smallKernels(100, 50).profile(1, 0));
        assertThat(plan.skippedOperators).as("50 Shape (no work) and 50 Reshape (shape-only type)").isEqualTo(100);
        Configuration c = pinnedPhone(phone, 3_187_200_000L);
        assertThat(phone.steadyState(c, smallKernels(100, 50).profile(1, 0), 25).latencyS())
                .isEqualTo(phone.steadyState(c, smallKernels(100, 0).profile(1, 0), 25).latencyS());
    }

    @Test
    void theCpuGovernorSeesDispatchAsBusyTimeAndRaisesTheHostClock() {
        SimulatedDevice phone = SimulatedDevice.open("sim:snapdragon-8-gen-2", 0L);
        Engine engine = phone.engine(smallKernels(500, 0), 0);
        while (phone.clock().nanoTime() < 1_000_000_000L) {
            engine.runBatch(1);
        }
        // walt alone would leave an idle prime core at its 864 MHz floor
        assertThat(phone.runningFreqHz("cpu.policy7.freq")).isGreaterThan(864_000_000L);
    }

    @Test
    void aSpinningHostStaysBusyWhileTheGpuWorksABlockingOneSleeps() {
        // a GPU-bound model at the lowest GPU clock: the host waits for the GPU most of each batch
        ModelProfiler gemms = ReferenceWorkloads.computeBound(4, 1024);
        SimulatedDevice orin = SimulatedDevice.open("sim:jetson-orin-nano", 0L);
        orin.apply(Configuration.governed().with(Knob.GPU_FREQ, 306_000_000L));
        SimulatedDevice phone = SimulatedDevice.open("sim:snapdragon-8-gen-2", 0L);
        phone.apply(Configuration.governed().with(Knob.GPU_FREQ, 220_000_000L));
        for (SimulatedDevice device : new SimulatedDevice[] {orin, phone}) {
            Engine engine = device.engine(gemms, 0);
            while (device.clock().nanoTime() < 2_000_000_000L) {
                engine.runBatch(1);
            }
        }
        // CUDA spin-waits: schedutil sees the host core 100% busy and runs it at the top; the phone's runtime blocks
        assertThat(orin.runningFreqHz("cpu.policy0.freq")).isEqualTo(1_728_000_000L);
        assertThat(phone.runningFreqHz("cpu.policy7.freq")).isEqualTo(864_000_000L);
    }
}
