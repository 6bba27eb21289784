package org.zeusmobile.core.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MeterDescriptionTest {

    @Test
    void aMeterBuiltOnADescriptionAnswersEveryGetterFromIt() {
        MeterDescription rapl = MeterDescription.energy("intel-rapl:0", "package", 1e-6, 1_000_000L).wrapsAtJ(262_143.3);
        EnergyMeter meter = new EnergyMeter() {
            @Override
            public MeterDescription description() {
                return rapl;
            }

            @Override
            public double readJ() {
                return 1.0;
            }
        };
        assertThat(meter.name()).isEqualTo("intel-rapl:0");
        assertThat(meter.domain()).isEqualTo("package");
        assertThat(meter.resolutionJ()).isEqualTo(1e-6);
        assertThat(meter.updatePeriodNs()).isEqualTo(1_000_000L);
        assertThat(meter.wrapRangeJ()).isEqualTo(262_143.3);
        assertThat(meter.estimated()).isFalse();
        assertThat(rapl.asEstimate().estimated()).isTrue();
        assertThat(rapl.asEstimate().wrapRangeJ()).as("the other fields stay").isEqualTo(262_143.3);
    }

    @Test
    void unusableStepsAreRefusedWithTheMeterNamed() {
        assertThatThrownBy(() -> MeterDescription.power("VDD_IN", "total", 0, 1_000_000L))
                .hasMessageContaining("VDD_IN").hasMessageContaining("resolution must be a positive number of W");
        assertThatThrownBy(() -> MeterDescription.energy("gauge", "battery", 1e-3, 0))
                .hasMessageContaining("gauge").hasMessageContaining("update period must be positive");
        assertThatThrownBy(() -> MeterDescription.energy("gauge", " ", 1e-3, 1)).hasMessageContaining("domain");
        assertThatThrownBy(() -> MeterDescription.energy("rapl", "package", 1e-6, 1).wrapsAtJ(0))
                .hasMessageContaining("wrap range must be positive");
    }

    @Test
    void unitsFollowTheKindOfMeter() {
        assertThatThrownBy(() -> MeterDescription.power("VDD_IN", "total", 1e-3, 1).wrapsAtJ(10))
                .hasMessageContaining("only energy counters wrap");
        assertThatThrownBy(() -> MeterDescription.power("VDD_IN", "total", 1e-3, 1).resolutionJ())
                .hasMessageContaining("resolutionW()");
        assertThat(MeterDescription.power("VDD_IN", "total", 1e-3, 1).resolutionW()).isEqualTo(1e-3);
    }
}
