package org.zeusmobile.store;

/** The profile store cannot be opened, read or written; the message names the store and what to check. */
public final class ProfileStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProfileStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
