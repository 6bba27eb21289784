package org.zeusmobile.android.shadows;

import android.os.PerformanceHintManager;
import java.util.ArrayList;
import java.util.List;
import org.robolectric.annotation.Implementation;
import org.robolectric.annotation.Implements;
import org.robolectric.annotation.Resetter;

/** An ADPF hint session that records what the app told it. */
@Implements(value = PerformanceHintManager.Session.class, minSdk = 33)
public class ShadowHintSession {

    private static ShadowHintSession latest;

    private int[] threadIds;
    private final List<Long> targetsNs = new ArrayList<>();
    private final List<Long> reportedNs = new ArrayList<>();
    private Boolean preferPowerEfficiency;
    private boolean closed;

    /** The session opened last in this test. */
    public static ShadowHintSession latest() {
        return latest;
    }

    @Resetter
    public static void forgetLatest() {
        latest = null;
    }

    void open(int[] threadIds, long initialTargetNs) {
        this.threadIds = threadIds.clone();
        this.targetsNs.add(initialTargetNs);
        latest = this;
    }

    @Implementation
    protected void updateTargetWorkDuration(long targetNs) {
        targetsNs.add(targetNs);
    }

    @Implementation
    protected void reportActualWorkDuration(long actualNs) {
        reportedNs.add(actualNs);
    }

    @Implementation(minSdk = 35)
    protected void setPreferPowerEfficiency(boolean prefer) {
        preferPowerEfficiency = prefer;
    }

    @Implementation
    protected void close() {
        closed = true;
    }

    public int[] threadIds() {
        return threadIds.clone();
    }

    /** Every target in ns, the initial one first. */
    public List<Long> targetsNs() {
        return targetsNs;
    }

    public List<Long> reportedNs() {
        return reportedNs;
    }

    public Boolean preferPowerEfficiency() {
        return preferPowerEfficiency;
    }

    public boolean closed() {
        return closed;
    }
}
