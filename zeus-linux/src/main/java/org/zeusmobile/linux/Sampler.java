package org.zeusmobile.linux;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.zeusmobile.core.Clock;

/**
 * Reads meter files. In batched mode (adb) the first read of a sample fetches every meter's files in
 * one round-trip and later reads within {@code maxAgeNs} reuse that snapshot, so a Monitor sampling all
 * meters costs one shell call; locally each meter reads only its own files.
 */
final class Sampler {

    private final SysFs fs;
    private final Clock clock;
    private final long maxAgeNs;
    private final Set<String> allFiles = new LinkedHashSet<>();
    private Map<String, String> snapshot = new HashMap<>();
    private long snapshotNs;
    private boolean fresh;

    /** @param maxAgeNs how long a batched snapshot is reused; 0 reads every file when asked */
    Sampler(SysFs fs, Clock clock, long maxAgeNs) {
        this.fs = fs;
        this.clock = clock;
        this.maxAgeNs = maxAgeNs;
    }

    static Sampler direct(SysFs fs) {
        return new Sampler(fs, null, 0);
    }

    SysFs fs() {
        return fs;
    }

    synchronized void register(List<String> files) {
        allFiles.addAll(files);
    }

    synchronized Map<String, String> read(List<String> files) {
        if (maxAgeNs <= 0) {
            return fs.readAll(files);
        }
        long now = clock.nanoTime();
        if (!fresh || now - snapshotNs > maxAgeNs || !snapshot.keySet().containsAll(files)) {
            Set<String> wanted = new LinkedHashSet<>(allFiles);
            wanted.addAll(files);
            snapshot = fs.readAll(new ArrayList<>(wanted));
            snapshotNs = clock.nanoTime(); // after the round-trip, which itself may take longer than maxAgeNs
            fresh = true;
        }
        return snapshot;
    }
}
