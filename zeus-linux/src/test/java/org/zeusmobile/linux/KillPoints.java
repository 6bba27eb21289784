package org.zeusmobile.linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * TEST DOUBLE: numbers every call that changes the filesystem (a knob write, a journal write, a directory
 * made or removed, a delete), appends it to a log, and kills this very process with SIGKILL just before
 * call {@code killAt} (0: never). A real SIGKILL, so no finally block, shutdown hook or buffered write runs.
 */
final class KillPoints extends ForwardingSysFs {

    private final Path log;
    private final int killAt;
    private int calls;

    KillPoints(SysFs fs, Path log, int killAt) {
        super(fs);
        this.log = log;
        this.killAt = killAt;
    }

    private synchronized void point(String what) {
        calls++;
        if (calls == killAt) {
            append("KILL before " + calls + " " + what);
            try {
                String pid = ProcessTable.local().self().split(":")[0];
                new ProcessBuilder("kill", "-KILL", pid).inheritIO().start().waitFor();
                Thread.sleep(60_000); // the signal arrives while this sleeps
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("could not SIGKILL this process at point " + calls, e);
            }
        }
        append(calls + " " + what);
    }

    private void append(String line) {
        try {
            Files.write(log, (line + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void write(String path, String value) {
        point("write " + path + " " + value);
        fs.write(path, value);
    }

    @Override
    public boolean makePrivateDirectory(String dir) {
        point("mkdir " + dir);
        return fs.makePrivateDirectory(dir);
    }

    @Override
    public void writeAtomic(String path, String content) {
        point("journal " + path);
        fs.writeAtomic(path, content);
    }

    @Override
    public void delete(String path) {
        point("delete " + path);
        fs.delete(path);
    }

    @Override
    public boolean removeEmptyDirectory(String dir) {
        point("rmdir " + dir);
        return fs.removeEmptyDirectory(dir);
    }
}
