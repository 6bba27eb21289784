package org.zeusmobile.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.zeusmobile.store.EmbeddedPostgres;
import org.zeusmobile.store.StoreLocation;

/**
 * Twenty simulated boards of one SoC (each its own cooling, leakage and sensor seed) sharing one real
 * PostgreSQL. The figures it prints (windows to settle, writes per second) are measurements for the record,
 * not asserted: what is asserted is behaviour.
 */
class FleetSimulationTest {

    @RegisterExtension
    static final EmbeddedPostgres POSTGRES = new EmbeddedPostgres();

    @Test
    void theTwentiethBoardSettlesFasterThanTheFirstAndNoWindowIsLost(@TempDir Path dir) throws Exception {
        FleetSimulation.Result fleet = new FleetSimulation(StoreLocation.parse(POSTGRES.newDatabase()), dir,
                new FleetSimulation.Options().boards(20)).run();
        System.out.print(fleet.describe());

        FleetSimulation.Board first = fleet.boards.get(0);
        FleetSimulation.Board last = fleet.boards.get(19);
        assertThat(first.startedFromStore).as("board 1 meets an empty store").isFalse();
        assertThat(last.startedFromStore).isTrue();
        assertThat(last.otherBoardsBehindItsStart).isEqualTo(19);
        assertThat(last.windowsToSettle).as(fleet.describe()).isNotNull();
        if (first.windowsToSettle != null) {
            assertThat(last.windowsToSettle).as(fleet.describe()).isLessThan(first.windowsToSettle);
        }
        for (FleetSimulation.Board board : fleet.boards) {
            // Boards 2 to 19 wrote at once: every window each recorded is in the store, once.
            assertThat(board.recordedWindows).as("board %d", board.index).isPositive();
            assertThat(board.storedWindows).as("board %d", board.index).isEqualTo(board.recordedWindows);
        }
        assertThat(fleet.writesStored).isEqualTo(fleet.writes);
    }
}
