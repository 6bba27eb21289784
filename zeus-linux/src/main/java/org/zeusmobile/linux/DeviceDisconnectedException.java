package org.zeusmobile.linux;

import org.zeusmobile.core.device.DeviceException;

/** The transport to the device broke (adb device unplugged, offline or unauthorised, or a call timed out). */
public final class DeviceDisconnectedException extends DeviceException {

    private static final long serialVersionUID = 1L;

    public DeviceDisconnectedException(String message) {
        super(message);
    }
}
