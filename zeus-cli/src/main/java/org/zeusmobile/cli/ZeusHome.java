package org.zeusmobile.cli;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The user's Zeus Mobile directory: {@code $ZEUS_MOBILE_HOME}, else {@code ~/.zeus-mobile}. The default profile
 * store lives there; tests point the variable at their build directory, so they never touch the real home.
 */
final class ZeusHome {

    static final String VARIABLE = "ZEUS_MOBILE_HOME";

    private ZeusHome() {
    }

    static Path path() {
        String set = System.getenv(VARIABLE);
        if (set != null && !set.trim().isEmpty()) {
            return Paths.get(set).toAbsolutePath();
        }
        return Paths.get(System.getProperty("user.home"), ".zeus-mobile");
    }
}
