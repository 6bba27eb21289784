package org.zeusmobile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeusmobile.core.device.Device;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.linux.FixtureTrees;

/**
 * kill -9 at numbered points of {@code apply} and {@code optimize}, then {@code restore}: every file under the
 * emulated device's root is back to its original bytes and nothing the tool made is left. Each run is a real
 * child JVM running the command line; it kills itself with SIGKILL just before its N-th filesystem change
 * ({@code emulated:...,killAt=N}, see zeus-linux's KillPoints), or the test kills it with SIGKILL after a
 * seeded random delay. Restore is the real {@code zeus-mobile restore} on the same tree.
 */
class KillNineTest {

    private static final long SEED = 20260517L;
    private static int killPoints;
    private static int filesCompared;

    @TempDir
    Path dir;

    @AfterAll
    static void report() {
        // The counts the hardening note quotes: how many kills, how many file comparisons after restore.
        System.out.println("KillNineTest: " + killPoints + " kill points, " + filesCompared + " files compared byte for byte");
    }

    /** Kill points for a run of {@code calls} changes: all of 1..calls+1 (after the last one), or a seeded sample with both ends. */
    private static List<Integer> points(int calls, int most, Random random) {
        List<Integer> all = new ArrayList<>();
        for (int point = 1; point <= calls + 1; point++) {
            all.add(point);
        }
        if (all.size() <= most) {
            return all;
        }
        List<Integer> middle = new ArrayList<>(all.subList(1, all.size() - 1));
        Collections.shuffle(middle, random);
        List<Integer> chosen = new ArrayList<>(middle.subList(0, most - 2));
        chosen.add(1);
        chosen.add(calls + 1);
        Collections.sort(chosen);
        return chosen;
    }

    @Test
    void applyKilledAtWritePointsIsRestoredByteForByte() throws Exception {
        Random random = new Random(SEED);
        for (String fixture : new String[] {FixtureTrees.SNAPDRAGON, FixtureTrees.ORIN_NANO}) {
            String pins = differentFromCurrent(fixture);
            for (int point : points(dryRun(fixture, "apply", pins), 10, random)) {
                killAndRestore(fixture, point, "apply", pins);
            }
        }
    }

    @Test
    void applyOnTopOfAnEarlierApplyKilledAtWritePointsRestoresTheTrueOriginals() throws Exception {
        String fixture = FixtureTrees.TX2;
        String first = "gpu.freq=1300500000";
        String second = differentFromCurrent(fixture);
        Path probe = copy(fixture, "probe");
        applyFirst(probe, first);
        for (int point : points(dryRunOn(probe, "apply", second), 8, new Random(SEED))) {
            Path root = copy(fixture, "twice-" + point);
            Map<String, String> before = FixtureTrees.snapshot(root);
            Set<String> dirsBefore = directories(root);
            applyFirst(root, first);
            killAt(root, point, "apply", second);
            restoreAndCompare(root, before, dirsBefore);
        }
    }

    @Test
    void optimizeKilledAtSeededPointsAndTimesIsRestoredByteForByte() throws Exception {
        Random random = new Random(SEED);
        String fixture = FixtureTrees.TX2;
        for (int i = 0; i < 3; i++) {
            killAndRestore(fixture, 1 + random.nextInt(12), "optimize", null);
        }
        for (int i = 0; i < 2; i++) {
            // a SIGKILL from outside at a random moment of the strategy's run, between or inside writes
            Path root = copy(fixture, "timed-" + i);
            Map<String, String> before = FixtureTrees.snapshot(root);
            Set<String> dirsBefore = directories(root);
            Process child = child(root, 0, "optimize", null);
            Thread.sleep(4_000 + random.nextInt(4_000));
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            killPoints++;
            restoreAndCompare(root, before, dirsBefore);
        }
    }

    private void applyFirst(Path root, String pins) throws Exception {
        assertThat(child(root, 0, "apply", pins).waitFor()).isZero();
        Files.delete(logFile(root)); // the second apply's points are numbered from 1
    }

