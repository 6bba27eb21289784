package org.zeusmobile.sim;

/**
 * A device profile file is invalid. The message names the file, the field (as a JSON path such
 * as {@code processors[1].opps.points[3]}) and what to change.
 */
public final class ProfileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final String field;

    public ProfileException(String file, String field, String problem) {
        super(file + ": field " + field + ": " + problem);
        this.file = file;
        this.field = field;
    }

    public ProfileException(String file, String field, String problem, Throwable cause) {
        super(file + ": field " + field + ": " + problem, cause);
        this.file = file;
        this.field = field;
    }

    /** The file (or built-in resource) the profile came from. */
    public String file() {
        return file;
    }

    /** The JSON path of the offending field. */
    public String field() {
        return field;
    }
}
