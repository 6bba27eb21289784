package org.zeusmobile.core.guard;

import java.util.Collections;
import java.util.List;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Device;

/**
 * Makes sure a device's knobs go back to their original state: on {@link #close()}, and on
 * SIGTERM or a normal JVM exit through a shutdown hook. Devices remember their originals before
 * the first write; those that can lose them in a hard kill (sysfs) also keep a journal on disk.
 *
 * <pre>{@code
 * try (Guard guard = Guard.protect(device)) {
 *     guard.apply(configuration);
 *     ... run ...
 * } // restored here, also when the run throws
 * }</pre>
 */
public final class Guard implements AutoCloseable {

    /** Told what a shutdown hook restored, so that a command line can say it (libraries never print). */
    public interface ShutdownListener {
        /**
         * @param device   the device's spec
         * @param restored the knobs put back (empty only when the restore failed)
         * @param failure  why some could not be put back, or null
         */
        void restoredOnShutdown(String device, List<String> restored, RuntimeException failure);
    }

    private static volatile ShutdownListener shutdownListener;

    private final Device device;
    private final Thread shutdownHook;
    private boolean closed;

    private Guard(Device device, boolean installShutdownHook) {
        this.device = device;
        if (installShutdownHook) {
            this.shutdownHook = new Thread(this::restoreOnShutdown, "zeus-restore-on-exit");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } else {
            this.shutdownHook = null;
        }
    }

    /** Who hears about restores done by shutdown hooks (SIGTERM, SIGINT); one per process, as the hooks are. */
    public static void setShutdownListener(ShutdownListener listener) {
        shutdownListener = listener;
    }

    private void restoreOnShutdown() {
        ShutdownListener listener = shutdownListener;
        try {
            List<String> restored = device.restoreAndList();
            if (listener != null && !restored.isEmpty()) {
                listener.restoredOnShutdown(device.info().spec(), restored, null);
            }
        } catch (RuntimeException e) {
            if (listener == null) {
                throw e;
            }
            listener.restoredOnShutdown(device.info().spec(), Collections.<String>emptyList(), e);
        }
    }

    /** Guards {@code device}, restoring it on close and when the JVM shuts down (SIGTERM included). */
    public static Guard protect(Device device) {
        return new Guard(device, true);
    }

    /** Guards {@code device} on close only: for hosts such as Android apps where shutdown hooks never run. */
    public static Guard protectWithoutShutdownHook(Device device) {
        return new Guard(device, false);
    }

    public Device device() {
        return device;
    }

    /** Applies {@code configuration} to the guarded device (see {@link Device#apply}). */
    public synchronized void apply(Configuration configuration) {
        if (closed) {
            throw new IllegalStateException("guard is closed: the device has been restored");
        }
        device.apply(configuration);
    }

    /** Restores every changed knob and removes the shutdown hook. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            device.restore();
        } finally {
            if (shutdownHook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException shuttingDown) {
                    // The JVM is exiting and the hook is running or has run: nothing left to remove.
                }
            }
        }
    }
}
