package org.zeusmobile.lab;

import java.util.HashMap;
import java.util.Map;
import org.zeusmobile.core.control.RequestTrace;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.strategy.Objective;
import org.zeusmobile.core.strategy.Prediction;
import org.zeusmobile.core.strategy.SearchSpace;
import org.zeusmobile.core.strategy.Traffic;
import org.zeusmobile.core.workload.ModelProfiler;
import org.zeusmobile.core.workload.WorkloadProfile;
import org.zeusmobile.sim.SimulatedDevice;
import org.zeusmobile.sim.SteadyState;

/**
 * The simulator's noise-free truth for one configuration under one set of conditions (sequence length,
 * background load), per inference and for the request trace: what the oracle ranks and what "within 5% of
 * the oracle" is measured against. Results are cached.
 *
 * <p>Closed loop: a request's latency is its batch's time. A trace with a rate r (periodic, Poisson, or a
 * file's mean rate): a batch of b serves b / r seconds of arrivals; the device idles for the rest (idle
 * power counted); the first request of a batch waits for the others (at most the controller's batch delay);
 * a batch slower than b / r overloads the queue and misses any SLO. Poisson arrivals also queue below full
 * load: batches are taken as an M/D/1 queue and the p95 adds the waiting time's tail
 * ({@link #poissonWaitP95S}). The oracle is exact for closed loop and periodic traces and a close
 * approximation for Poisson ones.
 */
public final class TrueModel {

    /**
     * The oracle keeps this share of the SLO in reserve: the steady-state model leaves out temperature drift
     * and actuation, which move a real run's p95 by a percent or two.
     */
    public static final double ORACLE_SLO_MARGIN = 0.97;

    /** Chip temperature the steady state is evaluated at, °C: a device under sustained load. */
    public static final double EVALUATION_TEMPERATURE_C = 40;

    /** Conditions of one phase of a run. */
    public static final class Conditions {
        final int inputSize;
        final String backgroundProcessor;
        final double backgroundShare;

        /** @param inputSize in the model's unit (tokens, pixels of height...) */
        public Conditions(int inputSize, String backgroundProcessor, double backgroundShare) {
            this.inputSize = inputSize;
            this.backgroundProcessor = backgroundProcessor;
            this.backgroundShare = backgroundShare;
        }

        String key() {
            return inputSize + "/" + backgroundProcessor + "/" + backgroundShare;
        }
    }

    private final SimulatedDevice device;
    private final ModelProfiler model;
    private final double rateHz;
    private final boolean poissonArrivals;
    /** The rate while requests arrive (a burst's rate), which the queue sees; {@link #rateHz} is the mean. */
    private final double queueRateHz;
    private final long maxBatchDelayNs;
    private final Map<String, Prediction> cache = new HashMap<>();
    private final Map<String, WorkloadProfile> workloads = new HashMap<>();

    /**
     * @param device a simulator instance used only for evaluation (its clock never moves)
     * @param trace the request trace; its rate is measured over {@code durationNs}
     */
    public TrueModel(SimulatedDevice device, ModelProfiler model, RequestTrace trace, long durationNs,
            long maxBatchDelayNs) {
        this.device = device;
        this.model = model;
        this.rateHz = rateHz(trace, durationNs);
        this.poissonArrivals = trace.isPoisson();
        this.queueRateHz = rateHz / trace.activeShare();
        this.maxBatchDelayNs = maxBatchDelayNs;
    }

    /** The mean request rate of a trace in Hz over {@code durationNs}, NaN for closed loop. */
    public static double rateHz(RequestTrace trace, long durationNs) {
        if (trace.isClosedLoop()) {
            return Double.NaN;
        }
        RequestTrace.Arrivals arrivals = trace.start(new java.util.Random(0));
        long count = 0;
        long last = 0;
        for (long t = arrivals.next(); t != RequestTrace.END && t <= durationNs; t = arrivals.next()) {
            count++;
            last = t;
        }
        return count < 2 ? Double.NaN : (count - 1) / (last / 1e9);
    }

