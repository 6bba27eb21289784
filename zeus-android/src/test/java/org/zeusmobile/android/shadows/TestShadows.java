package org.zeusmobile.android.shadows;

/**
 * Clears the state of this tree's shadows. Robolectric reuses a sandbox (and so these static fields)
 * across test classes of one SDK level, and runs @Resetter only for its own shadows: tests call this first.
 */
public final class TestShadows {

    private TestShadows() {
    }

    public static void reset() {
        ShadowPowerMonitors.resetMonitors();
        ShadowThermalHeadroom.resetHeadroom();
        ShadowHintSession.forgetLatest();
    }
}
