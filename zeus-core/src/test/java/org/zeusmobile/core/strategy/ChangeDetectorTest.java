package org.zeusmobile.core.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ChangeDetectorTest {

    @Test
    void firesWithinTenSamplesOfAThreeSigmaStep() {
        int late = 0;
        int trials = 500;
        for (int trial = 0; trial < trials; trial++) {
            Random random = new Random(trial);
            ChangeDetector detector = ChangeDetector.forFalseAlarmRate(0.002, 3);
            for (int i = 0; i < 50; i++) {
                detector.update(random.nextGaussian()); // settle on stationary noise first
            }
            detector.reset();
            int delay = 0;
            boolean fired = false;
            while (!fired && delay < 100) {
                delay++;
                fired = detector.update((trial % 2 == 0 ? 3 : -3) + random.nextGaussian());
            }
            if (delay > 10) {
                late++;
            }
        }
        assertThat(late).isLessThanOrEqualTo(trials / 100); // at least 99% within 10 samples, both directions
    }

    @Test
    void keepsItsFalseAlarmRateOnStationaryNoise() {
        for (double rate : new double[] {0.01, 0.002}) {
            ChangeDetector detector = ChangeDetector.forFalseAlarmRate(rate, 3);
            Random random = new Random(42);
            int samples = 400_000;
            int alarms = 0;
            for (int i = 0; i < samples; i++) {
                if (detector.update(random.nextGaussian())) {
                    alarms++;
                }
            }
            double observed = alarms / (double) samples;
            assertThat(observed).as("false alarms per sample at configured %s", rate).isLessThanOrEqualTo(rate * 1.1)
                    .isGreaterThan(rate / 10); // not a detector that simply never fires
        }
    }

    @Test
    void aLowerFalseAlarmRateNeedsAHigherThreshold() {
        assertThat(ChangeDetector.forFalseAlarmRate(0.001, 3).threshold())
                .isGreaterThan(ChangeDetector.forFalseAlarmRate(0.01, 3).threshold());
    }

    @Test
    void ignoresNaNAndRejectsBadSettings() {
        ChangeDetector detector = new ChangeDetector(0.5, 4);
        assertThat(detector.update(Double.NaN)).isFalse();
        assertThatThrownBy(() -> ChangeDetector.forFalseAlarmRate(0, 3)).hasMessageContaining("false-alarm rate");
        assertThatThrownBy(() -> new ChangeDetector(0.5, 0)).hasMessageContaining("threshold");
    }
}
