package org.zeusmobile.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import android.os.PowerManager;
import android.os.PowerMonitor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.annotation.Config;
import org.zeusmobile.android.shadows.ShadowHintManager;
import org.zeusmobile.android.shadows.ShadowHintSession;
import org.zeusmobile.android.shadows.ShadowPowerMonitors;
import org.zeusmobile.android.shadows.ShadowThermalHeadroom;
import org.zeusmobile.core.ManualClock;
import org.zeusmobile.core.device.DeviceException;
import org.zeusmobile.core.measure.EnergyMeter;
import org.zeusmobile.core.measure.PowerMeter;

@RunWith(RobolectricTestRunner.class)
@Config(shadows = {ShadowPowerMonitors.class, ShadowThermalHeadroom.class, ShadowHintManager.class,
        ShadowHintSession.class})
public class MeterSelectionTest {

    private final ManualClock clock = new ManualClock(1_000_000_000L);

    @org.junit.Before
    public void resetShadows() {
        org.zeusmobile.android.shadows.TestShadows.reset();
    }

    @Test
    @Config(sdk = 29)
    public void api29WithAnEnergyCounterUsesItAndSaysWhyThereAreNoPowerMonitors() {
        Phone phone = new Phone().energyCounterNwh(10_000_000_000L).currentNowUa(-400_000).battery(3900, 0, 300);
        MeterSelection meters = MeterSelection.select(phone.context, clock);

        assertThat(meters.energyMeters()).hasSize(1);
        assertThat(meters.energyMeters().get(0)).isInstanceOf(BatteryEnergyMeter.class);
        assertThat(meters.powerMeters()).isEmpty();
        assertThat(meters.costDomains()).containsExactly("battery");
        assertThat(meters.reasons()).anySatisfy(r -> assertThat(r).contains("need API 35").contains("API 29"));
        assertThat(meters.reasons()).anySatisfy(r -> assertThat(r).contains("ENERGY_COUNTER reads 10000000000 nWh"));

        // 1,000 nWh drawn = 3.6 mJ; the counter falls as the battery drains.
        EnergyMeter counter = meters.energyMeters().get(0);
        assertThat(counter.readJ()).isEqualTo(0.0);
        phone.energyCounterNwh(10_000_000_000L - 1_000);
        assertThat(counter.readJ()).isCloseTo(3.6e-3, within(1e-12));
    }

