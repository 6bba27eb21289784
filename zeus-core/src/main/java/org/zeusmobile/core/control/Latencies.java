package org.zeusmobile.core.control;

import java.util.Arrays;

/** A growable list of request latencies in ns with percentiles. Not thread-safe. */
public final class Latencies {

    private long[] values = new long[1024];
    private int size;
    private boolean sorted = true;

    public void add(long latencyNs) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        if (size > 0 && latencyNs < values[size - 1]) {
            sorted = false;
        }
        values[size++] = latencyNs;
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
        if (!sorted) {
            Arrays.sort(values, 0, size);
            sorted = true;
        }
        int rank = (int) Math.ceil(q * size) - 1;
        return values[Math.max(0, Math.min(size - 1, rank))] / 1e9;
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

    public void clear() {
        size = 0;
        sorted = true;
    }
}
