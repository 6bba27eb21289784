package org.zeusmobile.linux;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * Who owns a journal: this process's identity, and whether another one still lives. Reads the host's
 * real {@code /proc} (not the device root): the owner is the JVM driving the device, which on adb is
 * the host. Android API 26 has no ProcessHandle, hence {@code /proc}.
 */
public interface ProcessTable {

    /** This process as {@code PID:STARTTIME} (start time in clock ticks since boot, so that a reused PID is not mistaken for it). */
    String self();

    /** Whether the process {@code owner} (as written by {@link #self()}) is still running. */
    boolean alive(String owner);

    /** The host's {@code /proc}. */
    static ProcessTable local() {
        return new ProcessTable() {
            @Override
            public String self() {
                try {
                    String pid = new File("/proc/self").getCanonicalFile().getName();
                    return pid + ":" + startTime(pid);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot find this process's id in /proc/self: " + e, e);
                }
            }

            @Override
            public boolean alive(String owner) {
                String[] parts = owner.split(":", 2);
                if (!parts[0].matches("\\d+")) {
                    return false;
                }
                String start = startTime(parts[0]);
                if (start == null) {
                    return false;
                }
                return parts.length < 2 || parts[1].isEmpty() || parts[1].equals("null") || parts[1].equals(start);
            }
        };
    }

    /** Field 22 of {@code /proc/PID/stat}, or null when the process does not exist. */
    static String startTime(String pid) {
        try {
            String stat = new String(Files.readAllBytes(new File("/proc/" + pid + "/stat").toPath()), StandardCharsets.UTF_8);
            // The command name (field 2) may hold spaces; it ends at the last ')'. Field 3 follows it.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            return fields.length > 19 ? fields[19] : "";
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
