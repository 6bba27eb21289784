package org.zeusmobile.core.workload;

import java.util.Locale;

/** The kind of work an operator does, which decides its peak throughput on a processor. */
public enum OperatorClass {
    MATMUL_CONV,
    ELEMENTWISE,
    NORMALIZATION,
    SOFTMAX,
    GATHER,
    DATA_MOVEMENT;

    /** The lower-case name used in JSON and profiles, e.g. {@code matmul_conv}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OperatorClass fromId(String id) {
        for (OperatorClass value : values()) {
            if (value.id().equals(id)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown operator class '" + id
                + "'; known: matmul_conv, elementwise, normalization, softmax, gather, data_movement");
    }
}
