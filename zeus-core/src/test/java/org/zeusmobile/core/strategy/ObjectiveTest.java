package org.zeusmobile.core.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ObjectiveTest {

    private final Objective objective = new Objective(0.5, 0.05, 10);

    @Test
    void closedLoopCostIsZeusCostWithTheServiceTime() {
        // 0.5 x 40 mJ + 0.5 x 10 W x 4 ms
        assertThat(objective.cost(0.040, 0.004, Traffic.CLOSED_LOOP)).isCloseTo(0.040, within(1e-12));
        assertThat(objective.cost(0.040, 0.008, Traffic.CLOSED_LOOP)).isCloseTo(0.060, within(1e-12));
    }

    @Test
    void openLoopCostIsTheEnergyPerInferenceWhateverEtaAndTheArrivalRate() {
        assertThat(objective.cost(0.040, 1 / 30.0, Traffic.OPEN_LOOP)).isEqualTo(0.040);
        assertThat(new Objective(0.1, 0.05, 10).cost(0.040, 1 / 5.0, Traffic.OPEN_LOOP)).isEqualTo(0.040);
    }

    @Test
    void underOpenLoopTwoConfigurationsDifferByTheirEnergyAloneNotDilutedByTheInterArrivalTime() {
        // Camera frames at 30 Hz: 60 vs 66 mJ per frame is 10% apart. Zeus's cost with the inter-arrival
        // time as T would put them 1.9% apart (the time term, 167 mJ, is the same for both).
        Prediction cool = new Prediction(0.060, 1 / 30.0, 0.030, Traffic.OPEN_LOOP);
        Prediction warm = new Prediction(0.066, 1 / 30.0, 0.025, Traffic.OPEN_LOOP);
        assertThat(warm.cost(objective) / cool.cost(objective)).isCloseTo(1.10, within(1e-9));
        double zeusRatio = objective.cost(0.066, 1 / 30.0, Traffic.CLOSED_LOOP)
                / objective.cost(0.060, 1 / 30.0, Traffic.CLOSED_LOOP);
        assertThat(zeusRatio).isLessThan(1.02);
    }

    @Test
    void anObservationKnowsTheShareOfItsRequestsOverALatencyLimit() {
        Observation o = Observation.of(org.zeusmobile.core.device.Configuration.governed()).inferences(4)
                .energyPerInferenceJ(0.04).timePerInferenceS(0.03).latencyP95S(0.04).traffic(Traffic.OPEN_LOOP)
                .latenciesNs(new long[] {40_000_000L, 10_000_000L, 30_000_000L, 20_000_000L}).build();
        assertThat(o.shareAboveS(0.025)).isEqualTo(0.5);
        assertThat(o.shareAboveS(0.040)).as("at the limit is not over it").isEqualTo(0);
        assertThat(Observation.of(o.configuration()).inferences(4).energyPerInferenceJ(0.04).timePerInferenceS(0.03)
                .latencyP95S(0.04).traffic(Traffic.OPEN_LOOP).build().shareAboveS(0.025)).isNaN();
    }
}
