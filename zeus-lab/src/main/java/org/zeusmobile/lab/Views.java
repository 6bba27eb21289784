package org.zeusmobile.lab;

/** JSON views of the results model: what {@code compare --json} prints, and the fuller document the report reads. */
public final class Views {

    private Views() {
    }

    /** The compare schema. */
    public interface Compare {
    }

    /** The compare schema plus what the report draws (descriptions, profile, timelines): results.json. */
    public interface Report extends Compare {
    }
}
