package org.zeusmobile.core;

/**
 * A monotonic clock in nanoseconds, and a way to run periodic work on its time base.
 *
 * <p>Injected everywhere time matters, so that the simulator (whose time is not wall time)
 * and tests are deterministic. {@link SystemClock} is the real one.
 */
public interface Clock {

    /** Monotonic time in nanoseconds; only differences are meaningful. */
    long nanoTime();

    /**
     * Returns once this clock reads {@code clockNs} or later: a simulated clock moves there at once (its
     * periodic tasks run on the way), the system clock parks the thread. False when the thread was interrupted
     * first (its interrupt flag stays set).
     */
    boolean sleepUntil(long clockNs);

    /**
     * Runs {@code task} every {@code periodNs} nanoseconds of this clock's time until the
     * returned ticker is closed. On a simulated clock the task runs as simulated time passes;
     * on the system clock it runs on a background thread.
     */
    Ticker every(long periodNs, Runnable task);

    /** A periodic task started by {@link #every}; closing it stops the task. */
    interface Ticker extends AutoCloseable {
        @Override
        void close();
    }
}
