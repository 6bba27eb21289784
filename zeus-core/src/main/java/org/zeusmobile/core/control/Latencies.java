package org.zeusmobile.core.control;

import java.util.Arrays;

/**
 * A growable list of request latencies in ns, kept in the order they were added, with percentiles (computed on a
 * sorted copy, so that the order survives). Not thread-safe.
 */
public final class Latencies {

    private long[] values = new long[1024];
    private int size;
    private long[] sorted;

    /** The given latencies in ns, in their order. */
    public static Latencies of(long[] latenciesNs) {
        Latencies latencies = new Latencies();
        for (long ns : latenciesNs) {
            latencies.add(ns);
        }
        return latencies;
    }

    public void add(long latencyNs) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = latencyNs;
        sorted = null;
    }

    /** The latencies from {@code from} (inclusive) to {@code to} (exclusive), in the order they were added. */
    public Latencies range(int from, int to) {
        if (from < 0 || to > size || from > to) {
            throw new IndexOutOfBoundsException("latencies " + from + ".." + to + " of " + size);
        }
        Latencies slice = new Latencies();
        slice.values = Arrays.copyOfRange(values, from, Math.max(to, from + 1));
        slice.size = to - from;
        return slice;
    }

    /** Adds every latency of {@code other}, in its order. */
    public void addAll(Latencies other) {
        for (int i = 0; i < other.size; i++) {
            add(other.values[i]);
        }
    }

    public int size() {
        return size;
    }

    public long get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("latency " + index + " of " + size);
        }
        return values[index];
    }

    /** The {@code q}-quantile (q in [0, 1], nearest rank) in s; NaN when empty. */
    public double quantileS(double q) {
        if (size == 0) {
            return Double.NaN;
        }
        if (sorted == null) {
            sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
        }
        int rank = (int) Math.ceil(q * size) - 1;
        return sorted[Math.max(0, Math.min(size - 1, rank))] / 1e9;
    }

    /** The fraction of latencies above {@code limitS}. */
    public double fractionAboveS(double limitS) {
        if (size == 0) {
            return 0;
        }
        long limitNs = limitNs(limitS);
        int above = 0;
        for (int i = 0; i < size; i++) {
            if (values[i] > limitNs) {
                above++;
            }
        }
        return above / (double) size;
    }

    /** A latency limit in s as whole ns: a request is above it when its latency in ns is greater. */
    public static long limitNs(double limitS) {
        return (long) Math.floor(limitS * 1e9);
    }

    /** The latencies in ns (a copy, in no particular order). */
    public long[] toArrayNs() {
        return Arrays.copyOf(values, size);
    }

    public void clear() {
        size = 0;
        sorted = null;
    }
}