    public Prediction evaluate(Configuration config, Conditions conditions) {
        String key = config + "|" + conditions.key();
        Prediction cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        int batch = (int) config.get(Knob.BATCH, 1L);
        WorkloadProfile workload = workload(batch, conditions.inputSize);
        SteadyState state;
        double idleW;
        synchronized (device) {
            if (conditions.backgroundProcessor != null) {
                device.setBackgroundLoad(conditions.backgroundProcessor, conditions.backgroundShare);
            }
            try {
                state = device.steadyState(config, workload, EVALUATION_TEMPERATURE_C);
                idleW = device.idlePowerW(config, EVALUATION_TEMPERATURE_C);
            } finally {
                if (conditions.backgroundProcessor != null) {
                    device.setBackgroundLoad(conditions.backgroundProcessor, 0);
                }
            }
        }
        Prediction result;
        if (Double.isNaN(rateHz)) {
            result = new Prediction(state.energyJ() / batch, state.latencyS() / batch, state.latencyS(),
                    Traffic.CLOSED_LOOP);
        } else {
            double periodS = batch / rateHz;
            if (state.latencyS() > batch / queueRateHz) {
                result = new Prediction(state.energyJ() / batch, state.latencyS() / batch, Double.POSITIVE_INFINITY,
                        Traffic.OPEN_LOOP);
            } else {
                double waitS = Math.min((batch - 1) / queueRateHz, maxBatchDelayNs / 1e9);
                if (poissonArrivals) {
                    waitS += poissonWaitP95S(queueRateHz / batch, state.latencyS());
                }
                double energyJ = (state.energyJ() + idleW * (periodS - state.latencyS())) / batch;
                result = new Prediction(energyJ, 1 / rateHz, state.latencyS() + waitS, Traffic.OPEN_LOOP);
            }
        }
        cache.put(key, result);
        return result;
    }

    /**
     * The 95th percentile of the time a job waits in an M/D/1 queue (Poisson arrivals at {@code rateHz},
     * constant service {@code serviceS}), from the Cramér-Lundberg tail of the M/G/1 waiting time,
     * P(W > t) ~ C e^(-theta t), where theta > 0 solves rate (E[e^(theta S)] - 1) = theta and
     * C = (1 - rho) / (rate E[S e^(theta S)] - 1) (the Cramér-Lundberg approximation; e.g. Asmussen, Applied
     * Probability and Queues).
     * 0 when at least 95% of jobs do not wait; infinite at or above full load.
     */
    static double poissonWaitP95S(double rateHz, double serviceS) {
        double rho = rateHz * serviceS;
        if (rho >= 1) {
            return Double.POSITIVE_INFINITY;
        }
        if (rho <= 0.05) {
            return 0;
        }
        double lo = 0;
        double hi = 1 / serviceS;
        while (rateHz * Math.expm1(hi * serviceS) <= hi) {
            hi *= 2;
        }
        for (int i = 0; i < 100; i++) {
            double mid = (lo + hi) / 2;
            if (rateHz * Math.expm1(mid * serviceS) > mid) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        double theta = hi;
        double c = (1 - rho) / (rateHz * serviceS * Math.exp(theta * serviceS) - 1);
        return c <= 0.05 ? 0 : Math.log(c / 0.05) / theta;
    }

    private WorkloadProfile workload(int batch, int inputSize) {
        String key = batch + "/" + inputSize;
        WorkloadProfile workload = workloads.get(key);
        if (workload == null) {
            workload = model.profile(batch, inputSize);
            workloads.put(key, workload);
        }
        return workload;
    }

    /**
     * The feasible configuration (p95 within {@link #ORACLE_SLO_MARGIN} of the SLO in every phase) of least cost
     * averaged over {@code phases}; the fastest when none is feasible.
     */
    public Configuration oracle(SearchSpace space, Objective objective, Conditions... phases) {
        Configuration best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        Configuration fastest = null;
        double fastestLatency = Double.POSITIVE_INFINITY;
        for (Configuration c : space.all(200_000)) {
            double cost = 0;
            double worstLatency = 0;
            for (Conditions phase : phases) {
                Prediction p = evaluate(c, phase);
                cost += p.cost(objective) / phases.length;
                worstLatency = Math.max(worstLatency, p.latencyP95S());
            }
            if (objective.meetsSlo(worstLatency / ORACLE_SLO_MARGIN) && cost < bestCost) {
                best = c;
                bestCost = cost;
            }
            if (worstLatency < fastestLatency) {
                fastest = c;
                fastestLatency = worstLatency;
            }
        }
        return best != null ? best : fastest;
    }
}
