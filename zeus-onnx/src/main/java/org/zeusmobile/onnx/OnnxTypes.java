package org.zeusmobile.onnx;

/** ONNX's tensor element types (TensorProto.DataType in onnx/onnx.proto): their names and sizes. */
final class OnnxTypes {

    static final int FLOAT = 1;
    static final int INT32 = 6;
    static final int INT64 = 7;
    static final int FLOAT16 = 10;
    static final int DOUBLE = 11;
    static final int BFLOAT16 = 16;

    private static final String[] NAMES = {"undefined", "float", "uint8", "int8", "uint16", "int16", "int32", "int64",
        "string", "bool", "float16", "double", "uint32", "uint64", "complex64", "complex128", "bfloat16",
        "float8e4m3fn", "float8e4m3fnuz", "float8e5m2", "float8e5m2fnuz"};
    /** Bytes per element, by type number; 0 for strings and undefined. */
    private static final int[] BYTES = {0, 4, 1, 1, 2, 2, 4, 8, 0, 1, 2, 8, 4, 8, 8, 16, 2, 1, 1, 1, 1};

    private OnnxTypes() {
    }

    /** Bytes per element of a type number; 0 for strings and unknown types. */
    static int elementBytes(int type) {
        return type >= 0 && type < BYTES.length ? BYTES[type] : 0;
    }

    /** ONNX's name of a type number, e.g. {@code float}, {@code int64}. */
    static String name(int type) {
        return type >= 0 && type < NAMES.length ? NAMES[type] : "type" + type;
    }

    static boolean isInteger(int type) {
        return type == INT32 || type == INT64;
    }

    static boolean isReal(int type) {
        return type == FLOAT || type == FLOAT16 || type == DOUBLE || type == BFLOAT16;
    }
}
