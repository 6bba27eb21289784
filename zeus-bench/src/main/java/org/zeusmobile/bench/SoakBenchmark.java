package org.zeusmobile.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.zeusmobile.core.control.Controller;
import org.zeusmobile.core.control.RequestTrace;
import org.zeusmobile.core.control.RunResult;
import org.zeusmobile.core.strategy.Objective;
import org.zeusmobile.core.strategy.SearchSpace;
import org.zeusmobile.core.strategy.Strategies;
import org.zeusmobile.core.strategy.Strategy;
import org.zeusmobile.core.strategy.StrategyContext;
import org.zeusmobile.core.workload.ModelProfiler;
import org.zeusmobile.lab.SearchSpaces;
import org.zeusmobile.sim.ReferenceWorkloads;
import org.zeusmobile.sim.SimulatedDevice;

/**
 * Soak: {@code inferences} (10^7) simulated inferences through the {@link Controller} with the hybrid on
 * sim:snapdragon-8-gen-2 (the reference 384-wide transformer at 128 tokens, closed loop, SLO 50 ms), as back-to-back
 * controller runs of {@code runMinutes} that share one hybrid and one device, as a service that runs for days would.
 * The counters are the used heap after a full GC before the first run, after the first (the hybrid has built its
 * warm start and arms) and after the last (flat: the hybrid, the device and the monitor keep no per-inference
 * state; each run's windows and latencies, kept for exact percentiles, go with the run), the largest such heap
 * after any run, and the runs' sensor problems. SIMULATED device time;
 * the heap is this JVM's.
 * Run: {@code scripts/soak.sh} (about a minute per 10^6 inferences on one core).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class SoakBenchmark {

    @Param("10000000")
    public long inferences;

    @Param("10")
    public long runMinutes;

    /** What the soak reports beside its time: heap in bytes, runs, inferences, problems. */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class Soak {
        public long heapStartBytes;
        public long heapAfterFirstRunBytes;
        public long heapEndBytes;
        public long heapMaxBytes;
        public long runs;
        public long simulatedInferences;
        public long sensorProblems;
    }

    @Benchmark
    public void hybridThroughTheController(Soak soak) {
        SimulatedDevice device = SimulatedDevice.open("sim:snapdragon-8-gen-2", 1L);
        ModelProfiler model = ReferenceWorkloads.transformer("encoder", 384);
        SearchSpace space = SearchSpaces.forWorkload(device, model.profile(1, 128));
        Objective objective = new Objective(0.5, 0.050, device.maxPowerW());
        Strategy hybrid = Strategies.create(Strategies.HYBRID, new StrategyContext(space, objective).seed(1));
        Controller controller = new Controller(device, device.engine(model, 128), RequestTrace.closedLoop(),
                new Controller.Options().durationNs(runMinutes * 60_000_000_000L).shutdownHook(false));
        soak.heapStartBytes = usedHeapAfterGc();
        long done = 0;
        while (done < inferences) {
            done += oneRun(controller, hybrid, soak);
            long heap = usedHeapAfterGc(); // the run's own windows and latencies are gone by now
            soak.heapMaxBytes = Math.max(soak.heapMaxBytes, heap);
            if (soak.runs == 1) {
                soak.heapAfterFirstRunBytes = heap; // the hybrid has its warm start and arms now
            }
        }
        soak.simulatedInferences = done;
        soak.heapEndBytes = usedHeapAfterGc();
    }

    private static long oneRun(Controller controller, Strategy hybrid, Soak soak) {
        RunResult run = controller.run(hybrid, new Random(soak.runs), null);
        soak.sensorProblems += run.problems().size();
        soak.runs++;
        return run.inferences();
    }

    /** Used heap after asking for full collections until it stops shrinking (System.gc is only a request). */
    static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            long now = memory.getHeapMemoryUsage().getUsed();
            if (now >= used) {
                return now;
            }
            used = now;
        }
        return used;
    }
}
