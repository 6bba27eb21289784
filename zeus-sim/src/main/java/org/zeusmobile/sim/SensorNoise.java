package org.zeusmobile.sim;

/**
 * Deterministic standard normal numbers for (seed, meter, update index), from a counter-based hash
 * (SplitMix64's finaliser, Box-Muller): sensors read the same values whoever polls them and how often.
 */
final class SensorNoise {

    private SensorNoise() {
    }

    static double gaussian(long seed, int meter, long update) {
        long h1 = mix(seed * 0x9E3779B97F4A7C15L + meter * 0xC2B2AE3D27D4EB4FL + update);
        long h2 = mix(h1 ^ 0x94D049BB133111EBL);
        double u1 = ((h1 >>> 11) + 1.0) / (double) (1L << 53);
        double u2 = (h2 >>> 11) / (double) (1L << 53);
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
