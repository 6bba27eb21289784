package org.zeusmobile.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where the profile store lives, from what a user writes: a JDBC URL ({@code jdbc:sqlite:FILE},
 * {@code jdbc:postgresql://HOST/DB?user=NAME}) as it is; a file path as an SQLite file; an existing directory
 * (where earlier versions kept JSON profiles) as {@code DIR/profiles.db}, importing the JSON profiles in it.
 * The default is {@code profiles.db} in the user's Zeus Mobile directory, importing its {@code profiles/}.
 */
public final class StoreLocation {

    private final String url;
    private final Path legacyJsonDirectory;

    private StoreLocation(String url, Path legacyJsonDirectory) {
        this.url = url;
        this.legacyJsonDirectory = legacyJsonDirectory;
    }

    /** The default store in {@code zeusHome} (normally {@code ~/.zeus-mobile}). */
    public static StoreLocation defaultIn(Path zeusHome) {
        return new StoreLocation("jdbc:sqlite:" + zeusHome.resolve("profiles.db").toAbsolutePath(),
                zeusHome.resolve("profiles"));
    }

    public static StoreLocation parse(String text) {
        if (text == null || text.trim().isEmpty()) {
            throw new IllegalArgumentException("--profiles needs a file, a directory or a jdbc: URL");
        }
        if (text.startsWith("jdbc:")) {
            return new StoreLocation(text, null);
        }
        Path path = Paths.get(text).toAbsolutePath();
        if (Files.isDirectory(path)) {
            return new StoreLocation("jdbc:sqlite:" + path.resolve("profiles.db"), path);
        }
        return new StoreLocation("jdbc:sqlite:" + path, null);
    }

    public String url() {
        return url;
    }

    /** The directory whose JSON profiles are imported once, or null. */
    public Path legacyJsonDirectory() {
        return legacyJsonDirectory;
    }

    @Override
    public String toString() {
        return JdbcProfileStore.redacted(url);
    }
}
