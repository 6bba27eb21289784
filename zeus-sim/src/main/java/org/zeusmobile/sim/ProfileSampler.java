package org.zeusmobile.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Draws profiles for a sensitivity run: every estimated constant (a quantity with a {@code "range"}, an OPP
 * voltage with {@code [min, max]}) is replaced by a uniform draw inside its range, seeded; everything with a
 * source stays. The voltages of one OPP table share one draw (the spread is the chip's bin and corner, common to
 * all its points), so V(f) still rises. The drawn profile goes through the loader like any file.
 */
public final class ProfileSampler {

    private ProfileSampler() {
    }

    /** The profile {@code base} with every estimated constant drawn inside its range; the same seed, the same profile. */
    public static SocProfile draw(SocProfile base, long seed) {
        JsonNode root;
        try {
            root = ProfileLoader.JSON.readTree(base.json());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("profile " + base.name + " no longer parses", e);
        }
        SplittableRandom random = new SplittableRandom(seed);
        drawIn(root, random);
        ObjectNode top = (ObjectNode) root;
        top.put("description", base.description + " (estimated constants drawn from their ranges, seed " + seed + ")");
        try {
            return ProfileLoader.parse(ProfileLoader.JSON.writeValueAsString(root), base.name + " (draw " + seed + ")");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the drawn profile", e);
        }
    }

    private static void drawIn(JsonNode node, SplittableRandom random) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode range = object.get("range");
            if (range != null && range.isArray() && range.size() == 2 && object.has("value")) {
                double min = range.get(0).doubleValue();
                double max = range.get(1).doubleValue();
                object.put("value", min + random.nextDouble() * (max - min));
            }
            JsonNode points = object.get("points");
            if (object.has("voltageUnit") && points != null && points.isArray() && points.size() > 0
                    && points.get(0).size() == 4) {
                double u = random.nextDouble();
                for (JsonNode row : points) {
                    double min = row.get(2).doubleValue();
                    double max = row.get(3).doubleValue();
                    ((ArrayNode) row).set(1, ProfileLoader.JSON.getNodeFactory().numberNode(min + u * (max - min)));
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext();) {
                drawIn(fields.next().getValue(), random);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                drawIn(element, random);
            }
        }
    }
}
