package org.zeusmobile.core.device;

/**
 * A device could not be read or written: a sensor vanished, a write was refused, a transport broke.
 * The message says what happened and what to do next.
 */
public class DeviceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DeviceException(String message) {
        super(message);
    }

    public DeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}
