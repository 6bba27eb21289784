package org.zeusmobile.core.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.strategy.Objective;
import org.zeusmobile.core.strategy.Observation;
import org.zeusmobile.core.strategy.Prediction;
import org.zeusmobile.core.strategy.StaticStrategy;
import org.zeusmobile.core.strategy.Strategy;
import org.zeusmobile.core.strategy.Traffic;

class ControllerTest {

    private final FakeBoard board = new FakeBoard();
    private final Objective objective = new Objective(0.5, 0.1, 10);
    private static final Configuration FAST = Configuration.governed().with("gpu.freq", 800 * FakeBoard.MHZ);

    private Controller controller(RequestTrace trace, long durationS) {
        return new Controller(board, board.engine(), trace,
                new Controller.Options().durationNs(durationS * 1_000_000_000L).shutdownHook(false));
    }

    @Test
    void windowsAreLongEnoughForASlowFuelGauge() {
        Controller controller = new Controller(board, board.engine(), RequestTrace.closedLoop(),
                new Controller.Options().windowNs(100_000_000L).durationNs(60_000_000_000L).shutdownHook(false));
        assertThat(controller.effectiveWindowNs()).isEqualTo(5_000_000_000L); // 5 updates of a 1 s gauge
        RunResult result = controller.run(new StaticStrategy("fixed", FAST), new Random(1), null);
        List<Window> windows = result.windows();
        for (Window window : windows.subList(0, windows.size() - 1)) { // the last one ends with the run
            assertThat(window.elapsedS()).isGreaterThanOrEqualTo(5.0);
            assertThat(window.inferences()).isGreaterThan(100); // one observation covers many inferences
        }
    }

    @Test
    void windowsEndOnTheFuelGaugesTicksSoEachHoldsWholeUpdates() {
        board.clock.advance(300_000_000L); // the run starts between two gauge updates
        long startNs = board.clock.nanoTime();
        Controller controller = new Controller(board, board.engine(), RequestTrace.closedLoop(),
                new Controller.Options().durationNs(60_000_000_000L).shutdownHook(false)
                        .trueEnergyJ(() -> board.trueEnergyJ));
        List<Window> windows = controller.run(new StaticStrategy("fixed", FAST), new Random(1), null).windows();
        assertThat(windows.size()).isGreaterThan(8);
        for (Window window : windows.subList(1, windows.size() - 1)) {
            long sinceTickNs = (startNs + window.endNs()) % 1_000_000_000L;
            assertThat(sinceTickNs).as("window %d ends one 4 ms batch after a tick", window.index())
                    .isLessThanOrEqualTo(4_000_000L);
            assertThat(window.measuredEnergyJ()).isCloseTo(window.energyJ(), within(window.energyJ() * 0.01));
        }
    }

    @Test
    void closedLoopObservationsMatchTheBoardsTruth() {
        Recorder recorder = new Recorder(FAST);
        RunResult result = controller(RequestTrace.closedLoop(), 30).run(recorder, new Random(1), null);
        // At 800 MHz a batch of one takes 4 ms at 0.5 + 2 * 4 = 8.5 W: 34 mJ per inference.
        Observation o = recorder.seen.get(2);
        assertThat(o.timePerInferenceS()).isCloseTo(0.004, within(1e-4));
        assertThat(o.latencyP95S()).isCloseTo(0.004, within(1e-6));
        assertThat(o.energyPerInferenceJ()).isCloseTo(0.034, within(0.034 * 0.05));
        assertThat(o.temperatureC()).isEqualTo(30);
        assertThat(o.thermalHeadroomC()).isEqualTo(15); // to the board's first trip point, 45 °C
        assertThat(result.inferences()).isEqualTo(board.batches);
        assertThat(result.latencies().quantileS(0.99)).isCloseTo(0.004, within(1e-6));
    }

    @Test
    void windowsAfterTheMeterVanishesAreLeftOutOfTheEnergyNotTurnedIntoNaN() {
        Controller controller = controller(RequestTrace.closedLoop(), 40);
        controller.at(20_000_000_000L, () -> board.gaugeGone = true);
        RunResult result = controller.run(new StaticStrategy("fixed", FAST), new Random(1), null);

        assertThat(result.measuredWindows()).isBetween(2, result.windows().size() - 2);
        // 34 mJ per inference at 800 MHz (see above), from the windows that were measured.
        assertThat(result.energyPerInferenceJ()).isCloseTo(0.034, within(0.034 * 0.05));
        assertThat(board.restores).as("restored all the same").isEqualTo(1);
    }