    @Test
    @Config(sdk = 33)
    public void api33WithoutAnEnergyCounterMultipliesCurrentByVoltage() {
        Phone phone = new Phone().energyCounterNwh(Long.MIN_VALUE).currentNowUa(-500_000).battery(4000, 0, 300);
        MeterSelection meters = MeterSelection.select(phone.context, clock);

        assertThat(meters.energyMeters()).isEmpty();
        assertThat(meters.powerMeters()).singleElement().isInstanceOf(BatteryPowerMeter.class);
        assertThat(meters.costDomains()).containsExactly("battery");
        assertThat(meters.reasons()).anySatisfy(r -> assertThat(r)
                .contains("unsupported (Long.MIN_VALUE)").contains("CURRENT_NOW (-500000 µA)").contains("4000 mV"));
        // 0.5 A x 4.0 V drawn.
        assertThat(meters.powerMeters().get(0).readW()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    @Config(sdk = 35)
    public void api35MakesEveryMeasuredRailADomainAndCostsTheRails() {
        ShadowPowerMonitors.addMonitor("S4M_VDD_CPUCL0", PowerMonitor.POWER_MONITOR_TYPE_MEASUREMENT);
        ShadowPowerMonitors.addMonitor("S2S_VDD_G3D", PowerMonitor.POWER_MONITOR_TYPE_MEASUREMENT);
        ShadowPowerMonitors.addMonitor("cpu-consumer", PowerMonitor.POWER_MONITOR_TYPE_CONSUMER);
        Phone phone = new Phone().energyCounterNwh(Long.MIN_VALUE).currentNowUa(-300_000).battery(3800, 0, 300);
        MeterSelection meters = MeterSelection.select(phone.context, clock);

        assertThat(meters.energyMeters()).extracting(EnergyMeter::domain).containsExactly("s4m_vdd_cpucl0", "s2s_vdd_g3d");
        assertThat(meters.energyMeters()).allSatisfy(m -> assertThat(m.estimated()).isFalse());
        assertThat(meters.powerMeters()).extracting(PowerMeter::domain).containsExactly("battery");
        assertThat(meters.costDomains()).containsExactly("s4m_vdd_cpucl0", "s2s_vdd_g3d");
        assertThat(meters.reasons()).anySatisfy(r -> assertThat(r).contains("2 measured rails")
                .contains("1 modelled consumers left out"));

        // µW·s become J; one binder fetch serves both rails at one instant.
        ShadowPowerMonitors.setEnergyUws("S4M_VDD_CPUCL0", 2_500_000L);
        ShadowPowerMonitors.setEnergyUws("S2S_VDD_G3D", 750_000L);
        clock.advance(10_000_000L);
        int before = ShadowPowerMonitors.fetches();
        assertThat(meters.energyMeters().get(0).readJ()).isCloseTo(2.5, within(1e-12));
        assertThat(meters.energyMeters().get(1).readJ()).isCloseTo(0.75, within(1e-12));
        assertThat(ShadowPowerMonitors.fetches() - before).isEqualTo(1);

        // A rail the service reports unavailable (-1) reads NaN, which the Monitor flags.
        ShadowPowerMonitors.setEnergyUws("S2S_VDD_G3D", -1L);
        clock.advance(10_000_000L);
        assertThat(meters.energyMeters().get(1).readJ()).isNaN();
    }

    @Test
    @Config(sdk = 35)
    public void api35WithoutRailsFallsBackToTheBattery() {
        Phone phone = new Phone().energyCounterNwh(5_000_000_000L).battery(3800, 0, 300);
        MeterSelection meters = MeterSelection.select(phone.context, clock);

        assertThat(meters.energyMeters()).singleElement().isInstanceOf(BatteryEnergyMeter.class);
        assertThat(meters.costDomains()).containsExactly("battery");
        assertThat(meters.reasons()).anySatisfy(r -> assertThat(r).contains("no measured rail"));
    }

    @Test
    @Config(sdk = 33)
    public void unsupportedPropertiesEverywhereAreAClearError() {
        Phone phone = new Phone().energyCounterNwh(Long.MIN_VALUE).currentNowUa(Integer.MIN_VALUE).battery(3800, 0, 300);

        assertThatThrownBy(() -> MeterSelection.select(phone.context, clock))
                .isInstanceOf(DeviceException.class)
                .hasMessageContaining("no energy can be measured")
                .hasMessageContaining("Long.MIN_VALUE")
                .hasMessageContaining("Integer.MIN_VALUE");
    }

    @Test
    @Config(sdk = 33)
    public void aCurrentThatBecomesUnsupportedIsAnErrorNotAZeroReading() {
        Phone phone = new Phone().energyCounterNwh(Long.MIN_VALUE).currentNowUa(-100_000).battery(3800, 0, 300);
        PowerMeter meter = MeterSelection.select(phone.context, clock).powerMeters().get(0);
        phone.currentNowUa(Integer.MIN_VALUE);

        assertThatThrownBy(meter::readW).isInstanceOf(DeviceException.class).hasMessageContaining("CURRENT_NOW");
    }

    @Test
    @Config(sdk = 33)
    public void signIsLearnedFromDischargeWhateverTheVendorConvention() {
        // A gauge that reports discharge as positive current (against Android's documented sign).
        Phone phone = new Phone().energyCounterNwh(Long.MIN_VALUE).currentNowUa(250_000).battery(4000, 0, 300);
        BatteryPowerMeter meter = (BatteryPowerMeter) MeterSelection.select(phone.context, clock).powerMeters().get(0);
        assertThat(meter.readW()).isCloseTo(1.0, within(1e-9));
        assertThat(meter.drawSign()).isEqualTo(1);
        assertThat(meter.signLearned()).isTrue();

        // On a charger the same gauge shows net charging as negative: drawn power is then negative.
        phone.currentNowUa(-250_000).battery(4000, BatteryManagerPlugged.AC, 300);
        assertThat(meter.readW()).isCloseTo(-1.0, within(1e-9));
        assertThat(meter.drawSign()).as("readings on a charger do not vote").isEqualTo(1);
    }

    @Test
    @Config(sdk = 33)
    public void androidConventionIsAssumedUntilADischargeIsSeen() {
        // Plugged in from the start: nothing learned, Android's convention (negative = discharge) holds.
        Phone phone = new Phone().energyCounterNwh(Long.MIN_VALUE).currentNowUa(-250_000)
                .battery(4_000_000, BatteryManagerPlugged.USB, 300); // µV: some vendors report EXTRA_VOLTAGE in µV
        BatteryPowerMeter meter = (BatteryPowerMeter) MeterSelection.select(phone.context, clock).powerMeters().get(0);
        assertThat(meter.readW()).isCloseTo(1.0, within(1e-9));
        assertThat(meter.signLearned()).isFalse();
        assertThat(meter.drawSign()).isEqualTo(-1);
    }

    @Test
    @Config(sdk = 35)
    public void thermalSensorReadsBatteryTemperatureStatusAndRateLimitedHeadroom() {
        Phone phone = new Phone().energyCounterNwh(5_000_000_000L).battery(3800, 0, 315);
        org.robolectric.Shadows.shadowOf((PowerManager) phone.context.getSystemService(android.content.Context.POWER_SERVICE))
                .setCurrentThermalStatus(PowerManager.THERMAL_STATUS_MODERATE);
        ShadowThermalHeadroom.setHeadroom(0.8f);
        AndroidThermalSensor sensor = new AndroidThermalSensor(phone.context, new BatteryState(phone.context), clock);

        assertThat(sensor.readCelsius()).isCloseTo(31.5, within(1e-9));
        assertThat(sensor.thermalStatus()).isEqualTo(PowerManager.THERMAL_STATUS_MODERATE);
        assertThat(sensor.headroom(10)).isEqualTo(0.8f);
        ShadowThermalHeadroom.setHeadroom(0.95f);
        assertThat(sensor.headroom(10)).as("within a second Android would answer NaN: reuse").isEqualTo(0.8f);
        assertThat(ShadowThermalHeadroom.calls()).isEqualTo(1);
        clock.advance(1_000_000_000L);
        assertThat(sensor.headroom(10)).isEqualTo(0.95f);
        assertThatThrownBy(() -> sensor.headroom(61)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 to 60 s");
    }

    @Test
    @Config(sdk = 35)
    public void headroomInDegreesIsToTheFirstThrottlingStatusAtThirtyDegreesPerUnit() {
        Phone phone = new Phone().energyCounterNwh(5_000_000_000L).battery(3800, 0, 315);
        ShadowThermalHeadroom.setHeadroom(0.8f);
        AndroidThermalSensor severeOnly = new AndroidThermalSensor(phone.context, new BatteryState(phone.context), clock);
        // Without thresholds, SEVERE (1.0) is the fixed point: 0.2 of headroom is 6 °C.
        assertThat(severeOnly.headroomC(10)).isCloseTo(6.0, within(1e-5));

        java.util.Map<Integer, Float> thresholds = new java.util.HashMap<>();
        thresholds.put(PowerManager.THERMAL_STATUS_LIGHT, 0.7f);
        thresholds.put(PowerManager.THERMAL_STATUS_MODERATE, 0.85f);
        thresholds.put(PowerManager.THERMAL_STATUS_SEVERE, 1.0f);
        ShadowThermalHeadroom.setThresholds(thresholds);
        ShadowThermalHeadroom.setHeadroom(0.6f);
        AndroidThermalSensor withThresholds = new AndroidThermalSensor(phone.context, new BatteryState(phone.context), clock);
        assertThat(withThresholds.headroomC(10)).as("to LIGHT, the first throttling").isCloseTo(3.0, within(1e-5));
    }

    @Test
    @Config(sdk = 29)
    public void headroomIsUnknownBeforeApi30() {
        Phone phone = new Phone().energyCounterNwh(5_000_000_000L).battery(3800, 0, 290);
        AndroidThermalSensor sensor = new AndroidThermalSensor(phone.context, new BatteryState(phone.context), clock);

        assertThat(sensor.headroom(0)).isNaN();
        assertThat(sensor.headroomC(0)).as("the thermal guard stays off").isNaN();
        assertThat(sensor.readCelsius()).isCloseTo(29.0, within(1e-9));
    }

    /** BatteryManager.BATTERY_PLUGGED_* values. */
    private static final class BatteryManagerPlugged {
        static final int AC = android.os.BatteryManager.BATTERY_PLUGGED_AC;
        static final int USB = android.os.BatteryManager.BATTERY_PLUGGED_USB;
    }
}
