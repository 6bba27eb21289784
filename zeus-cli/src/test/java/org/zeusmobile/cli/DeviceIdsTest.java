package org.zeusmobile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeusmobile.core.device.DeviceInfo;

class DeviceIdsTest {

    @TempDir
    Path root;

    @Test
    void aSimulatedBoardIsItsSpecAndSeed() {
        DeviceInfo sim = new DeviceInfo("phone", "sim:snapdragon-8-gen-2", true, "simulated phone", "sim:phone:1");
        assertThat(DeviceIds.of(sim, 7, root)).isEqualTo("sim:snapdragon-8-gen-2,seed=7");
        DeviceInfo seeded = new DeviceInfo("phone", "sim:snapdragon-8-gen-2,seed=3", true, "simulated", "sim:phone:1");
        assertThat(DeviceIds.of(seeded, 7, root)).isEqualTo("sim:snapdragon-8-gen-2,seed=3");
    }

    @Test
    void aRealBoardIsItsSpecOnThisMachine() throws IOException {
        Files.createDirectories(root.resolve("etc"));
        Files.write(root.resolve("etc/machine-id"), "4f1c2a9be07d4e3c9a1b2c3d4e5f6a7b\n".getBytes(StandardCharsets.US_ASCII));
        DeviceInfo board = new DeviceInfo("orin", "linux", false, "Jetson Orin Nano", "linux:orin:ab12");
        assertThat(DeviceIds.of(board, 1, root)).isEqualTo("linux@4f1c2a9be07d");
    }
}
