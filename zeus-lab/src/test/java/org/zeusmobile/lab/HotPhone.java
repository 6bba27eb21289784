package org.zeusmobile.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.zeusmobile.sim.SimulatedDevice;

/**
 * A phone hotter than the built-ins, for tests: the Snapdragon 8 Gen 2 profile with every trip point
 * {@code tripDropK} lower and {@code leakageFactor} times the leakage (a thicker case, a worse bin, a warm
 * pocket). Written next to the test and opened with {@code sim:file=}.
 */
final class HotPhone {

    private HotPhone() {
    }

    static String spec(Path dir, double tripDropK, double leakageFactor) {
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = SimulatedDevice.class.getResourceAsStream("/profiles/snapdragon-8-gen-2.json")) {
            ObjectNode profile = (ObjectNode) json.readTree(in);
            profile.put("name", "hot-phone");
            for (JsonNode trip : profile.path("thermal").path("trips")) {
                ObjectNode temperature = (ObjectNode) trip.path("temperature");
                temperature.put("value", temperature.path("value").asDouble() - tripDropK);
            }
            for (JsonNode processor : profile.path("processors")) {
                ObjectNode power = (ObjectNode) processor.path("leakage").path("power");
                power.put("value", power.path("value").asDouble() * leakageFactor);
            }
            Path file = dir.resolve("hot-phone.json");
            json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), profile);
            return "sim:file=" + file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
