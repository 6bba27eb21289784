package org.zeusmobile.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import android.os.PowerMonitor;
import android.os.Process;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import org.junit.Before;
import org.junit.Test;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.annotation.Config;
import org.zeusmobile.android.shadows.ShadowHintManager;
import org.zeusmobile.android.shadows.ShadowHintSession;
import org.zeusmobile.android.shadows.ShadowPowerMonitors;
import org.zeusmobile.android.shadows.ShadowThermalHeadroom;
import org.zeusmobile.android.shadows.TestShadows;
import org.zeusmobile.core.ManualClock;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.tck.DeviceTck;
import org.zeusmobile.tck.KitCoverage;

/**
 * The device kit run against {@link AndroidDevice} on an Android 15 phone simulated by Robolectric (battery energy
 * counter, two ODPM rails, ADPF). Robolectric runs only under JUnit 4 and the kit is JUnit 5, so one JUnit 4 test
 * launches the JUnit Platform on the kit from inside the Robolectric sandbox: every check of the kit runs, new ones
 * included, and the test fails with each failed check's name and message.
 */
@RunWith(RobolectricTestRunner.class)
@Config(sdk = 35, shadows = {ShadowPowerMonitors.class, ShadowThermalHeadroom.class, ShadowHintManager.class,
        ShadowHintSession.class})
public class AndroidDeviceKitTest {

    /** The phone draws 1.5 W while the kit lets time pass: 1 W on the big cores' rail, 0.5 W on the GPU's. */
    static final double CPU_BIG_W = 1.0;
    static final double GPU_W = 0.5;

    /** The kit, bound to an Android 15 phone with a battery energy counter, two rails and ADPF. */
    public static final class Kit extends DeviceTck {
        private final ManualClock clock = new ManualClock(1_000_000_000L);
        private final Phone phone = new Phone().battery(3850, 0, 305);
        private double drawnJ;

        @Override
        protected Device openDevice() {
            drain(0);
            return AndroidDevice.builder(phone.context)
                    .threads(1, 2, 4)
                    .batchSizes(1, 2, 4, 8)
                    .executionProviders(Arrays.asList(ExecutionProvider.CPU, ExecutionProvider.XNNPACK))
                    .adpf(new int[] {Process.myTid()}, 8_000, 16_000, 33_000)
                    .clock(clock)
                    .build();
        }

        @Override
        protected void advanceTime(Device device, long nanos) {
            clock.advance(nanos);
            drain(nanos / 1e9);
        }

        private void drain(double seconds) {
            drawnJ += (CPU_BIG_W + GPU_W) * seconds;
            phone.energyCounterNwh(12_000_000_000L - Math.round(drawnJ / BatteryEnergyMeter.JOULES_PER_NWH));
            ShadowPowerMonitors.setEnergyUws("VDD_CPU_BIG", Math.round(drawnJ * CPU_BIG_W / (CPU_BIG_W + GPU_W) * 1e6));
            ShadowPowerMonitors.setEnergyUws("VDD_GPU", Math.round(drawnJ * GPU_W / (CPU_BIG_W + GPU_W) * 1e6));
        }
    }

    @Before
    public void phoneWithTwoRails() {
        TestShadows.reset();
        ShadowPowerMonitors.addMonitor("VDD_CPU_BIG", PowerMonitor.POWER_MONITOR_TYPE_MEASUREMENT);
        ShadowPowerMonitors.addMonitor("VDD_GPU", PowerMonitor.POWER_MONITOR_TYPE_MEASUREMENT);
    }

    @Test
    public void theAndroidDevicePassesTheWholeKit() {
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(Kit.class))
                .filters(EngineFilter.includeEngines("junit-jupiter")).build(), summary);
        TestExecutionSummary result = summary.getSummary();
        StringWriter failures = new StringWriter();
        result.printFailuresTo(new PrintWriter(failures), 20);
        assertThat(result.getTotalFailureCount()).as("failed checks:%n%s", failures).isZero();
        assertThat(result.getTestsSucceededCount()).as("every check of the kit ran").isEqualTo(KitCoverage.checks().size());
    }

    /** Beyond the kit: the ADPF knob reaches the hint session, and the device reports its meters. */
    @Test
    public void adpfTargetFollowsTheKnobAndCloseEndsTheSession() {
        AndroidDevice android = (AndroidDevice) new Kit().openDevice();
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
