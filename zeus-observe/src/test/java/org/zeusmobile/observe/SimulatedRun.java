package org.zeusmobile.observe;

import java.util.Random;
import org.zeusmobile.core.control.Controller;
import org.zeusmobile.core.control.RequestTrace;
import org.zeusmobile.core.control.RunResult;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.strategy.Observation;
import org.zeusmobile.core.strategy.Strategy;
import org.zeusmobile.sim.ReferenceWorkloads;
import org.zeusmobile.sim.SimulatedDevice;

/** A short controller run on the simulated phone that switches configuration halfway: what exporters see. */
public final class SimulatedRun {

    public static final String DEVICE = "sim:snapdragon-8-gen-2";
    public static final double SLO_S = 0.1;
    public static final Configuration FAST = Configuration.governed().with("gpu.freq", 680_000_000L)
            .with("batch", 2);
    public static final Configuration SLOW = Configuration.governed().with("gpu.freq", 348_000_000L)
            .with("batch", 2);

    private SimulatedRun() {
    }

    /** 60 s of closed-loop batches: FAST for the first 3 windows, then SLOW, each decision with its reason. */
    public static RunResult run(Controller.Listener listener) {
        try (SimulatedDevice device = SimulatedDevice.open(DEVICE, 1)) {
            Controller controller = new Controller(device,
                    device.engine(ReferenceWorkloads.transformer("test-transformer", 256), 128),
                    RequestTrace.closedLoop(),
                    new Controller.Options().durationNs(60_000_000_000L).shutdownHook(false));
            return controller.run(new SwitchingStrategy(), new Random(1), listener);
        }
    }

    /** FAST for three windows, SLOW after. */
    static final class SwitchingStrategy implements Strategy {
        private int windows;

        @Override
        public String name() {
            return "switching";
        }

        @Override
        public Configuration next() {
            return windows++ < 3 ? FAST : SLOW;
        }

        @Override
        public String reason() {
            return windows <= 3 ? "fast while cool" : "slow to save energy";
        }

        @Override
        public void observe(Observation observation) {
        }

        @Override
        public Configuration best() {
            return SLOW;
        }
    }
}
