package org.zeusmobile.onnx;

/** A file that is missing, truncated or not an ONNX model; the message names the file and the fix. */
public class OnnxFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OnnxFormatException(String message) {
        super(message);
    }

    public OnnxFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
