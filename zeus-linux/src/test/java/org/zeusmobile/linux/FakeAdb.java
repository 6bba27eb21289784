package org.zeusmobile.linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A fake {@code adb} executable serving a fixture copy (see src/test/resources/fake-adb/adb). */
final class FakeAdb {

    static final String SERIAL = "FAKE0001";

    final Path root;
    final Path executable;

    private FakeAdb(Path root, Path executable) {
        this.root = root;
        this.executable = executable;
    }

    static FakeAdb serve(Path root) {
        try {
            String template = new String(Files.readAllBytes(FixtureTrees.source("../fake-adb").resolve("adb")), StandardCharsets.UTF_8);
            Path executable = root.resolveSibling(root.getFileName() + "-adb");
            Files.write(executable, template.replace("@ROOT@", root.toString()).replace("@SERIAL@", SERIAL)
                    .getBytes(StandardCharsets.UTF_8));
            executable.toFile().setExecutable(true);
            return new FakeAdb(root, executable);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    AdbSysFs connect(long timeoutNs) {
        return AdbSysFs.connect(executable.toString(), SERIAL, timeoutNs, AdbSysFs.Su.NEVER);
    }

    private Path marker(String name) {
        return root.resolveSibling(root.getFileName() + "." + name);
    }

    void set(String marker, boolean on) {
        try {
            if (on) {
                Files.write(marker(marker), new byte[0]);
            } else {
                Files.deleteIfExists(marker(marker));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The adb invocations so far, one per line. */
    List<String> calls() {
        try {
            return Files.exists(marker("adb-log")) ? Files.readAllLines(marker("adb-log"), StandardCharsets.UTF_8) : new ArrayList<String>();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void clearCalls() {
        set("adb-log", false);
    }
}
