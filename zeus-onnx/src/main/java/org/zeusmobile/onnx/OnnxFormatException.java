package org.zeusmobile.onnx;

/**
 * A file that is missing, truncated or not an ONNX model, or that ONNX Runtime cannot load; the message
 * names the file and the fix. Bad input, hence an IllegalArgumentException (the CLI exits 2).
 */
public class OnnxFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public OnnxFormatException(String message) {
        super(message);
    }

    public OnnxFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
