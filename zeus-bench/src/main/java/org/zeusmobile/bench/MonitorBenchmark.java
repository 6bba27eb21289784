package org.zeusmobile.bench;

import java.util.Arrays;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.zeusmobile.core.SystemClock;
import org.zeusmobile.core.measure.EnergyMeter;
import org.zeusmobile.core.measure.MeterDescription;
import org.zeusmobile.core.measure.MeterDescription;
import org.zeusmobile.core.measure.Measurement;
import org.zeusmobile.core.measure.Monitor;
import org.zeusmobile.core.measure.PowerMeter;

/**
 * The cost of one begin+end pair over two energy-counter domains (issue target: under 5 µs;
 * ZeusMonitor documents up to 10 ms per call). The counters are in memory, so this measures the
 * monitor's own overhead, not a sysfs read.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MonitorBenchmark {

    private Monitor monitor;

    @Setup
    public void setUp() {
        monitor = new Monitor(SystemClock.INSTANCE,
                Arrays.asList(new InMemoryCounter("cpu", 2.5), new InMemoryCounter("gpu", 4.0)),
                Collections.<PowerMeter>emptyList(), new Monitor.Options());
    }

    @TearDown
    public void tearDown() {
        monitor.close();
    }

    @Benchmark
    public Measurement beginEndPairOverTwoCounters() {
        monitor.begin("window");
        return monitor.end("window");
    }

    /** A counter that grows on every read, as a busy domain's does. */
    static final class InMemoryCounter implements EnergyMeter {
        private final MeterDescription description;
        private final double stepJ;
        private double valueJ;

        InMemoryCounter(String domain, double stepJ) {
            this.description = MeterDescription.energy("memory-" + domain, domain, 1e-6, 1);
            this.stepJ = stepJ;
        }

        @Override
        public MeterDescription description() {
            return description;
        }

        @Override
        public double readJ() {
            valueJ += stepJ;
            return valueJ;
        }
    }
}
