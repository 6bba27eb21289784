package org.zeusmobile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.zeusmobile.linux.FixtureTrees;
import org.zeusmobile.linux.ProcessTable;

/**
 * Every bad input we know of, as a user or an attacker would type it: each is refused before any work with
 * the documented exit code (docs/cli.md), one line in zeus-mobile's words that names the problem, and no
 * change to any sysfs tree (byte-compared after every case, the trees with garbage in them included).
 */
class BadInputCatalogueTest {

    @TempDir
    static Path dir;

    /** Placeholder to path: fixture roots, input files. */
    private static final Map<String, String> PLACES = new LinkedHashMap<>();
    /** Every tree a case may touch, with its bytes before the catalogue. */
    private static final Map<Path, Map<String, String>> TREES = new LinkedHashMap<>();
    private static int cases;

    static Stream<Arguments> catalogue() {
        List<Arguments> c = new ArrayList<>();
        // --- request traces: rates, files ---
        c.add(bad(2, "at most 10000 per second, got 1000000000", "compare --trace poisson:1e9 --duration 10s"));
        c.add(bad(2, "above 0 and at most 10000", "compare --trace periodic:0"));
        c.add(bad(2, "above 0 and at most 10000", "optimize --trace poisson:-3"));
        c.add(bad(2, "got NaN", "compare --trace periodic:NaN"));
        c.add(bad(2, "got Infinity", "compare --trace poisson:Infinity"));
        c.add(bad(2, "needs a number after the colon", "compare --trace poisson:fast"));
        c.add(bad(2, "unknown trace 'weekly:3'", "compare --trace weekly:3"));
        c.add(bad(2, "no-such.csv: it does not exist", "compare --trace file={DIR}/no-such.csv"));
        c.add(bad(2, "line 1: 'abc' is not an arrival time in seconds", "compare --trace file={ABC}"));
        c.add(bad(2, "sort the arrival times", "compare --trace file={UNSORTED}"));
        c.add(bad(2, "arrival 2 is -1.0 s; times must be from 0 to 604800 s", "compare --trace file={NEGATIVE}"));
        c.add(bad(2, "arrival 1 is 1.0E9 s", "compare --trace file={FAR}"));
        c.add(bad(2, "holds no arrival times", "compare --trace file={EMPTY}"));
        c.add(bad(2, "cannot read trace file", "compare --trace file={DIR}"));
        // --- run length ---
        c.add(bad(2, "--duration must be from 1s to 168h (a week), got '1e300h'", "compare --duration 1e300h"));
        c.add(bad(2, "--duration must be from 1s to 168h", "compare --duration 0s"));
        c.add(bad(2, "--duration must be from 1s to 168h", "optimize --duration -5m"));
        c.add(bad(2, "is not a number with a unit", "compare --duration NaNs"));
        c.add(bad(2, "--duration must be from 1s to 168h", "compare --duration 200ms"));
        c.add(bad(2, "needs a unit", "compare --duration 10"));
        c.add(bad(2, "needs a unit", "compare --duration ten"));
        c.add(bad(2, "is not a number with a unit", "compare --duration tenm"));
        c.add(bad(2, "give --requests or --duration, not both", "compare --trace periodic:30 --requests 100 --duration 60s"));
        c.add(bad(2, "--requests must be >= 1", "compare --trace periodic:30 --requests 0"));
        c.add(bad(2, "needs a trace with a known rate", "compare --requests 100"));
        c.add(bad(2, "a run lasts from 1 s to 168 h", "compare --trace periodic:1 --requests 2000000000"));
        // --- seeds, strategies, scenarios, devices ---
        c.add(bad(2, "--seeds must be from 1 to 1000, got 2000000000", "compare --seeds 2000000000"));
        c.add(bad(2, "--seeds must be from 1 to 1000, got 0", "compare --seeds 0"));
        c.add(bad(2, "--seeds must be from 1 to 1000, got -4", "compare --seeds -4"));
        c.add(bad(2, "'many' is not an int", "compare --seeds many"));
        c.add(bad(2, "'99999999999' is not an int", "compare --seeds 99999999999"));
        c.add(bad(2, "'soon' is not a long", "compare --seed soon"));
        c.add(bad(2, "names 'default' twice", "compare --strategies default,default"));
        c.add(bad(2, "unknown strategy 'greedy'", "compare --strategies default,greedy"));
        c.add(bad(2, "unknown strategy 'greedy'", "optimize --strategy greedy"));
        c.add(bad(2, "earthquake", "compare --scenario earthquake --duration 30s"));
        c.add(bad(2, "unknown device 'phone:1'", "compare --device phone:1"));
        c.add(bad(2, "pixel-99", "optimize --device sim:pixel-99 --duration 30s"));
        c.add(bad(2, "need a simulated device", "compare --device linux:root={PHONE} --duration 30s"));
        c.add(bad(2, "--scenario thermal is a simulated condition", "optimize --device linux:root={PHONE} --scenario thermal"));
        c.add(bad(2, "tune phones from inside the app with zeus-android", "optimize --device adb:emulator-5554"));
        // --- latency target and cost weight ---
        c.add(bad(2, "--slo-ms must be from 0.1 to 3600000 ms", "compare --slo-ms 1e308"));
        c.add(bad(2, "--slo-ms must be from 0.1 to 3600000 ms", "optimize --slo-ms 0.001"));
        c.add(bad(2, "--slo-ms must be from 0.1", "compare --slo-ms 0"));
        c.add(bad(2, "--slo-ms must be from 0.1", "compare --slo-ms -5"));
        c.add(bad(2, "--slo-ms must be from 0.1", "profile --slo-ms NaN"));
        c.add(bad(2, "--slo-ms must be from 0.1", "compare --slo-ms Infinity"));
        c.add(bad(2, "--eta must be in [0, 1]", "optimize --eta 1.5"));
        c.add(bad(2, "--eta must be in [0, 1]", "compare --eta -0.1"));
        c.add(bad(2, "--eta must be in [0, 1]", "compare --eta NaN"));
        // --- outputs checked before the run ---
        c.add(bad(2, "is a file, not a directory", "compare --out {FILE} --duration 30s"));
        c.add(bad(2, "cannot be written", "optimize --out {FILE}/report --duration 30s"));
        c.add(bad(2, "--out /proc/zeus-report cannot be written", "compare --out /proc/zeus-report --duration 30s"));
        c.add(bad(2, "--out /proc/version: its directory /proc cannot be written", "profile --out /proc/version"));
        c.add(bad(2, "is a directory; name a file", "profile --out {DIR}"));
        c.add(bad(2, "cannot create the directory of the profile store", "compare --profiles {FILE}/p.db --duration 30s"));
        c.add(bad(2, "cannot set up the profile store jdbc:sqlite:/proc/p.db", "optimize --profiles /proc/p.db --duration 30s"));
        // --- profile ---
        c.add(bad(2, "--batch 3 is not a batch size the profile holds", "profile --batch 3"));
        c.add(bad(2, "--batch 0 is not a batch size", "profile --batch 0"));
        c.add(bad(2, "--batch 4096 is not a batch size", "profile --batch 1,4096"));
        c.add(bad(2, "--strategy must be exhaustive or bo", "profile --strategy random"));
        // --- measure ---
        c.add(bad(2, "--idle-s must be from 0 to 3600 seconds, got 1000000000", "measure --idle-s 1e9 -- true"));
        c.add(bad(2, "--idle-s must be from 0 to 3600 seconds", "measure --idle-s -1 -- true"));
        c.add(bad(2, "--idle-s must be from 0 to 3600 seconds", "measure --idle-s NaN -- true"));
        c.add(bad(2, "needs a real device", "measure --device sim:snapdragon-8-gen-2 -- true"));
        c.add(bad(2, "cannot start 'no-such-program-zm': no such file or directory", "measure --device linux:root={PHONE} -- no-such-program-zm"));
        // --- apply, restore, devices and device specs ---
        c.add(bad(2, "illegal value 500.0 MHz for knob gpu.freq", "apply --device linux:root={PHONE} gpu.freq=500MHz"));
        c.add(bad(2, "has no knob 'npu.freq'", "apply --device linux:root={PHONE} npu.freq=1"));
        c.add(bad(2, "not a number", "apply --device linux:root={PHONE} gpu.freq=fast"));
        c.add(bad(2, "maxPowerW=1e9 must be a number from 0.1 to 10000 W", "apply --device linux:root={PHONE},maxPowerW=1e9 gpu.freq=475MHz"));
        c.add(bad(2, "maxPowerW=0 must be a number from 0.1 to 10000 W", "devices --device linux:root={PHONE},maxPowerW=0"));
        c.add(bad(2, "unknown option 'rot'", "devices --device linux:rot=/x"));
        c.add(bad(2, "unknown option 'journal'", "devices --device linux:root={PHONE},journal=/tmp/j"));
        c.add(bad(2, "does not exist", "devices --device linux:root={DIR}/nowhere"));
        c.add(bad(2, "'-s' is not an adb serial", "devices --device adb:-s,adb=/bin/false"));
        c.add(bad(2, "'--help' is not an adb serial", "apply --device adb:--help,adb=/bin/false gpu.freq=1"));
        c.add(bad(2, "is not an adb serial", "devices --device adb:X;reboot,adb=/bin/false"));
        c.add(bad(2, "timeoutMs=0 must be a number from 100 to 600000 ms", "devices --device adb:X,timeoutMs=0,adb=/bin/false"));
        c.add(bad(2, "reconnectS=31536000 must be a number from 0 to 3600 s", "devices --device adb:X,reconnectS=31536000,adb=/bin/false"));
        c.add(bad(2, "Missing required parameter", "apply --device linux:root={PHONE}"));
        // --- devices as found: nothing changed, exit 3 ---
        c.add(bad(3, "scaling_min_freq on local root", "apply --device linux:root={GARBAGE} cpu.policy7.freq=2956.8MHz"));
        c.add(bad(3, "holds 'abc', not a frequency in kHz", "apply --device linux:root={GARBAGE} cpu.policy7.freq=2956.8MHz"));
        c.add(bad(3, "no cpufreq, devfreq, KGSL, power or energy files", "devices --device linux:root={EMPTYROOT}"));
        c.add(bad(3, "/tmp/zeus-mobile on local root", "apply --device linux:root={LINKED} cpu.policy0.freq=1708.8MHz"));
        c.add(bad(3, "another zeus-mobile process", "restore --device linux:root={BUSY}"));
        c.add(bad(3, "which is not a knob file of this device", "restore --device linux:root={TAMPERED}"));
        c.add(bad(3, "a live kernel creates it when the governor switches", "apply --device linux:root={BOARD} gpu.freq=420.75MHz"));
        // --- report ---
        c.add(bad(2, "does not exist", "report {DIR}/none.json --out {DIR}/report"));
        c.add(bad(2, "is not valid JSON", "report {NOTJSON} --out {DIR}/report"));
        c.add(bad(2, "refusing to present simulated numbers as measured ones", "report {LIE} --out {DIR}/report"));
        c.add(bad(2, "strategies[0].energy_per_inference_j is \"abc\", not a number", "report {ABCENERGY} --out {DIR}/report"));
        c.add(bad(2, "strategies[0].final_configuration.gpu.freq is \"fast\"", "report {BADPIN} --out {DIR}/report"));
        return c.stream();
    }

