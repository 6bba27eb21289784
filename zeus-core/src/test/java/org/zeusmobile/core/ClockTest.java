package org.zeusmobile.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClockTest {

    @Test
    void aManualClockSleepsByMovingToTheTimeAndRunsItsTasksOnTheWay() {
        ManualClock clock = new ManualClock(1_000);
        List<Long> ticks = new ArrayList<>();
        clock.every(100, () -> ticks.add(clock.nanoTime()));
        assertThat(clock.sleepUntil(1_350)).isTrue();
        assertThat(clock.nanoTime()).isEqualTo(1_350);
        assertThat(ticks).containsExactly(1_100L, 1_200L, 1_300L);
        assertThat(clock.sleepUntil(1_000)).as("a time already past returns at once").isTrue();
        assertThat(clock.nanoTime()).isEqualTo(1_350);
    }

    @Test
    void theSystemClockStopsSleepingWhenItsThreadIsInterrupted() {
        Thread.currentThread().interrupt();
        try {
            assertThat(SystemClock.INSTANCE.sleepUntil(System.nanoTime() + 60_000_000_000L)).isFalse();
            assertThat(Thread.currentThread().isInterrupted()).as("the flag stays set").isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
