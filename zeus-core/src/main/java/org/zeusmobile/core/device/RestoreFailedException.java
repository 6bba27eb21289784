package org.zeusmobile.core.device;

/**
 * Some knobs could not be put back: the device is left changed. The message names them and how to finish
 * the restore (the journal keeps their originals). The CLI exits with code 4 for it.
 */
public class RestoreFailedException extends DeviceException {

    private static final long serialVersionUID = 1L;

    public RestoreFailedException(String message) {
        super(message);
    }
}
