package org.zeusmobile.core.device;

/**
 * The device, as found, cannot be used safely: a kernel file holds something that is not a value, a write
 * needs root, a journal cannot be trusted, another run drives the device. Nothing was changed because of it;
 * the message names the file or the state and what to do. The CLI exits with code 3 for it.
 */
public class UnusableDeviceException extends DeviceException {

    private static final long serialVersionUID = 1L;

    public UnusableDeviceException(String message) {
        super(message);
    }

    public UnusableDeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}