    @Test
    void headroomIsToTheNextTripPointAbovePastTheLastNegativeAndUnknownWithoutTrips() {
        double[] trips = {52, 58};
        assertThat(ThermalReading.headroomC(49.5, trips)).isEqualTo(2.5);
        assertThat(ThermalReading.headroomC(53, trips)).as("the first step already throttles").isEqualTo(5);
        assertThat(ThermalReading.headroomC(60, trips)).isEqualTo(-2);
        assertThat(ThermalReading.headroomC(40, new double[0])).isNaN();
    }

    @Test
    void periodicLatencyIncludesBatchingDelayAndEnergyIncludesIdle() {
        // 20 fps with batch 2 would be a knob the board lacks: the controller batches itself.
        Configuration batched = FAST.with("batch", 2);
        Recorder recorder = new Recorder(batched);
        RunResult result = controller(RequestTrace.periodic(20), 20).run(recorder, new Random(1), null);
        // The first frame of a pair waits 50 ms for the second (the batch delay limit), then 8 ms of compute.
        assertThat(result.latencies().quantileS(0.95)).isCloseTo(0.058, within(1e-3));
        assertThat(result.latencies().quantileS(0.05)).isCloseTo(0.008, within(1e-3));
        assertThat(board.applied.get(0).pins("batch")).as("batch is not sent to a board without the knob").isFalse();
        Observation o = recorder.seen.get(1);
        assertThat(o.timePerInferenceS()).isCloseTo(0.05, within(1e-3)); // one frame every 50 ms
        // Energy per inference: busy 8.5 W x 8 ms per pair plus idle 0.5 W for the rest of 100 ms, over 2.
        double expectedJ = (8.5 * 0.008 + 0.5 * 0.092) / 2;
        assertThat(o.energyPerInferenceJ()).isCloseTo(expectedJ, within(expectedJ * 0.05));
    }

    @Test
    void queueingDelayCountsWhenRequestsArriveFasterThanServed() {
        // 200 requests/s at 8 ms each is 160% load at 400 MHz: the queue grows and so does latency.
        RunResult result = controller(RequestTrace.periodic(200), 10)
                .run(new StaticStrategy("slow", Configuration.governed().with("gpu.freq", 400 * FakeBoard.MHZ)),
                        new Random(1), null);
        assertThat(result.latencies().quantileS(0.99)).isGreaterThan(1.0);
    }

    @Test
    void aStrategyEndsAWindowAtOnceAndIsToldTheStartingHeadroomAndTraffic() {
        // 200 requests/s at 400 MHz is 160% load: the strategy ends its first window once 3 requests took over 50 ms.
        final Configuration slow = Configuration.governed().with("gpu.freq", 400 * FakeBoard.MHZ);
        final double[] startingHeadroomC = {Double.NaN};
        final Traffic[] startingTraffic = {null};
        Strategy impatient = new Recorder(slow) {
            int late;

            @Override
            public boolean endWindowEarly(long[] batchLatenciesNs) {
                for (long latencyNs : batchLatenciesNs) {
                    late += latencyNs > 50_000_000L ? 1 : 0;
                }
                return seen.isEmpty() && late >= 3;
            }

            @Override
            public void observeStart(double thermalHeadroomC, Traffic traffic) {
                startingHeadroomC[0] = thermalHeadroomC;
                startingTraffic[0] = traffic;
            }
        };
        List<Window> windows = controller(RequestTrace.periodic(200), 20).run(impatient, new Random(1), null).windows();
        assertThat(windows.get(0).elapsedS()).as("ended with its third late request, not after 5 s")
                .isLessThanOrEqualTo(0.5);
        assertThat(windows.get(0).observation().shareAboveS(0.050)).as("told of its late requests")
                .isGreaterThan(0);
        assertThat(windows.get(1).elapsedS()).as("the next window runs its full length").isGreaterThanOrEqualTo(5.0);
        assertThat(startingHeadroomC[0]).isEqualTo(ThermalReading.of(board.thermalSensors()).headroomC);
        assertThat(startingTraffic[0]).as("the controller serves its own trace: it knows").isEqualTo(Traffic.OPEN_LOOP);
    }

    @Test
    void theControllerTellsClosedFromOpenLoopTrafficByItself() {
        Recorder closed = new Recorder(FAST);
        RunResult closedRun = controller(RequestTrace.closedLoop(), 20).run(closed, new Random(1), null);
        assertThat(closed.seen).allSatisfy(o -> assertThat(o.traffic()).isEqualTo(Traffic.CLOSED_LOOP));
        assertThat(closedRun.traffic()).isEqualTo(Traffic.CLOSED_LOOP);

        // Camera frames: the engine idles between them.
        Recorder frames = new Recorder(FAST);
        controller(RequestTrace.periodic(30), 20).run(frames, new Random(1), null);
        assertThat(frames.seen).allSatisfy(o -> assertThat(o.traffic()).isEqualTo(Traffic.OPEN_LOOP));

        // Requests faster than the engine serves: it never idles, but they queue.
        Recorder overloaded = new Recorder(Configuration.governed().with("gpu.freq", 200 * FakeBoard.MHZ));
        controller(RequestTrace.periodic(100), 10).run(overloaded, new Random(1), null);
        assertThat(overloaded.seen.get(0).traffic()).isEqualTo(Traffic.OPEN_LOOP);
    }

