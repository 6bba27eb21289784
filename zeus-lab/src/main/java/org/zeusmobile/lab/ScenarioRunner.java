package org.zeusmobile.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.zeusmobile.core.control.Controller;
import org.zeusmobile.core.control.RunResult;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.measure.EnergyMeter;
import org.zeusmobile.core.strategy.SearchSpace;
import org.zeusmobile.core.strategy.Strategy;
import org.zeusmobile.core.workload.OperatorProfile;
import org.zeusmobile.sim.SimEngine;
import org.zeusmobile.sim.SimulatedDevice;

/**
 * Runs one strategy through a comparison's scenario on a fresh simulated device opened with the run's seed, so
 * every strategy meets the same conditions and sensor noise: the thermal scenario pre-heats the device, the phased
 * ones change the conditions halfway. Energy is the simulator's true energy of the device serving our requests,
 * without the share another app's load causes in the interference scenario ({@link #energyScope()}); the
 * strategies themselves see only the meters, which count everything, as on a real device.
 */
final class ScenarioRunner {

    /** How long a partial batch waits for more requests. */
    static final long MAX_BATCH_DELAY_NS = 50_000_000L;

    /** One run and its timeline. */
    record Run(RunResult result, List<StrategyResult.TimelinePoint> timeline) {
    }

    private final CompareOptions options;
    private final String workloadProcessor;

    ScenarioRunner(CompareOptions options) {
        this.options = options;
        this.workloadProcessor = workloadProcessor(options);
    }

    /** The processor the workload runs on ({@code gpu} when any operator runs there): where interference lands. */
    private static String workloadProcessor(CompareOptions options) {
        for (OperatorProfile op : options.model.profile(1, options.inputSize()).operators()) {
            if (op.processor() == null || op.processor().equals("gpu")) {
                return "gpu";
            }
        }
        return "cpu";
    }

    String workloadProcessor() {
        return workloadProcessor;
    }

    /** What the runs' energy covers: the device serving our requests, another app's share left out. */
    EnergyScope energyScope() {
        return EnergyScope.simulatedWorkload(options.scenario == Scenario.INTERFERENCE);
    }

    /**
     * Runs {@code strategy} through the scenario.
     *
     * @param phaseSwitch told at the phase change (the per-phase oracle), or null
     * @param noiseFree sensors without noise (the oracle's search)
     * @param listener told after each window (progress displays), or null
     */
    Run run(Strategy strategy, Runnable phaseSwitch, long seed, boolean noiseFree, SearchSpace space,
            Controller.Listener listener) {
        CompareOptions o = options;
        SimulatedDevice device = SimulatedDevice.open(o.deviceSpec, seed);
        device.setSensorNoise(!noiseFree);
        SimEngine engine = device.engine(o.model, o.inputSize());
        if (o.scenario == Scenario.THERMAL) {
            preheat(device, engine);
        }
        Controller controller = new Controller(device, engine, o.trace,
                new Controller.Options().windowNs(o.windowNs).durationNs(o.durationNs).shutdownHook(false)
                        .maxBatchDelayNs(MAX_BATCH_DELAY_NS)
                        .trueEnergyJ(() -> device.trueEnergyJ() - device.trueBackgroundEnergyJ()));
        long half = o.durationNs / 2;
        if (o.scenario == Scenario.INTERFERENCE) {
            controller.at(half, () -> device.setBackgroundLoad(workloadProcessor, Scenario.BACKGROUND_SHARE));
        } else if (o.scenario == Scenario.INPUT_CHANGE) {
            controller.at(half, () -> engine.setInputSize(2 * o.inputSize()));
        }
        if (phaseSwitch != null) {
            controller.at(half, phaseSwitch);
        }
        ClockRecorder clocks = new ClockRecorder(frequencyKnobs(space), device::runningFreqHz);
        RunResult result = controller.run(strategy, new Random(seed), Controller.Listener.all(clocks, listener));
        return new Run(result, clocks.timeline(result.windows()));
    }

    static List<String> frequencyKnobs(SearchSpace space) {
        List<String> names = new ArrayList<>();
        for (Knob knob : space.knobs()) {
            if (knob.unit() == Knob.Unit.HZ) {
                names.add(knob.name());
            }
        }
        return names;
    }

    /**
     * Five minutes of back-to-back batches at full speed before the run: the phone is already hot. They go on until
     * the slowest energy meter's next update (at most 1.5 of its periods), so that the run starts on one: else the
     * run's first window reads an update that covers the last of the heating (a 4 s fuel-gauge window on a
     * generated phone read 1.7x its true energy), and every strategy's first configuration looks that much dearer.
     */
    private static void preheat(SimulatedDevice device, SimEngine engine) {
        SearchSpace full = new SearchSpace(device.knobs());
        Configuration max = full.maximum().with(Knob.BATCH, 1).without(Knob.THREADS);
        device.apply(max);
        long end = device.clock().nanoTime() + Scenario.PREHEAT_S * 1_000_000_000L;
        while (device.clock().nanoTime() < end) {
            engine.runBatch(1);
        }
        EnergyMeter slowest = null;
        for (EnergyMeter meter : device.energyMeters()) {
            slowest = slowest == null || meter.updatePeriodNs() > slowest.updatePeriodNs() ? meter : slowest;
        }
        if (slowest != null) {
            long deadline = device.clock().nanoTime() + slowest.updatePeriodNs() * 3 / 2;
            double beforeJ = slowest.readJ();
            while (device.clock().nanoTime() < deadline && slowest.readJ() == beforeJ) {
                engine.runBatch(1);
            }
        }
        device.restore();
    }
}
