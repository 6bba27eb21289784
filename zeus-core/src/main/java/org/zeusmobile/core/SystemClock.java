package org.zeusmobile.core;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Wall-clock time from {@link System#nanoTime()}; periodic tasks run on daemon threads. */
public final class SystemClock implements Clock {

    public static final SystemClock INSTANCE = new SystemClock();

    private SystemClock() {
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public boolean sleepUntil(long clockNs) {
        long remaining;
        while ((remaining = clockNs - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Ticker every(long periodNs, Runnable task) {
        if (periodNs <= 0) {
            throw new IllegalArgumentException("tick period must be positive, got " + periodNs + " ns");
        }
        final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "zeus-sampler");
            thread.setDaemon(true);
            return thread;
        });
        final ScheduledFuture<?> future =
                executor.scheduleAtFixedRate(task, periodNs, periodNs, TimeUnit.NANOSECONDS);
        return () -> {
            future.cancel(false);
            executor.shutdown();
        };
    }
}
