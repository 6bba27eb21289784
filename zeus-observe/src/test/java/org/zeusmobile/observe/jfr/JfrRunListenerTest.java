package org.zeusmobile.observe.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeusmobile.core.control.RunResult;
import org.zeusmobile.observe.SimulatedRun;

class JfrRunListenerTest {

    @TempDir
    Path dir;

    private Path record() throws IOException {
        Path file = dir.resolve("run.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("org.zeusmobile.Window");
            recording.enable("org.zeusmobile.ConfigurationChange");
            recording.start();
            RunResult result = SimulatedRun.run(new JfrRunListener());
            recording.stop();
            recording.dump(file);
            assertThat(result.windows()).hasSize(countEvents(file, "org.zeusmobile.Window"));
        }
        return file;
    }

    private static int countEvents(Path file, String name) throws IOException {
        int count = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            count += event.getEventType().getName().equals(name) ? 1 : 0;
        }
        return count;
    }

    @Test
    void eachWindowAndEachConfigurationChangeIsARecordedEvent() throws IOException {
        Path file = record();
        List<RecordedEvent> changes = new ArrayList<>();
        RecordedEvent firstWindow = null;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (event.getEventType().getName().equals("org.zeusmobile.ConfigurationChange")) {
                changes.add(event);
            } else if (firstWindow == null || event.getInt("index") < firstWindow.getInt("index")) {
                firstWindow = event;
            }
        }
        assertThat(changes).hasSize(2);
        assertThat(changes.get(0).getString("from")).isEmpty();
        assertThat(changes.get(0).getString("to")).isEqualTo(SimulatedRun.FAST.toString());
        assertThat(changes.get(1).getString("from")).isEqualTo(SimulatedRun.FAST.toString());
        assertThat(changes.get(1).getString("reason")).isEqualTo("slow to save energy");
        assertThat(firstWindow.getString("strategy")).isEqualTo("switching");
        assertThat(firstWindow.getString("device")).isEqualTo("snapdragon-8-gen-2");
        assertThat(firstWindow.getInt("inferences")).isPositive();
        assertThat(firstWindow.getDouble("energyJ")).isPositive();
        assertThat(firstWindow.getDuration("latencyP95").toNanos()).isPositive();
    }

    /** What a user runs on an app's recording. */
    @Test
    void jfrPrintShowsWhatTheOptimiserDid() throws IOException, InterruptedException {
        Path file = record();
        Path jfr = Paths.get(System.getProperty("java.home"), "bin", "jfr");
        assertThat(jfr).as("the JDK's jfr tool").isExecutable();
        Process process = new ProcessBuilder(jfr.toString(), "print", "--events",
                "org.zeusmobile.Window,org.zeusmobile.ConfigurationChange", file.toString())
                .redirectErrorStream(true).start();
        String out;
        try (InputStream in = process.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor()).as(out).isZero();
        assertThat(out).contains("org.zeusmobile.ConfigurationChange {", "reason = \"slow to save energy\"",
                "org.zeusmobile.Window {", "energyJ = ", "configuration = \"" + SimulatedRun.FAST + "\"");
        assertThat(Files.size(file)).isPositive();
    }
}