    private static Arguments bad(int exitCode, String message, String commandLine) {
        return Arguments.of(commandLine, exitCode, message);
    }

    @BeforeAll
    static void prepare() throws IOException {
        place("PHONE", tree(FixtureTrees.SNAPDRAGON, "phone"));
        place("BOARD", tree(FixtureTrees.TX2, "board"));
        Path garbage = tree(FixtureTrees.SNAPDRAGON, "garbage");
        write(garbage.resolve("sys/devices/system/cpu/cpufreq/policy7/scaling_min_freq"), "abc\n");
        place("GARBAGE", garbage);
        Path empty = Files.createDirectories(dir.resolve("empty-root/sys"));
        place("EMPTYROOT", empty.getParent());
        Path linked = tree(FixtureTrees.SNAPDRAGON, "linked");
        Files.createDirectories(linked.resolve("tmp"));
        Files.createSymbolicLink(linked.resolve("tmp/zeus-mobile"), Files.createDirectories(dir.resolve("attackers")));
        place("LINKED", linked);
        place("BUSY", withJournal(tree(FixtureTrees.SNAPDRAGON, "busy"), ProcessTable.local().self(),
                "knob cpu.policy0.freq\n/sys/devices/system/cpu/cpufreq/policy0/scaling_min_freq 300000\n"));
        place("TAMPERED", withJournal(tree(FixtureTrees.SNAPDRAGON, "tampered"), "999999999:1",
                "knob gpu.freq\n/etc/shadow 0\n"));
        place("DIR", dir);
        place("FILE", file("plain.txt", "not a directory\n"));
        place("ABC", file("abc.csv", "abc\n0.5\n1.0\n"));
        place("UNSORTED", file("unsorted.csv", "1.0\n0.5\n"));
        place("NEGATIVE", file("negative.csv", "0.5\n-1\n"));
        place("FAR", file("far.csv", "1e9\n"));
        place("EMPTY", file("empty.csv", "# nothing\n"));
        place("NOTJSON", file("broken.json", "{\"schema\": 2, \"strategies\": [\n"));
        String results = "{\"schema\": 2, \"simulated\": %s, \"device\": \"sim:snapdragon-8-gen-2\", \"model\": \"minilm\", "
                + "\"strategies\": [{\"name\": \"default\", \"energy_per_inference_j\": %s, "
                + "\"final_configuration\": {\"gpu.freq\": %s}}]}\n";
        place("LIE", file("lie.json", String.format(results, "false", "0.05", "475000000")));
        place("ABCENERGY", file("abc.json", String.format(results, "true", "\"abc\"", "475000000")));
        place("BADPIN", file("pin.json", String.format(results, "true", "0.05", "\"fast\"")));
    }