    private void killAndRestore(String fixture, int point, String command, String pins) throws Exception {
        Path root = copy(fixture, command + "-" + killPoints + "-at-" + point);
        Map<String, String> before = FixtureTrees.snapshot(root);
        Set<String> dirsBefore = directories(root);
        killAt(root, point, command, pins);
        restoreAndCompare(root, before, dirsBefore);
    }

    private void killAt(Path root, int point, String command, String pins) throws Exception {
        Process child = child(root, point, command, pins);
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("%s killed at point %d finished", command, point).isTrue();
        List<String> log = log(root);
        boolean killed = !log.isEmpty() && log.get(log.size() - 1).startsWith("KILL");
        assertThat(child.exitValue()).as("%s at point %d: %s", command, point, log).isEqualTo(killed ? 137 : 0);
        killPoints++;
    }

    private void restoreAndCompare(Path root, Map<String, String> before, Set<String> dirsBefore) throws IOException {
        CliRun restore = CliRun.of("restore", "--device", spec(root, 0));
        assertThat(restore.exitCode).as(restore.toString()).isZero();
        assertThat(FixtureTrees.snapshot(root)).as("files of %s after restore (%s)", root.getFileName(), restore.out)
                .isEqualTo(before);
        assertThat(directories(root)).as("directories of %s after restore", root.getFileName()).isEqualTo(dirsBefore);
        filesCompared += before.size();
    }

    /** Runs the command to the end, logging its filesystem changes; returns how many there were, after restoring. */
    private int dryRun(String fixture, String command, String pins) throws Exception {
        return dryRunOn(copy(fixture, "dry-" + command), command, pins);
    }

    private int dryRunOn(Path root, String command, String pins) throws Exception {
        Process child = child(root, 0, command, pins);
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("dry run of %s: %s", command, log(root)).isZero();
        int calls = log(root).size();
        assertThat(calls).as("filesystem changes of %s", command).isGreaterThan(3);
        assertThat(CliRun.of("restore", "--device", spec(root, 0)).exitCode).isZero();
        Files.delete(logFile(root));
        return calls;
    }

    /** Every knob pinned to a value other than its current one, as apply's arguments. */
    private String differentFromCurrent(String fixture) {
        Path root = copy(fixture, "look");
        List<String> pins = new ArrayList<>();
        try (Device device = Devices.open(spec(root, 0))) {
            for (Knob knob : device.knobs()) {
                long current = device.current(knob.name());
                pins.add(knob.name() + "=" + (knob.max() != current ? knob.max() : knob.min()));
            }
        }
        return String.join(" ", pins);
    }

    private Path copy(String fixture, String name) {
        return FixtureTrees.copy(fixture, dir.resolve(fixture + "-" + name));
    }

    private Path logFile(Path root) {
        return root.resolveSibling(root.getFileName() + ".writes");
    }

    private List<String> log(Path root) throws IOException {
        Path log = logFile(root);
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : Collections.<String>emptyList();
    }

    private String spec(Path root, int killAt) {
        return "emulated:root=" + root + (killAt > 0 ? ",log=" + logFile(root) + ",killAt=" + killAt : "");
    }

    private Process child(Path root, int killAt, String command, String pins) throws IOException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> args = new ArrayList<>();
        Collections.addAll(args, java, "-cp", System.getProperty("java.class.path"), ZeusMobile.class.getName(), command,
                "--device", "emulated:root=" + root + ",log=" + logFile(root) + (killAt > 0 ? ",killAt=" + killAt : ""));
        if (command.equals("apply")) {
            Collections.addAll(args, pins.split(" "));
        } else {
            Collections.addAll(args, "--duration", "8s", "--profiles", dir.resolve("profiles").toString());
        }
        ProcessBuilder builder = new ProcessBuilder(args);
        builder.redirectErrorStream(true);
        builder.redirectOutput(new File(root + ".out"));
        return builder.start();
    }

    /** Every directory under {@code root}, symlinks not followed. */
    private static Set<String> directories(Path root) throws IOException {
        Set<String> dirs = new TreeSet<>();
        try (Stream<Path> paths = Files.walk(root)) {
            paths.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).forEach(p -> dirs.add(root.relativize(p).toString()));
        }
        return dirs;
    }
}
