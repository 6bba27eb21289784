package org.zeusmobile.core.control;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.zeusmobile.core.Clock;
import org.zeusmobile.core.workload.Engine;

/**
 * Serves a trace's requests on an engine, one step at a time, for the {@link Controller}, which decides the
 * windows around the steps. A step is one batch or one wait: in a closed loop a full batch runs back to back;
 * otherwise requests queue as they arrive, a partial batch waits for more at most the batch delay, and an empty
 * queue idles the engine until the next arrival. Scheduled events run before the step that reaches them.
 */
final class RequestServer {

    private final Clock clock;
    private final Engine engine;
    private final RequestTrace trace;
    private final RequestTrace.Arrivals arrivals;
    private final long startNs;
    private final TreeMap<Long, List<Runnable>> pending;
    private final long maxBatchDelayNs;
    private final Controller.Listener listener;
    private final ArrayDeque<Long> queue = new ArrayDeque<>(); // absolute arrival times
    private long nextArrivalNs;
    private long engineFreeNs;
    private long idleNs;
    private int queuedRequests;

    /**
     * @param events offsets from {@code startNs} to what runs then (copied)
     * @param listener told of each batch; may be null
     */
    RequestServer(Clock clock, Engine engine, RequestTrace trace, Random random, long startNs,
            TreeMap<Long, List<Runnable>> events, long maxBatchDelayNs, Controller.Listener listener) {
        this.clock = clock;
        this.engine = engine;
        this.trace = trace;
        this.arrivals = trace.start(random);
        this.startNs = startNs;
        this.pending = new TreeMap<>(events);
        this.maxBatchDelayNs = maxBatchDelayNs;
        this.listener = listener;
        this.nextArrivalNs = trace.isClosedLoop() ? RequestTrace.END : absolute(arrivals.next());
        this.engineFreeNs = startNs;
    }

    /** Starts counting a new window's idle time and queued requests. */
    void startWindow() {
        idleNs = 0;
        queuedRequests = 0;
    }

    /** How long the engine waited with no request to serve since {@link #startWindow}, ns. */
    long idleNs() {
        return idleNs;
    }

    /** How many requests served since {@link #startWindow} arrived while the engine was busy. */
    int queuedRequests() {
        return queuedRequests;
    }

    /**
     * Serves one step from {@code nowNs} with batches of {@code batch}, waiting no later than {@code windowEndNs};
     * adds each served request's latency (arrival to the end of its batch) to {@code latencies} and returns the
     * clock after the step.
     */
    long step(long nowNs, int batch, long windowEndNs, Latencies latencies) {
        runDueEvents(nowNs - startNs);
        if (trace.isClosedLoop()) {
            engine.runBatch(batch);
            long done = clock.nanoTime();
            for (int i = 0; i < batch; i++) {
                latencies.add(done - nowNs);
            }
            batchRan(nowNs, done, latencies, batch);
            return done;
        }
        while (nextArrivalNs <= nowNs) {
            queue.add(nextArrivalNs);
            nextArrivalNs = absolute(arrivals.next());
        }
        if (queue.isEmpty()) {
            return idle(nowNs, Math.min(Math.min(nextArrivalNs, windowEndNs), nextEventNs()));
        }
        if (queue.size() < batch && maxBatchDelayNs > 0) {
            // Wait for a full batch, but no longer than the oldest request may wait.
            long deadline = Math.min(queue.peekFirst() + maxBatchDelayNs, windowEndNs);
            while (queue.size() < batch && nextArrivalNs <= deadline) {
                engine.idleUntil(nextArrivalNs);
                queue.add(nextArrivalNs);
                nextArrivalNs = absolute(arrivals.next());
            }
            if (queue.size() < batch) {
                engine.idleUntil(deadline);
            }
            idleNs += clock.nanoTime() - nowNs;
        }
        int size = Math.min(batch, queue.size());
        long batchBegin = clock.nanoTime();
        engine.runBatch(size);
        long done = clock.nanoTime();
        for (int i = 0; i < size; i++) {
            long arrival = queue.pollFirst();
            queuedRequests += arrival < engineFreeNs ? 1 : 0; // it came while the engine was busy
            latencies.add(done - arrival);
        }
        batchRan(batchBegin, done, latencies, size);
        engineFreeNs = done;
        return done;
    }

    private long idle(long nowNs, long untilNs) {
        engine.idleUntil(untilNs);
        long after = clock.nanoTime();
        if (after <= nowNs) {
            // An engine that fell behind a simulated clock: let the time pass directly
            // (simulators account a direct clock advance as idle in the state they were left in).
            clock.sleepUntil(untilNs);
            after = clock.nanoTime();
        }
        if (after <= nowNs) {
            throw new IllegalStateException("engine " + engine.model() + " did not move the device clock "
                    + "while idling from " + nowNs + " ns to " + untilNs + " ns (it reads " + after
                    + " ns); an Engine's idleUntil must wait until the clock reaches the time");
        }
        idleNs += after - nowNs;
        return after;
    }

    /** Tells the listener of a batch: its span as offsets, and the latencies of its requests (the last added). */
    private void batchRan(long beginNs, long endNs, Latencies latencies, int size) {
        if (listener == null) {
            return;
        }
        long[] batchLatenciesNs = new long[size];
        for (int i = 0; i < size; i++) {
            batchLatenciesNs[i] = latencies.get(latencies.size() - size + i);
        }
        listener.onBatch(beginNs - startNs, endNs - startNs, batchLatenciesNs);
    }

    private long absolute(long offsetNs) {
        return offsetNs == RequestTrace.END ? RequestTrace.END : startNs + offsetNs;
    }

    private long nextEventNs() {
        return pending.isEmpty() ? Long.MAX_VALUE : startNs + pending.firstKey();
    }

    private void runDueEvents(long offsetNs) {
        while (!pending.isEmpty() && pending.firstKey() <= offsetNs) {
            for (Runnable event : pending.pollFirstEntry().getValue()) {
                event.run();
            }
        }
    }
}
