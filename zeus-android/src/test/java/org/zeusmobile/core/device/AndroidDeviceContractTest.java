package org.zeusmobile.core.device;

import static org.assertj.core.api.Assertions.assertThat;

import android.os.PowerMonitor;
import android.os.Process;
import org.junit.jupiter.api.Disabled;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.annotation.Config;
import org.zeusmobile.android.AndroidDevice;
import org.zeusmobile.android.ExecutionProvider;
import org.zeusmobile.android.shadows.ShadowHintManager;
import org.zeusmobile.android.shadows.ShadowHintSession;
import org.zeusmobile.android.shadows.ShadowPowerMonitors;
import org.zeusmobile.android.shadows.ShadowThermalHeadroom;

/**
 * The zeus-core {@link DeviceContract} run against {@link AndroidDevice} on an Android 15 phone simulated by
 * Robolectric (battery energy counter, two ODPM rails, ADPF). DeviceContract is a JUnit 5 class, and
 * Robolectric runs only under JUnit 4: so this class calls every contract check from a JUnit 4 test under
 * the Robolectric runner, and tells the JUnit 5 engine (which would run them outside any Android sandbox)
 * to skip the inherited JUnit 5 tests. It lives in the contract's package to reach its package-private checks.
 */
@RunWith(RobolectricTestRunner.class)
@Config(sdk = 35, shadows = {ShadowPowerMonitors.class, ShadowThermalHeadroom.class, ShadowHintManager.class,
        ShadowHintSession.class})
@Disabled("runs under Robolectric's JUnit 4 runner, through the @org.junit.Test methods below")
public class AndroidDeviceContractTest extends DeviceContract {

    @Override
    protected Device openDevice() {
        android.content.Context context = RuntimeEnvironment.getApplication();
        org.robolectric.Shadows.shadowOf((android.os.BatteryManager) context.getSystemService(android.content.Context.BATTERY_SERVICE))
                .setLongProperty(android.os.BatteryManager.BATTERY_PROPERTY_ENERGY_COUNTER, 12_000_000_000L);
        context.sendStickyBroadcast(new android.content.Intent(android.content.Intent.ACTION_BATTERY_CHANGED)
                .putExtra(android.os.BatteryManager.EXTRA_VOLTAGE, 3850)
                .putExtra(android.os.BatteryManager.EXTRA_PLUGGED, 0)
                .putExtra(android.os.BatteryManager.EXTRA_TEMPERATURE, 305));
        if (!railsAdded) {
            ShadowPowerMonitors.addMonitor("VDD_CPU_BIG", PowerMonitor.POWER_MONITOR_TYPE_MEASUREMENT);
            ShadowPowerMonitors.addMonitor("VDD_GPU", PowerMonitor.POWER_MONITOR_TYPE_MEASUREMENT);
            railsAdded = true;
        }
        return AndroidDevice.builder(context)
                .threads(1, 2, 4)
                .batchSizes(1, 2, 4, 8)
                .executionProviders(java.util.Arrays.asList(ExecutionProvider.CPU, ExecutionProvider.XNNPACK))
                .adpf(new int[] {Process.myTid()}, 8_000, 16_000, 33_000)
                .build();
    }

    private boolean railsAdded;

    private void check(Runnable contractCheck) {
        open();
        try {
            contractCheck.run();
        } finally {
            closeDevice();
        }
    }

    @org.junit.Test
    public void describesItself_() {
        check(this::describesItself);
    }

    @org.junit.Test
    public void knobsHaveUniqueNamesAndLegalAscendingValues_() {
        check(this::knobsHaveUniqueNamesAndLegalAscendingValues);
    }

    @org.junit.Test
    public void illegalValueIsRejectedBeforeAnythingIsTouched_() {
        check(this::illegalValueIsRejectedBeforeAnythingIsTouched);
    }

    @org.junit.Test
    public void unknownKnobIsRejected_() {
        check(this::unknownKnobIsRejected);
    }

    @org.junit.Test
    public void appliedValuesReadBack_() {
        check(this::appliedValuesReadBack);
    }

    @org.junit.Test
    public void restoreReturnsTheOriginalState_() {
        check(this::restoreReturnsTheOriginalState);
    }

    @org.junit.Test
    public void applyingTheGovernedConfigurationRestores_() {
        check(this::applyingTheGovernedConfigurationRestores);
    }

    @org.junit.Test
    public void closeRestores_() {
        check(this::closeRestores);
    }

    @org.junit.Test
    public void metersDeclareTheirUnitsAndOwnDomains_() {
        check(this::metersDeclareTheirUnitsAndOwnDomains);
    }

    @org.junit.Test
    public void energyCountersNeverGoBackwardsAndPowerIsNonNegative_() {
        check(this::energyCountersNeverGoBackwardsAndPowerIsNonNegative);
    }

    @org.junit.Test
    public void thermalSensorsReadPlausibleTemperatures_() {
        check(this::thermalSensorsReadPlausibleTemperatures);
    }

    @org.junit.Test
    public void clockIsMonotonic_() {
        check(this::clockIsMonotonic);
    }

    /** Beyond the contract: the ADPF knob reaches the hint session, and the device reports its meters. */
    @org.junit.Test
    public void adpfTargetFollowsTheKnobAndCloseEndsTheSession() {
        AndroidDevice android = (AndroidDevice) openDevice();
        ShadowHintSession session = ShadowHintSession.latest();
        assertThat(session.threadIds()).containsExactly(Process.myTid());
        assertThat(session.targetsNs()).containsExactly(33_000_000L);

        android.apply(Configuration.governed().with(AndroidDevice.ADPF_TARGET_US, 8_000));
        assertThat(session.targetsNs()).endsWith(8_000_000L);
        assertThat(android.adpf().setPreferPowerEfficiency(true)).isTrue();
        assertThat(session.preferPowerEfficiency()).isTrue();

        assertThat(android.energyMeters()).extracting(m -> m.domain()).containsExactly("vdd_cpu_big", "vdd_gpu", "battery");
        assertThat(android.meters().costDomains()).containsExactly("vdd_cpu_big", "vdd_gpu");
        android.close();
        assertThat(session.targetsNs()).endsWith(33_000_000L);
        assertThat(session.closed()).isTrue();
    }
}
