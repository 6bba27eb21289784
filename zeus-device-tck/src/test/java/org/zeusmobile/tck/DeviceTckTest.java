package org.zeusmobile.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectNestedMethod;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.zeusmobile.core.device.Device;

/**
 * The kit bites: a correct board passes every check, each way of breaking it fails the checks that should catch it
 * (and every check catches some fault), and a run that leaves a check out fails.
 */
class DeviceTckTest {

    /** The faults each check is there to catch. */
    private static final Map<Board.Fault, Set<String>> CAUGHT_BY = new TreeMap<>();

    static {
        caught(Board.Fault.DUPLICATE_KNOB, "Knobs.eachKnobIsListedOnce");
        caught(Board.Fault.FREQUENCY_IN_KHZ, "Knobs.frequenciesAreInHertzAndNamedAfterTheirDomain");
        caught(Board.Fault.CURRENT_OFF_THE_LIST, "Knobs.currentValuesAreLegal", "Knobs.appliedValuesReadBack");
        caught(Board.Fault.ACCEPTS_UNKNOWN_KNOB, "Knobs.unknownKnobIsRejectedAndNothingChanges");
        caught(Board.Fault.WRITES_BEFORE_VALIDATING, "Knobs.illegalValueIsRejectedBeforeAnythingIsTouched");
        caught(Board.Fault.CLAMPS_WRITES, "Knobs.appliedValuesReadBack");
        caught(Board.Fault.LEAVES_UNNAMED_KNOBS_PINNED, "Knobs.knobsAConfigurationLeavesOutReturnToTheirOriginalState",
                "Restore.theGovernedConfigurationRestores");
        caught(Board.Fault.NO_MAX_POWER, "Meters.maxPowerIsAPositiveNumberOfWatts",
                "Meters.energyCountersRiseAtMostAtThePowerTheDeviceCanDraw");
        caught(Board.Fault.SHARED_DOMAIN, "Meters.eachDomainIsMeasuredOnceByMetersThatDeclareUsableSteps");
        caught(Board.Fault.COUNTER_RESETS, "Meters.energyCountersNeverRunBackwards");
        caught(Board.Fault.MICROJOULES_AS_JOULES, "Meters.energyCountersRiseAtMostAtThePowerTheDeviceCanDraw");
        caught(Board.Fault.MILLIWATTS_AS_WATTS, "Meters.powerReadingsAreWattsTheDeviceCanDraw");
        caught(Board.Fault.CLOCK_NOT_ADVANCED, "Meters.theTimeHookMovesTheDevicesClock",
                "Meters.energyCountersRiseAtMostAtThePowerTheDeviceCanDraw");
        caught(Board.Fault.DUPLICATE_SENSOR, "Thermal.eachSensorIsListedOnce");
        caught(Board.Fault.MILLIDEGREES, "Thermal.temperaturesAreDegreesCelsius");
        caught(Board.Fault.DESCENDING_TRIPS, "Thermal.tripPointsAscendInDegreesCelsius");
        caught(Board.Fault.RESTORE_LEAVES_GOVERNOR, "Restore.restoreReturnsTheOriginalState",
                "Restore.closeRestoresForTheNextOpen", "Restore.restoreAfterSeveralAppliesReturnsTheFirstOriginal");
        caught(Board.Fault.JOURNALS_EVERY_APPLY, "Restore.restoreAfterSeveralAppliesReturnsTheFirstOriginal",
                "Restore.theGovernedConfigurationRestores", "Knobs.knobsAConfigurationLeavesOutReturnToTheirOriginalState");
        caught(Board.Fault.CLOSE_DOES_NOT_RESTORE, "Restore.closeRestoresForTheNextOpen");
    }

    private static void caught(Board.Fault fault, String... checks) {
        CAUGHT_BY.put(fault, new TreeSet<>(java.util.Arrays.asList(checks)));
    }

    /** The board under the kit; static because the platform instantiates the class itself. */
    static volatile Set<Board.Fault> faults = EnumSet.noneOf(Board.Fault.class);

    /** A board's test, as a device's module writes it. */
    static class BoardTest extends DeviceTck {
        private final Board.Hardware hardware = new Board.Hardware();

