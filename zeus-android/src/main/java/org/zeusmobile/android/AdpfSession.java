package org.zeusmobile.android;

import android.content.Context;
import android.os.Build;
import android.os.PerformanceHintManager;
import org.codehaus.mojo.animal_sniffer.IgnoreJRERequirement;

/**
 * An ADPF {@link PerformanceHintManager} session for the inference threads (API 31+): the target
 * work duration tells the scheduler how long a unit of work may take, so it can pick the lowest
 * frequencies that meet it; reporting actual durations closes the loop. On API 35 the session can also
 * prefer power efficiency. Sessions are not available everywhere: {@link #open} returns null then.
 */
@IgnoreJRERequirement
public final class AdpfSession implements AutoCloseable {

    private final PerformanceHintManager.Session session;
    private long targetNs;
    private boolean preferPowerEfficiency;
    private boolean closed;

    private AdpfSession(PerformanceHintManager.Session session, long targetNs) {
        this.session = session;
        this.targetNs = targetNs;
    }

    /**
     * Opens a hint session for the threads {@code threadIds} (Android thread ids, e.g.
     * {@code android.os.Process.myTid()}) with an initial target in ns; null where ADPF is unavailable.
     */
    public static AdpfSession open(Context context, int[] threadIds, long targetNs) {
        if (targetNs <= 0) {
            throw new IllegalArgumentException("the ADPF target work duration must be positive, got " + targetNs + " ns");
        }
        if (threadIds == null || threadIds.length == 0) {
            throw new IllegalArgumentException("an ADPF session needs at least one thread id (android.os.Process.myTid())");
        }
        if (Build.VERSION.SDK_INT < 31) {
            return null;
        }
        PerformanceHintManager manager = context.getSystemService(PerformanceHintManager.class);
        if (manager == null) {
            return null;
        }
        PerformanceHintManager.Session session = manager.createHintSession(threadIds, targetNs);
        return session == null ? null : new AdpfSession(session, targetNs);
    }

    public synchronized long targetNs() {
        return targetNs;
    }

    public synchronized void updateTargetWorkDurationNs(long targetNs) {
        if (targetNs <= 0) {
            throw new IllegalArgumentException("the ADPF target work duration must be positive, got " + targetNs + " ns");
        }
        if (!closed && targetNs != this.targetNs) {
            session.updateTargetWorkDuration(targetNs);
        }
        this.targetNs = targetNs;
    }

    /** Reports how long one unit of work took; ignored once closed. */
    public synchronized void reportActualWorkDurationNs(long actualNs) {
        if (!closed && actualNs > 0) {
            session.reportActualWorkDuration(actualNs);
        }
    }

    /** Asks the scheduler to favour efficiency over speed (API 35); returns false where it cannot. */
    public synchronized boolean setPreferPowerEfficiency(boolean prefer) {
        if (Build.VERSION.SDK_INT < 35 || closed) {
            return false;
        }
        session.setPreferPowerEfficiency(prefer);
        preferPowerEfficiency = prefer;
        return true;
    }

    public synchronized boolean prefersPowerEfficiency() {
        return preferPowerEfficiency;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            session.close();
        }
    }
}