    private static Path tree(String fixture, String name) {
        Path root = FixtureTrees.copy(fixture, dir.resolve(name));
        TREES.put(root, null);
        return root;
    }

    private static Path withJournal(Path root, String owner, String knobs) throws IOException {
        Path journal = Files.createDirectories(root.resolve("zeus-mobile"));
        Files.setPosixFilePermissions(journal, PosixFilePermissions.fromString("rwx------"));
        write(journal.resolve("journal"), "zeus-mobile journal 2\nowner " + owner + "\n" + knobs);
        return root;
    }

    private static void place(String name, Path path) {
        PLACES.put("{" + name + "}", path.toString());
    }

    private static Path file(String name, String content) throws IOException {
        return write(dir.resolve(name), content);
    }

    private static Path write(Path file, String content) throws IOException {
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void isRefusedWithItsExitCodeAndAMessageNamingTheProblem(String commandLine, int exitCode, String message) {
        for (Map.Entry<Path, Map<String, String>> tree : TREES.entrySet()) {
            if (tree.getValue() == null) {
                tree.setValue(FixtureTrees.snapshot(tree.getKey()));
            }
        }
        List<String> args = new ArrayList<>();
        for (String arg : commandLine.split(" ")) {
            for (Map.Entry<String, String> place : PLACES.entrySet()) {
                arg = arg.replace(place.getKey(), place.getValue());
            }
            args.add(arg);
        }

        CliRun run = CliRun.of(args.toArray(new String[0]));

        assertThat(run.exitCode).as(run.toString()).isEqualTo(exitCode);
        assertThat(run.err).as(run.toString()).contains(message).startsWith("zeus-mobile: ");
        assertThat(run.err.trim()).as("one line in our words").doesNotContain("\n").doesNotContain("\tat ")
                .doesNotContain("Exception").doesNotContain("REDACTED").doesNotContain("enable");
        for (Map.Entry<Path, Map<String, String>> tree : TREES.entrySet()) {
            assertThat(FixtureTrees.snapshot(tree.getKey())).as("%s after: %s", tree.getKey().getFileName(), commandLine)
                    .isEqualTo(tree.getValue());
        }
        cases++;
    }

    @AfterAll
    static void count() {
        System.out.println("BadInputCatalogueTest: " + cases + " bad inputs refused, " + TREES.size()
                + " sysfs trees byte-compared after each");
    }
}
