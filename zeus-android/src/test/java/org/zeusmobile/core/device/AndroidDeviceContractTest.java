package org.zeusmobile.core.device;

import static org.assertj.core.api.Assertions.assertThat;

import android.content.Context;
import android.content.Intent;
import android.os.BatteryManager;
import android.os.PowerMonitor;
import android.os.Process;
import java.util.Arrays;
import org.junit.Before;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.Shadows;
import org.robolectric.annotation.Config;
import org.zeusmobile.android.AndroidDevice;
import org.zeusmobile.android.ExecutionProvider;
import org.zeusmobile.android.shadows.ShadowHintManager;
import org.zeusmobile.android.shadows.ShadowHintSession;
import org.zeusmobile.android.shadows.ShadowPowerMonitors;
import org.zeusmobile.android.shadows.ShadowThermalHeadroom;
import org.zeusmobile.android.shadows.TestShadows;

/**
 * The zeus-core {@link DeviceContract} run against {@link AndroidDevice} on an Android 15 phone simulated by
 * Robolectric (battery energy counter, two ODPM rails, ADPF). DeviceContract is a JUnit 5 class, and
 * Robolectric runs only under JUnit 4: so a nested subclass holds the contract (Surefire leaves nested classes
 * to their outer class, so the JUnit 5 engine never runs it outside an Android sandbox) and every contract
 * check is called from a JUnit 4 test here, under the Robolectric runner. This class lives in the contract's
 * package to reach its package-private checks.
 */
@RunWith(RobolectricTestRunner.class)
@Config(sdk = 35, shadows = {ShadowPowerMonitors.class, ShadowThermalHeadroom.class, ShadowHintManager.class,
        ShadowHintSession.class})
public class AndroidDeviceContractTest {

    private final Contract contract = new Contract();

    /** The contract, bound to an Android 15 phone with a battery energy counter, two rails and ADPF. */
    static final class Contract extends DeviceContract {
        private boolean railsAdded;

        @Override
        protected Device openDevice() {
            Context context = RuntimeEnvironment.getApplication();
            Shadows.shadowOf((BatteryManager) context.getSystemService(Context.BATTERY_SERVICE))
                    .setLongProperty(BatteryManager.BATTERY_PROPERTY_ENERGY_COUNTER, 12_000_000_000L);
            context.sendStickyBroadcast(new Intent(Intent.ACTION_BATTERY_CHANGED)
                    .putExtra(BatteryManager.EXTRA_VOLTAGE, 3850)
                    .putExtra(BatteryManager.EXTRA_PLUGGED, 0)
                    .putExtra(BatteryManager.EXTRA_TEMPERATURE, 305));
            if (!railsAdded) {
                ShadowPowerMonitors.addMonitor("VDD_CPU_BIG", PowerMonitor.POWER_MONITOR_TYPE_MEASUREMENT);
                ShadowPowerMonitors.addMonitor("VDD_GPU", PowerMonitor.POWER_MONITOR_TYPE_MEASUREMENT);
                railsAdded = true;
            }
            return AndroidDevice.builder(context)
                    .threads(1, 2, 4)
                    .batchSizes(1, 2, 4, 8)
                    .executionProviders(Arrays.asList(ExecutionProvider.CPU, ExecutionProvider.XNNPACK))
                    .adpf(new int[] {Process.myTid()}, 8_000, 16_000, 33_000)
                    .build();
        }
    }

    @Before
    public void resetShadows() {
        TestShadows.reset();
    }

    private void check(Runnable contractCheck) {
        contract.open();
        try {
            contractCheck.run();
        } finally {
            contract.closeDevice();
        }
    }

    @org.junit.Test
    public void describesItself_() {
        check(contract::describesItself);
    }

    @org.junit.Test
    public void knobsHaveUniqueNamesAndLegalAscendingValues_() {
        check(contract::knobsHaveUniqueNamesAndLegalAscendingValues);
    }

    @org.junit.Test
    public void illegalValueIsRejectedBeforeAnythingIsTouched_() {
        check(contract::illegalValueIsRejectedBeforeAnythingIsTouched);
    }

    @org.junit.Test
    public void unknownKnobIsRejected_() {
        check(contract::unknownKnobIsRejected);
    }

    @org.junit.Test
    public void appliedValuesReadBack_() {
        check(contract::appliedValuesReadBack);
    }

    @org.junit.Test
    public void restoreReturnsTheOriginalState_() {
        check(contract::restoreReturnsTheOriginalState);
    }

    @org.junit.Test
    public void applyingTheGovernedConfigurationRestores_() {
        check(contract::applyingTheGovernedConfigurationRestores);
    }

    @org.junit.Test
    public void closeRestores_() {
        check(contract::closeRestores);
    }

    @org.junit.Test
    public void metersDeclareTheirUnitsAndOwnDomains_() {
        check(contract::metersDeclareTheirUnitsAndOwnDomains);
    }

    @org.junit.Test
    public void energyCountersNeverGoBackwardsAndPowerIsNonNegative_() {
        check(contract::energyCountersNeverGoBackwardsAndPowerIsNonNegative);
    }

    @org.junit.Test
    public void thermalSensorsReadPlausibleTemperatures_() {
        check(contract::thermalSensorsReadPlausibleTemperatures);
    }

    @org.junit.Test
    public void clockIsMonotonic_() {
        check(contract::clockIsMonotonic);
    }

    /** Beyond the contract: the ADPF knob reaches the hint session, and the device reports its meters. */
    @org.junit.Test
    public void adpfTargetFollowsTheKnobAndCloseEndsTheSession() {
        AndroidDevice android = (AndroidDevice) contract.openDevice();
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