    @Test
    void underOpenLoopTheCostIsTheEnergyPerInferenceNotTheInterArrivalTime() {
        Recorder frames = new Recorder(FAST);
        controller(RequestTrace.periodic(20), 20).run(frames, new Random(1), null);
        Observation o = frames.seen.get(1);
        assertThat(o.timePerInferenceS()).isCloseTo(0.05, within(1e-3));
        assertThat(o.cost(objective)).isEqualTo(o.energyPerInferenceJ());
    }

    @Test
    void whatTheMetersMeasuredIsTheRunsPredictionNotTheTrueEnergy() {
        board.gaugeNoise = 0.1; // the gauge reads 10% high
        Controller controller = new Controller(board, board.engine(), RequestTrace.periodic(20),
                new Controller.Options().durationNs(20_000_000_000L).shutdownHook(false)
                        .trueEnergyJ(() -> board.trueEnergyJ));
        RunResult result = controller.run(new StaticStrategy("fixed", FAST), new Random(1), null);
        Prediction measured = result.measured();
        assertThat(measured.traffic()).isEqualTo(Traffic.OPEN_LOOP);
        assertThat(measured.energyPerInferenceJ()).isCloseTo(result.energyPerInferenceJ() * 1.1,
                within(result.energyPerInferenceJ() * 0.02));
        assertThat(measured.timePerInferenceS()).isCloseTo(0.05, within(1e-3));
        assertThat(measured.latencyP95S()).isEqualTo(result.latencies().quantileS(0.95));
    }

    @Test
    void pausesWithoutRequestsAreToldToTheStrategyAndMeasuredApartFromTheBusyWindows() {
        Recorder recorder = new Recorder(FAST);
        RunResult result = controller(RequestTrace.bursty(20, 2, 10), 60).run(recorder, new Random(1), null);
        int pauses = 0;
        for (Window window : result.windows()) {
            pauses += window.inferences() == 0 ? 1 : 0;
        }
        assertThat(pauses).as("10 s pauses hold whole windows").isGreaterThan(0);
        assertThat(recorder.idleJ).hasSize(pauses);
        assertThat(recorder.seen.size() + pauses).isEqualTo(result.windows().size());
        double idleJ = recorder.idleJ.stream().mapToDouble(Double::doubleValue).sum();
        double idleS = recorder.idleS.stream().mapToDouble(Double::doubleValue).sum();
        assertThat(result.idlePowerW()).isCloseTo(idleJ / idleS, within(1e-9));
        assertThat(result.measuredBusy().energyPerInferenceJ()).as("the pauses' energy left out")
                .isCloseTo(result.measured().energyPerInferenceJ() - idleJ / result.inferences(), within(1e-9));
    }

    @Test
    void eventsRunAtTheirTimeAndTheStrategySeesEveryWindow() {
        List<Long> firedAt = new ArrayList<>();
        Recorder recorder = new Recorder(FAST);
        Controller controller = controller(RequestTrace.closedLoop(), 20);
        controller.at(10_000_000_000L, () -> firedAt.add(board.clock.nanoTime()));
        List<Window> told = new ArrayList<>();
        RunResult result = controller.run(recorder, new Random(1), told::add);
        assertThat(firedAt).hasSize(1);
        assertThat(firedAt.get(0)).isBetween(10_000_000_000L, 10_010_000_000L);
        assertThat(told).hasSize(result.windows().size());
        assertThat(recorder.seen).hasSize(result.windows().size());
    }

    @Test
    void restoresTheBoardAfterARunAndAfterAFailure() {
        controller(RequestTrace.closedLoop(), 5).run(new StaticStrategy("fixed", FAST), new Random(1), null);
        assertThat(board.restores).isEqualTo(1);
        assertThat(board.pinned).isFalse();
        Strategy failing = new Recorder(FAST) {
            @Override
            public void observe(Observation observation) {
                throw new IllegalStateException("strategy bug");
            }
        };
        assertThatThrownBy(() -> controller(RequestTrace.closedLoop(), 5).run(failing, new Random(1), null))
                .hasMessage("strategy bug");
        assertThat(board.restores).isEqualTo(2);
        assertThat(board.gpuHz).isEqualTo(400 * FakeBoard.MHZ);
    }

