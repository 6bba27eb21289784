package org.zeusmobile.core.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.zeusmobile.core.ManualClock;

class MonitorTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;
    private static final double NO_WRAP = Double.POSITIVE_INFINITY;

    private final ManualClock clock = new ManualClock();

    private Monitor monitor(EnergyMeter... meters) {
        return new Monitor(clock, Arrays.asList(meters), Collections.<PowerMeter>emptyList(), new Monitor.Options());
    }

    @Test
    void singleWindowMeasuresTimeAndEnergy() {
        Monitor monitor = monitor(new ClockEnergyMeter("total", clock, 2.0, MS, NO_WRAP));
        monitor.begin("inference");
        clock.advance(10 * S);
        Measurement m = monitor.end("inference");

        assertThat(m.elapsedS()).isEqualTo(10.0);
        assertThat(m.energyJ("total")).isCloseTo(20.0, within(1e-9));
        assertThat(m.valid()).isTrue();
        assertThat(m.issues()).isEmpty();
    }

    @Test
    void nestedAndOverlappingWindowsAreIndependent() {
        Monitor monitor = monitor(new ClockEnergyMeter("gpu", clock, 3.0, MS, NO_WRAP),
                new ClockEnergyMeter("cpu", clock, 1.0, MS, NO_WRAP));
        monitor.begin("outer");
        clock.advance(2 * S);
        monitor.begin("inner");
        clock.advance(1 * S);
        monitor.begin("overlap");
        clock.advance(2 * S);
        Measurement inner = monitor.end("inner");
        clock.advance(4 * S);
        Measurement overlap = monitor.end("overlap");
        clock.advance(1 * S);
        Measurement outer = monitor.end("outer");

        assertThat(inner.elapsedS()).isEqualTo(3.0);
        assertThat(inner.energyJ("gpu")).isCloseTo(9.0, within(1e-9));
        assertThat(inner.energyJ("cpu")).isCloseTo(3.0, within(1e-9));
        assertThat(overlap.elapsedS()).isEqualTo(6.0);
        assertThat(overlap.energyJ("gpu")).isCloseTo(18.0, within(1e-9));
        assertThat(outer.elapsedS()).isEqualTo(10.0);
        assertThat(outer.energyJ("gpu")).isCloseTo(30.0, within(1e-9));
        assertThat(outer.energyJ("cpu")).isCloseTo(10.0, within(1e-9));
        assertThat(monitor.openWindows()).isEmpty();
    }

    @Test
    void oneCounterWrapIsAddedBack() {
        // Readings: at construction, at begin, at end. The counter wraps at 100 J between begin and end.
        ScriptedEnergyMeter meter = new ScriptedEnergyMeter("total", 100.0, S, 80.0, 90.0, 15.0);
        Monitor monitor = monitor(meter);
        monitor.begin("w");
        clock.advance(S / 2);
        Measurement m = monitor.end("w");

        assertThat(m.energyJ("total")).isCloseTo(25.0, within(1e-9));
        assertThat(m.valid()).isTrue();
    }

    @Test
    void threeCounterWrapsInOneWindowAreAllCountedByTheSampler() {
        // The sampler polls wrapping counters once per update period (1 s), so each wrap is seen.
        ScriptedEnergyMeter meter = new ScriptedEnergyMeter("total", 100.0, S,
                0.0, // construction
                50.0, // begin
                40.0, // tick at 1 s: +90 J (wrapped)
                30.0, // tick at 2 s: +90 J (wrapped)
                20.0, // tick at 3 s: +90 J (wrapped)
                35.0); // end: +15 J
        Monitor monitor = monitor(meter);
        monitor.begin("w");
        clock.advance(3 * S + S / 2);
        Measurement m = monitor.end("w");

        assertThat(meter.reads).isEqualTo(6);
        assertThat(m.energyJ("total")).isCloseTo(285.0, within(1e-9));
        assertThat(m.valid()).isTrue();
    }

    @Test
    void wrappingRealisticCounterOverManyPeriodsMatchesPowerTimesTime() {
        // 50 W into a counter that wraps every 10 J: it wraps five times a second; polled every 100 ms.
        Monitor monitor = monitor(new ClockEnergyMeter("package", clock, 50.0, 100 * MS, 10.0));
        monitor.begin("long");
        clock.advance(60 * S);
        assertThat(monitor.end("long").energyJ("package")).isCloseTo(3000.0, within(1e-6));
    }

    @Test
    void sinePowerSampledAtTenTimesItsFrequencyIntegratesWithinOnePercent() {
        double frequencyHz = 1.0;
        FunctionPowerMeter meter = new FunctionPowerMeter("gpu", clock, 100 * MS,
                t -> 5.0 + 3.0 * Math.sin(2 * Math.PI * frequencyHz * t));
        Monitor monitor = new Monitor(clock, Collections.<EnergyMeter>emptyList(), Collections.singletonList(meter),
                new Monitor.Options());
        clock.advance(30 * MS);
        monitor.begin("sine");
        long startNs = clock.nanoTime();
        clock.advance(7 * S + 370 * MS);
        Measurement m = monitor.end("sine");

        double t0 = startNs / 1e9;
        double t1 = clock.nanoTime() / 1e9;
        double omega = 2 * Math.PI * frequencyHz;
        double exactJ = 5.0 * (t1 - t0) + 3.0 / omega * (Math.cos(omega * t0) - Math.cos(omega * t1));
        assertThat(m.energyJ("gpu")).isCloseTo(exactJ, within(0.01 * exactJ));
        assertThat(m.domain("gpu").issues()).isEmpty();
    }

    @Test
    void windowShorterThanTheUpdatePeriodIsFlagged() {
        Monitor monitor = monitor(new ClockEnergyMeter("total", clock, 2.0, S, NO_WRAP));
        clock.advance(3 * S);
        monitor.begin("short");
        clock.advance(10 * MS);
        Measurement m = monitor.end("short");

        DomainEnergy total = m.domain("total");
        assertThat(total.issues()).singleElement().asString()
                .contains("window of 10.000 ms is shorter than meter clock-total's update period of 1000.000 ms");
        assertThat(total.approximated()).isFalse();
        assertThat(total.energyJ()).isZero(); // the counter did not tick: the flag is what tells the user
    }

    @Test
    void shortWindowIsApproximatedByInstantPowerWhenAsked() {
        Monitor monitor = new Monitor(clock, Collections.singletonList(new ClockEnergyMeter("total", clock, 2.0, S,
                NO_WRAP)), Collections.<PowerMeter>emptyList(), new Monitor.Options().approximateShortWindows(true));
        monitor.begin("warm-up");
        clock.advance(3 * S);
        monitor.end("warm-up");
        monitor.begin("short");
        clock.advance(10 * MS);
        DomainEnergy total = monitor.end("short").domain("total");

        assertThat(total.approximated()).isTrue();
        assertThat(total.energyJ()).isCloseTo(0.02, within(1e-12));
        assertThat(total.issues()).anyMatch(issue -> issue.contains("shorter than"));
    }

    @Test
    void nanAtTheEndInvalidatesTheDomainInsteadOfReturningANumber() {
        Monitor monitor = monitor(new ScriptedEnergyMeter("total", NO_WRAP, MS, 1.0, 2.0, Double.NaN));
        monitor.begin("w");
        clock.advance(S / 2);
        DomainEnergy total = monitor.end("w").domain("total");

        assertThat(total.valid()).isFalse();
        assertThat(total.energyJ()).isNaN();
        assertThat(total.issues()).anyMatch(issue -> issue.contains("not a counter value") && issue.contains("(NaN J)"))
                .anyMatch(issue -> issue.contains("no valid reading at the window's end"));
    }

    @Test
    void negativeReadingAtTheBeginningInvalidatesTheDomain() {
        Monitor monitor = monitor(new ScriptedEnergyMeter("total", NO_WRAP, MS, 1.0, -5.0, 9.0));
        monitor.begin("w");
        clock.advance(S / 2);
        DomainEnergy total = monitor.end("w").domain("total");

        assertThat(total.valid()).isFalse();
        assertThat(total.issues()).anyMatch(issue -> issue.contains("not a counter value") && issue.contains("(-5.0 J)"))
                .anyMatch(issue -> issue.contains("beginning"));
    }

    @Test
    void garbageBetweenValidReadingsIsFlaggedButTheDifferenceStands() {
        // Wrapping counter, so the sampler polls at 1 s and 2 s; the 1 s reading is garbage.
        Monitor monitor = monitor(new ScriptedEnergyMeter("total", 1000.0, S, 0.0, 10.0, Double.NaN, 30.0, 40.0));
        monitor.begin("w");
        clock.advance(2 * S + S / 2);
        DomainEnergy total = monitor.end("w").domain("total");

        assertThat(total.valid()).isTrue();
        assertThat(total.energyJ()).isCloseTo(30.0, within(1e-9));
        assertThat(total.issues()).singleElement().asString().contains("not a counter value").contains("the reading was skipped (NaN J)");
    }

    @Test
    void counterThatDecreasesWithoutAWrapRangeInvalidatesTheWindow() {
        Monitor monitor = monitor(new ScriptedEnergyMeter("total", NO_WRAP, MS, 100.0, 120.0, 50.0));
        monitor.begin("w");
        clock.advance(S / 2);
        DomainEnergy total = monitor.end("w").domain("total");

        assertThat(total.valid()).isFalse();
        assertThat(total.energyJ()).isNaN();
        assertThat(total.issues()).anyMatch(issue -> issue.contains("went backwards") && issue.contains("from 120.000000 J to 50.000000 J"));
    }

    @Test
    void sensorThatVanishesGivesAnInvalidDomainWithTheReason() {
        Monitor monitor = monitor(new ScriptedEnergyMeter("total", NO_WRAP, MS, 1.0, 2.0,
                ScriptedEnergyMeter.UNREADABLE));
        monitor.begin("w");
        clock.advance(S / 2);
        DomainEnergy total = monitor.end("w").domain("total");

        assertThat(total.valid()).isFalse();
        assertThat(total.issues()).anyMatch(issue -> issue.contains("could not be read") && issue.contains("sensor vanished"));
    }

    @Test
    void staleCounterIsFlagged() {
        Monitor monitor = monitor(new ScriptedEnergyMeter("total", NO_WRAP, 100 * MS, 5.0, 5.0, 5.0));
        monitor.begin("w");
        clock.advance(5 * S);
        DomainEnergy total = monitor.end("w").domain("total");

        assertThat(total.energyJ()).isZero();
        assertThat(total.issues()).singleElement().asString().contains("did not change in 5.000 s");
    }

    @Test
    void theSamplePeriodFloorBoundsHowOftenAFastMeterIsPolled() {
        int[] reads = new int[1];
        PowerMeter fast = new PowerMeter() {
            public MeterDescription description() {
                return MeterDescription.power("fast-rail", "soc", 0.001, 100_000L); // updates every 100 µs
            }

            public double readW() {
                reads[0]++;
                return 2.0;
            }
        };
        long[] floorsNs = {1_000_000L, 10_000_000L};
        int[] polls = new int[floorsNs.length];
        for (int i = 0; i < floorsNs.length; i++) {
            Monitor monitor = new Monitor(clock, Collections.<EnergyMeter>emptyList(), Collections.singletonList(fast),
                    new Monitor.Options().samplePeriodFloorNs(floorsNs[i]));
            reads[0] = 0;
            monitor.begin("w");
            clock.advance(S);
            assertThat(monitor.end("w").domain("soc").energyJ()).as("2 W for 1 s, floor %d ns", floorsNs[i])
                    .isCloseTo(2.0, within(1e-9));
            polls[i] = reads[0];
            monitor.close();
        }
        assertThat(polls[0]).as("reads in 1 s at the default 1 ms floor").isBetween(1000, 1003);
        assertThat(polls[1]).as("reads in 1 s at a 10 ms floor").isBetween(100, 103);
        assertThatThrownBy(() -> new Monitor.Options().samplePeriodFloorNs(0)).hasMessageContaining("must be positive");
    }

    @Test
    void powerMeterGarbageIsSkippedAndFlagged() {
        List<Double> readings = new ArrayList<>(Arrays.asList(4.0, 4.0, Double.NaN, 4.0, 4.0));
        PowerMeter meter = new PowerMeter() {
            public MeterDescription description() {
                return MeterDescription.power("rail", "soc", 0.001, S);
            }

            public double readW() {
                return readings.size() > 1 ? readings.remove(0) : readings.get(0);
            }
        };
        Monitor monitor = new Monitor(clock, Collections.<EnergyMeter>emptyList(), Collections.singletonList(meter),
                new Monitor.Options());
        monitor.begin("w"); // reading 2; ticks at 1 s (NaN), 2 s, 3 s; end at 3 s
        clock.advance(3 * S);
        DomainEnergy soc = monitor.end("w").domain("soc");

        assertThat(soc.valid()).isTrue();
        assertThat(soc.energyJ()).isCloseTo(12.0, within(1e-9));
        assertThat(soc.issues()).singleElement().asString().contains("not a power drawn").contains("integrated across the gap (NaN W)");
    }

    @Test
    void givenBaselinePowerIsSubtractedAsDynamicEnergy() {
        Monitor monitor = new Monitor(clock, Arrays.asList(new ClockEnergyMeter("total", clock, 1.5, MS, NO_WRAP),
                new ClockEnergyMeter("gpu", clock, 0.5, MS, NO_WRAP)), Collections.<PowerMeter>emptyList(),
                new Monitor.Options().baselinePowerW("total", 1.0));
        monitor.begin("work");
        clock.advance(2 * S);
        Measurement m = monitor.end("work");

        assertThat(m.domain("total").energyJ()).isCloseTo(3.0, within(1e-9));
        assertThat(m.domain("total").dynamicEnergyJ()).isCloseTo(1.0, within(1e-9));
        assertThat(m.domain("gpu").dynamicEnergyJ()).as("no baseline known for gpu").isNaN();
    }

    @Test
    void measuredIdleWindowBecomesTheBaseline() {
        Monitor monitor = monitor(new ClockEnergyMeter("total", clock, 1.5, MS, NO_WRAP));
        monitor.begin("idle");
        clock.advance(4 * S);
        monitor.setBaseline(monitor.end("idle"));
        monitor.begin("work");
        clock.advance(2 * S);
        DomainEnergy total = monitor.end("work").domain("total");

        assertThat(total.baselinePowerW()).isCloseTo(1.5, within(1e-9));
        assertThat(total.dynamicEnergyJ()).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void windowNamesAreCheckedAndWindowsCanBeCancelled() {
        Monitor monitor = monitor(new ClockEnergyMeter("total", clock, 1.0, MS, NO_WRAP));
        monitor.begin("a");
        assertThatThrownBy(() -> monitor.begin("a")).isInstanceOf(IllegalStateException.class)
                .hasMessage("window 'a' is already open; end or cancel it first");
        assertThatThrownBy(() -> monitor.end("b")).isInstanceOf(IllegalStateException.class)
                .hasMessage("no open window named 'b'; open windows: [a]");
        monitor.cancel("a");
        assertThat(monitor.openWindows()).isEmpty();
        assertThatThrownBy(() -> monitor.end("a")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> monitor.cancel("a")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void twoMetersForOneDomainAreRejected() {
        assertThatThrownBy(() -> monitor(new ClockEnergyMeter("gpu", clock, 1.0, MS, NO_WRAP),
                new ClockEnergyMeter("gpu", clock, 2.0, MS, NO_WRAP)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("both measure domain 'gpu'");
    }

    @Test
    void eightThreadsUseWindowsAtOnce() throws Exception {
        // Each round: 8 threads open 100 windows each at once, the clock moves exactly 1 s, then all
        // threads close their windows at once. Every window must measure exactly that second.
        Monitor monitor = monitor(new ClockEnergyMeter("total", clock, 1.0, MS, NO_WRAP),
                new ClockEnergyMeter("gpu", clock, 2.0, MS, 0.5));
        int threads = 8;
        int rounds = 5;
        CyclicBarrier opened = new CyclicBarrier(threads + 1);
        CyclicBarrier advanced = new CyclicBarrier(threads + 1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Measurement>>> results = new ArrayList<>();
        for (int thread = 0; thread < threads; thread++) {
            final int id = thread;
            results.add(pool.submit(() -> {
                List<Measurement> mine = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    for (int i = 0; i < 100; i++) {
                        monitor.begin("t" + id + "-r" + round + "-" + i);
                    }
                    opened.await();
                    advanced.await();
                    for (int i = 0; i < 100; i++) {
                        mine.add(monitor.end("t" + id + "-r" + round + "-" + i));
                    }
                }
                return mine;
            }));
        }
        try {
            for (int round = 0; round < rounds; round++) {
                opened.await(30, TimeUnit.SECONDS);
                assertThat(monitor.openWindows()).hasSize(threads * 100);
                clock.advance(S);
                advanced.await(30, TimeUnit.SECONDS);
            }
            int measured = 0;
            for (Future<List<Measurement>> result : results) {
                for (Measurement m : result.get(30, TimeUnit.SECONDS)) {
                    assertThat(m.valid()).as(m.toString()).isTrue();
                    assertThat(m.elapsedS()).isEqualTo(1.0);
                    assertThat(m.energyJ("total")).isCloseTo(1.0, within(1e-9));
                    assertThat(m.energyJ("gpu")).as("four wraps of 0.5 J each second").isCloseTo(2.0, within(1e-9));
                    measured++;
                }
            }
            assertThat(measured).isEqualTo(threads * rounds * 100);
        } finally {
            pool.shutdownNow();
        }
        assertThat(monitor.openWindows()).isEmpty();
    }

    @Test
    void aCounterThatJumpsBeyondPhysicsInvalidatesTheWindow() {
        // 1e14 J in a millisecond: a garbage counter, not a 1e17 W device
        Monitor monitor = monitor(new ScriptedEnergyMeter("total", NO_WRAP, MS, 1.0, 2.0, 1e14));
        monitor.begin("w");
        clock.advance(S / 2);
        DomainEnergy total = monitor.end("w").domain("total");

        assertThat(total.valid()).isFalse();
        assertThat(total.issues()).anyMatch(issue -> issue.contains("jumped by more energy than any device draws (10000 W)"));
    }

    @Test
    void aPowerReadingBeyondPhysicsIsSkippedLikeNan() {
        // a fuel gauge whose current_now read 99999999999999999999 uA once: 1.97e14 W at 3.9 V
        List<Double> readings = new ArrayList<>(Arrays.asList(4.0, 4.0, 1.97e14, 4.0, 4.0));
        Monitor monitor = new Monitor(clock, Collections.<EnergyMeter>emptyList(),
                Collections.singletonList(new FunctionPowerMeter("soc", clock, S,
                        t -> readings.size() > 1 ? readings.remove(0) : readings.get(0))), new Monitor.Options());
        monitor.begin("w");
        clock.advance(3 * S);
        DomainEnergy soc = monitor.end("w").domain("soc");

        assertThat(soc.energyJ()).as("integrated across the glitch").isCloseTo(12.0, within(1e-9));
        assertThat(soc.issues()).singleElement().asString().contains("beyond 10000 W").contains("(1.97E14 W)");
    }

    @Test
    void aGlitchingSensorKeepsTheProblemLogBoundedAndCounted() {
        // every third reading is garbage, each a different value: the log must not keep them all
        final long[] reads = {0};
        PowerMeter glitching = new FunctionPowerMeter("soc", clock, 10 * MS, t -> {
            long n = reads[0]++;
            if (n % 3 != 2) {
                return 3.0;
            }
            if (n % 9 == 8) {
                throw new org.zeusmobile.core.device.DeviceException("EIO reading sample " + n);
            }
            return n % 2 == 0 ? Double.NaN : 1e15 + n;
        });
        Monitor monitor = new Monitor(clock, Collections.<EnergyMeter>emptyList(), Collections.singletonList(glitching),
                new Monitor.Options());
        monitor.begin("app"); // an outer window open for the whole session
        int windows = 20_000;
        for (int i = 0; i < windows; i++) {
            monitor.begin("window");
            clock.advance(100 * MS);
            DomainEnergy soc = monitor.end("window").domain("soc");
            assertThat(soc.issues().size()).as("distinct kinds of problem, not one line per bad value").isLessThanOrEqualTo(4); // three kinds, and a bad reading at an edge
            assertThat(monitor.problemEntries().get("soc")).isLessThanOrEqualTo(Monitor.MAX_PROBLEMS);
        }
        reads[0] += reads[0] % 3 == 2 ? 1 : 0; // the session ends on a good reading
        DomainEnergy session = monitor.end("app").domain("soc");
        clock.advance(S); // glitches go on with no window open

        assertThat(session.energyJ()).as("3 W throughout, glitches integrated across").isCloseTo(3.0 * windows * 0.1,
                within(1e-6 * windows));
        assertThat(String.join("\n", session.issues())).contains("such readings; the last:");
        assertThat(monitor.problemEntries().get("soc")).as("nothing open needs the log any more").isZero();
    }
}
