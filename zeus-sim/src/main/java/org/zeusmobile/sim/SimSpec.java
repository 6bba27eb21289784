package org.zeusmobile.sim;

import java.nio.file.Paths;

/**
 * A parsed simulator spec: {@code sim:NAME} or {@code sim:file=PATH}, optionally followed by {@code ,seed=N}
 * (the sensor noise's seed) and {@code ,draw=N} (every estimated constant drawn inside its range by
 * {@link ProfileSampler}); or {@code sim:random,seed=N}, a plausible SoC drawn from N ({@link RandomSoc}), whose
 * sensor noise keeps the caller's seed so that several runs of one drawn SoC meet different noise.
 */
final class SimSpec {

    private final SocProfile profile;
    private final long seed;

    private SimSpec(SocProfile profile, long seed) {
        this.profile = profile;
        this.seed = seed;
    }

    SocProfile profile() {
        return profile;
    }

    long seed() {
        return seed;
    }

    /** Parses {@code spec} and loads its profile; {@code defaultSeed} applies when the spec names none. */
    static SimSpec parse(String spec, long defaultSeed) {
        if (spec == null || !spec.startsWith("sim:")) {
            throw new IllegalArgumentException("'" + spec + "' is not a simulator spec; use sim:NAME (built-ins: "
                    + String.join(", ", ProfileLoader.BUILT_IN) + "), sim:file=PATH, optionally with ,seed=N and "
                    + ",draw=N, or sim:random,seed=N");
        }
        String rest = spec.substring(4);
        if (rest.equals("random")) {
            throw new IllegalArgumentException("'" + spec + "' needs the seed that draws the SoC, e.g. sim:random,seed=7");
        }
        long seed = defaultSeed;
        Long draw = null;
        for (boolean more = true; more;) {
            more = false;
            int comma = Math.max(rest.lastIndexOf(",seed="), rest.lastIndexOf(",draw="));
            if (comma >= 0) {
                long value = number(rest.substring(comma + 6), rest.substring(comma + 1, comma + 5), spec);
                if (rest.startsWith(",seed=", comma)) {
                    seed = value;
                } else {
                    draw = value;
                }
                rest = rest.substring(0, comma);
                more = true;
            }
        }
        SocProfile profile;
        if (rest.equals("random")) {
            return new SimSpec(RandomSoc.generate(seed).profile(), defaultSeed);
        } else if (rest.startsWith("file=")) {
            String path = rest.substring(5);
            if (path.isEmpty()) {
                throw new IllegalArgumentException("'" + spec + "' names no file; use sim:file=PATH/TO/profile.json");
            }
            profile = ProfileLoader.load(Paths.get(path));
        } else {
            profile = ProfileLoader.loadBuiltIn(rest);
        }
        return new SimSpec(draw == null ? profile : ProfileSampler.draw(profile, draw), seed);
    }

    private static long number(String text, String what, String spec) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + text + "' in '" + spec + "' is not an integer; e.g. "
                    + "sim:snapdragon-8-gen-2,seed=42,draw=7");
        }
    }
}
