package org.zeusmobile.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.zeusmobile.core.device.DeviceInfo;

/**
 * Which board a run is on, for the profile store (a fleet shares a device class; each board keeps its own
 * rows). A simulated board is its spec and seed; a real one is its spec on this machine, named by
 * {@code /etc/machine-id} (systemd's stable per-installation id), else by the host name.
 */
final class DeviceIds {

    private DeviceIds() {
    }

    static String of(DeviceInfo info, long seed, Path root) {
        if (info.simulated()) {
            return info.spec().contains(",seed=") ? info.spec() : info.spec() + ",seed=" + seed;
        }
        return info.spec() + "@" + machine(root);
    }

    private static String machine(Path root) {
        try {
            String id = new String(Files.readAllBytes(root.resolve("etc/machine-id")), StandardCharsets.US_ASCII).trim();
            if (id.matches("[0-9a-f]{8,}")) {
                return id.substring(0, 12);
            }
        } catch (IOException e) {
            // No machine id: the host name below.
        }
        String host = System.getenv("HOSTNAME");
        return host == null || host.isEmpty() ? "this-machine" : host;
    }
}