        @Override
        protected Device openDevice() {
            return new Board(hardware, faults);
        }

        @Override
        protected void advanceTime(Device device, long nanos) {
            hardware.clock.advance(nanos);
        }
    }

    /** A board's test that switches one check off with a condition: skipping is how a device would dodge a check. */
    @ExtendWith(SkipsCloseRestores.class)
    static class SkippingBoardTest extends BoardTest {
    }

    static final class SkipsCloseRestores implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            boolean skip = context.getTestMethod().map(m -> m.getName().equals("closeRestoresForTheNextOpen")).orElse(false);
            return skip ? ConditionEvaluationResult.disabled("our board does not restore on close")
                    : ConditionEvaluationResult.enabled("checked");
        }
    }

    private static EngineExecutionResults run(Set<Board.Fault> boardFaults, DiscoverySelector selector) {
        faults = boardFaults;
        try {
            return EngineTestKit.engine("junit-jupiter").selectors(selector).execute();
        } finally {
            faults = EnumSet.noneOf(Board.Fault.class);
        }
    }

    private static Set<String> failedChecks(EngineExecutionResults results) {
        Set<String> failed = new TreeSet<>();
        for (Event event : results.testEvents().failed().list()) {
            MethodSource source = (MethodSource) event.getTestDescriptor().getSource().get();
            failed.add(source.getJavaClass().getSimpleName() + "." + source.getMethodName());
        }
        return failed;
    }

    private static String containerFailure(EngineExecutionResults results) {
        for (Event event : results.containerEvents().failed().list()) {
            TestExecutionResult result = event.getPayload(TestExecutionResult.class).get();
            return result.getThrowable().map(Throwable::getMessage).orElse("");
        }
        return null;
    }

    @Test
    void aCorrectBoardPassesEveryCheck() {
        EngineExecutionResults results = run(EnumSet.noneOf(Board.Fault.class), selectClass(BoardTest.class));
        assertThat(failedChecks(results)).isEmpty();
        assertThat(results.testEvents().succeeded().count()).isEqualTo(KitCoverage.checks().size());
        assertThat(containerFailure(results)).isNull();
    }

    @Test
    void eachFaultFailsExactlyTheChecksMeantToCatchIt() {
        Map<Board.Fault, Set<String>> failed = new TreeMap<>();
        for (Board.Fault fault : CAUGHT_BY.keySet()) {
            failed.put(fault, failedChecks(run(EnumSet.of(fault), selectClass(BoardTest.class))));
        }
        assertThat(failed).as("checks each broken board fails").isEqualTo(CAUGHT_BY);
    }

    @Test
    void everyCheckCatchesSomeFault() {
        Set<String> catching = new TreeSet<>();
        for (Set<String> checks : CAUGHT_BY.values()) {
            catching.addAll(checks);
        }
        assertThat(catching).as("checks that some broken board fails").isEqualTo(KitCoverage.checks());
        assertThat(CAUGHT_BY.keySet()).as("faults with a check").containsExactlyInAnyOrder(Board.Fault.values());
    }

    @Test
    void aDeviceThatSkipsACheckFailsTheKit() {
        EngineExecutionResults results = run(EnumSet.noneOf(Board.Fault.class), selectClass(SkippingBoardTest.class));
        assertThat(failedChecks(results)).isEmpty();
        assertThat(results.testEvents().skipped().count()).isEqualTo(1);
        assertThat(containerFailure(results)).contains("SkippingBoardTest left 1 check(s)",
                "Restore.closeRestoresForTheNextOpen", "passes the whole kit");
    }

    @Test
    void aRunOfOneCheckIsNotAPassOfTheKit() {
        EngineExecutionResults results = run(EnumSet.noneOf(Board.Fault.class), selectNestedMethod(
                Collections.<Class<?>>singletonList(BoardTest.class), DeviceTck.Knobs.class, "currentValuesAreLegal"));
        assertThat(results.testEvents().succeeded().count()).isEqualTo(1);
        assertThat(containerFailure(results)).contains("BoardTest left " + (KitCoverage.checks().size() - 1) + " check(s)");
    }
}