    @Test
    void recordsTrueEnergyBesideTheMeasurement() {
        Controller controller = new Controller(board, board.engine(), RequestTrace.closedLoop(),
                new Controller.Options().durationNs(20_000_000_000L).shutdownHook(false)
                        .trueEnergyJ(() -> board.trueEnergyJ));
        RunResult result = controller.run(new StaticStrategy("fixed", FAST), new Random(1), null);
        assertThat(result.energyJ()).isCloseTo(board.trueEnergyJ, within(1e-9));
        assertThat(result.energyPerInferenceJ()).isCloseTo(0.034, within(1e-6));
    }

    @Test
    void listenersHearTheRunStartEachDecisionEachBatchEachWindowAndTheEndAfterTheRestore() {
        final Configuration slow = Configuration.governed().with("gpu.freq", 400 * FakeBoard.MHZ);
        Strategy alternating = new Recorder(FAST) {
            int windows;

            @Override
            public Configuration next() {
                return windows++ < 2 ? FAST : slow;
            }

            @Override
            public String reason() {
                return "window " + windows;
            }
        };
        final List<String> heard = new ArrayList<>();
        final long[] batchedRequests = new long[1];
        final long[] lastBatchEndNs = new long[1];
        Controller.Listener listener = new Controller.Listener() {
            @Override
            public void onRunStart(org.zeusmobile.core.device.Device device, String strategy) {
                heard.add("start " + strategy + " on " + device.info().name());
            }

            @Override
            public void onDecision(long atNs, Configuration configuration, boolean changed, String reason) {
                heard.add("decision " + configuration.get("gpu.freq", 0L) / FakeBoard.MHZ + " MHz"
                        + (changed ? " changed" : "") + " (" + reason + ")");
            }

            @Override
            public void onBatch(long beginNs, long endNs, long[] latenciesNs) {
                assertThat(beginNs).isGreaterThanOrEqualTo(lastBatchEndNs[0]);
                assertThat(latenciesNs).containsOnly(endNs - beginNs); // closed loop: no queueing
                batchedRequests[0] += latenciesNs.length;
                lastBatchEndNs[0] = endNs;
            }

            @Override
            public void onWindow(Window window) {
                heard.add("window " + window.index());
                assertThat(window.measurement().energyJ("total")).isEqualTo(window.measuredEnergyJ());
                assertThat(window.temperaturesC()).containsEntry("gpu", 30.0);
            }

            @Override
            public void onRunEnd(long atNs) {
                heard.add("end, restored " + board.restores + " time(s), at " + atNs / 1_000_000_000L + " s");
            }
        };
        Controller controller = new Controller(board, board.engine(), RequestTrace.closedLoop(),
                new Controller.Options().durationNs(15_000_000_000L).shutdownHook(false));
        RunResult result = controller.run(alternating, new Random(1), Controller.Listener.all(null, listener));

        assertThat(heard).containsExactly("start recorder on fake", "decision 800 MHz changed (window 1)", "window 0",
                "decision 800 MHz (window 2)", "window 1", "decision 400 MHz changed (window 3)", "window 2",
                "end, restored 1 time(s), at 15 s");
        assertThat(batchedRequests[0]).isEqualTo(result.inferences());
    }

    /** Runs one configuration and keeps what it was told. */
    static class Recorder implements Strategy {
        final Configuration configuration;
        final List<Observation> seen = new ArrayList<>();
        final List<Double> idleJ = new ArrayList<>();
        final List<Double> idleS = new ArrayList<>();

        Recorder(Configuration configuration) {
            this.configuration = configuration;
        }

        @Override
        public String name() {
            return "recorder";
        }

        @Override
        public Configuration next() {
            return configuration;
        }

        @Override
        public void observe(Observation observation) {
            seen.add(observation);
        }

        @Override
        public void observeIdle(Configuration configuration, double energyJ, double elapsedS) {
            idleJ.add(energyJ);
            idleS.add(elapsedS);
        }

        @Override
        public Configuration best() {
            return configuration;
        }
    }

    @Test
    void aThermalSensorThatFailsIsCountedInTheResultNotIgnored() {
        board.thermalFailure = "thermal_zone3/temp: Invalid argument";
        RunResult result = controller(RequestTrace.closedLoop(), 30).run(new StaticStrategy("fixed", FAST), new Random(1), null);

        int windows = result.windows().size();
        assertThat(result.windows()).allMatch(w -> Double.isNaN(w.temperatureC()));
        assertThat(result.problems()).containsExactly(
                "thermal sensor gpu could not be read in " + windows + " of " + windows
                        + " windows (last: thermal_zone3/temp: Invalid argument)",
                "no thermal sensor could be read in " + windows + " of " + windows
                        + " windows: the thermal guard had no temperature to watch there");
    }
}
