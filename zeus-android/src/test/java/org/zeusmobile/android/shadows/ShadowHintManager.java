package org.zeusmobile.android.shadows;

import android.os.PerformanceHintManager;
import org.robolectric.annotation.Implementation;
import org.robolectric.annotation.Implements;
import org.robolectric.shadow.api.Shadow;

/** PerformanceHintManager (ADPF), which Robolectric 4.14 does not shadow: sessions come from {@link ShadowHintSession}. */
@Implements(value = PerformanceHintManager.class, minSdk = 33)
public class ShadowHintManager {

    @Implementation
    protected static PerformanceHintManager create() {
        return Shadow.newInstanceOf(PerformanceHintManager.class);
    }

    @Implementation
    protected PerformanceHintManager.Session createHintSession(int[] threadIds, long initialTargetNs) {
        PerformanceHintManager.Session session = Shadow.newInstanceOf(PerformanceHintManager.Session.class);
        ShadowHintSession shadow = Shadow.extract(session);
        shadow.open(threadIds, initialTargetNs);
        return session;
    }
}
