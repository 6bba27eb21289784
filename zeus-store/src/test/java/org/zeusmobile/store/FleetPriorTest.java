package org.zeusmobile.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.strategy.Observation;
import org.zeusmobile.core.strategy.Prediction;
import org.zeusmobile.core.strategy.Traffic;

class FleetPriorTest {

    static final Configuration A = Configuration.governed().with("gpu.freq", 475_000_000L).with("batch", 2);
    static final Configuration B = Configuration.governed().with("gpu.freq", 680_000_000L).with("batch", 2);
    static final Configuration C = Configuration.governed().with("gpu.freq", 348_000_000L).with("batch", 2);

    static Observation window(Configuration c, double energyJ) {
        return Observation.of(c).inferences(100).energyPerInferenceJ(energyJ).timePerInferenceS(0.01).latencyP95S(0.02)
                .traffic(Traffic.CLOSED_LOOP).build();
    }

    static Prediction prediction(double energyJ) {
        return new Prediction(energyJ, 0.01, 0.02, Traffic.CLOSED_LOOP);
    }

    static ArmSums arm(String device, Configuration c, double energyJ, int windows) {
        ArmSums sums = new ArmSums(device, c, Traffic.CLOSED_LOOP);
        for (int i = 0; i < windows; i++) {
            sums.add(window(c, energyJ));
        }
        return sums;
    }

    @Test
    void theFleetsMeasurementIsPooledOverWindowsSoEvidenceWeighs() {
        List<ArmSums> arms = new ArrayList<>();
        arms.add(arm("board-1", A, 1.0, 1));
        arms.add(arm("board-2", A, 2.0, 3));
        StoredProfile profile = FleetPrior.assemble("board-3", arms, new ArrayList<>());
        assertThat(profile.predictions().get(A).energyPerInferenceJ()).isCloseTo(1.75, within(1e-12));
        assertThat(profile.otherDevices()).isEqualTo(2);
        assertThat(profile.windows()).isEqualTo(4);
        assertThat(profile.hasOwnData()).isFalse();
    }

    @Test
    void aBoardsOwnWindowsOutweighTheFleetsOnceItHasAFew() {
        List<ArmSums> arms = new ArrayList<>();
        arms.add(arm("fleet-board", A, 1.0, 100)); // the fleet: 1.0 J, well established
        arms.add(arm("hot-board", A, 2.0, 1));
        double afterOne = FleetPrior.assemble("hot-board", arms, new ArrayList<>()).predictions().get(A)
                .energyPerInferenceJ();
        arms.add(arm("hot-board", A, 2.0, 19));
        double afterTwenty = FleetPrior.assemble("hot-board", arms, new ArrayList<>()).predictions().get(A)
                .energyPerInferenceJ();
        // (1 x 2.0 + 4 x 1.0) / 5, then (20 x 2.0 + 4 x 1.0) / 24: the board's own cost shows through.
        assertThat(afterOne).isCloseTo(1.2, within(1e-12));
        assertThat(afterTwenty).isCloseTo(44.0 / 24, within(1e-12));
        // Other boards still start from the fleet, which this board moved only by its share of windows.
        assertThat(FleetPrior.assemble("new-board", arms, new ArrayList<>()).predictions().get(A).energyPerInferenceJ())
                .isCloseTo((100 * 1.0 + 20 * 2.0) / 120, within(1e-12));
    }

    @Test
    void measurementsComeBeforeModelsAndTheBoardsOwnModelBeforeTheFleets() {
        List<ArmSums> arms = new ArrayList<>();
        arms.add(arm("board-1", A, 1.0, 2));
        List<StoredPrediction> models = new ArrayList<>();
        models.add(new StoredPrediction("board-1", A, prediction(9), 30, "bo"));
        models.add(new StoredPrediction("board-1", B, prediction(3), 30, "bo"));
        models.add(new StoredPrediction("board-2", B, prediction(5), 10, "bo"));
        models.add(new StoredPrediction("board-2", C, prediction(5), 10, "bo"));
        models.add(new StoredPrediction("board-3", C, prediction(7), 30, "bo"));

        StoredProfile forBoard1 = FleetPrior.assemble("board-1", arms, models);
        assertThat(forBoard1.predictions().get(A).energyPerInferenceJ()).isEqualTo(1.0); // measured
        assertThat(forBoard1.predictions().get(B).energyPerInferenceJ()).isEqualTo(3.0); // its own model
        // The fleet's models, weighted by their samples: (10 x 5 + 30 x 7) / 40.
        assertThat(forBoard1.predictions().get(C).energyPerInferenceJ()).isCloseTo(6.5, within(1e-12));
        assertThat(forBoard1.hasOwnData()).isTrue();

        StoredProfile forBoard4 = FleetPrior.assemble("board-4", arms, models);
        assertThat(forBoard4.predictions().get(A).energyPerInferenceJ()).isEqualTo(1.0); // board-1 measured it
        assertThat(forBoard4.predictions().get(B).energyPerInferenceJ()).isCloseTo((30 * 3 + 10 * 5) / 40.0,
                within(1e-12));
        assertThat(forBoard4.otherDevices()).isEqualTo(3);
    }

    @Test
    void nothingStoredIsAnEmptyProfile() {
        StoredProfile profile = FleetPrior.assemble("board-1", new ArrayList<>(), new ArrayList<>());
        assertThat(profile.isEmpty()).isTrue();
        assertThat(profile.otherDevices()).isZero();
    }
}
