package org.zeusmobile.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A clock that only moves when told to, running due periodic tasks in time order as it does.
 * The simulator drives its device time with it; tests use it for deterministic timing.
 * Thread-safe; tasks run on the thread that advances the clock.
 */
public final class ManualClock implements Clock {

    private final List<Periodic> tasks = new ArrayList<>();
    private long nowNs;

    public ManualClock(long startNs) {
        this.nowNs = startNs;
    }

    public ManualClock() {
        this(0L);
    }

    @Override
    public synchronized long nanoTime() {
        return nowNs;
    }

    /** Moves time forward by {@code deltaNs}, running every periodic task that falls due on the way. */
    public void advance(long deltaNs) {
        if (deltaNs < 0) {
            throw new IllegalArgumentException("time cannot go backwards: advance(" + deltaNs + ")");
        }
        long target;
        synchronized (this) {
            target = nowNs + deltaNs;
        }
        while (true) {
            Periodic next;
            synchronized (this) {
                next = null;
                for (Periodic task : tasks) {
                    if (task.dueNs <= target && (next == null || task.dueNs < next.dueNs)) {
                        next = task;
                    }
                }
                if (next == null) {
                    nowNs = target;
                    return;
                }
                nowNs = Math.max(nowNs, next.dueNs);
                next.dueNs += next.periodNs;
            }
            // Run outside the lock: tasks read this clock and may read sensors that read it.
            next.task.run();
        }
    }

    /** Advances to {@code clockNs} when it lies ahead. */
    @Override
    public boolean sleepUntil(long clockNs) {
        long now = nanoTime();
        if (clockNs > now) {
            advance(clockNs - now);
        }
        return true;
    }

    @Override
    public synchronized Ticker every(long periodNs, Runnable task) {
        if (periodNs <= 0) {
            throw new IllegalArgumentException("tick period must be positive, got " + periodNs + " ns");
        }
        final Periodic periodic = new Periodic(nowNs + periodNs, periodNs, task);
        tasks.add(periodic);
        return () -> {
            synchronized (ManualClock.this) {
                tasks.remove(periodic);
            }
        };
    }

    private static final class Periodic {
        long dueNs;
        final long periodNs;
        final Runnable task;

        Periodic(long dueNs, long periodNs, Runnable task) {
            this.dueNs = dueNs;
            this.periodNs = periodNs;
            this.task = task;
        }
    }
}
