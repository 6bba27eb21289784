package org.zeusmobile.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL 14 server for tests, from zonky's binaries on Maven Central (no install, no network),
 * started by the test itself on a free loopback port; start one per test class, and give each test a fresh
 * database of its own ({@link #newDatabase}). As root (builds here run as root, which PostgreSQL refuses)
 * zonky runs the server in a user namespace of its own ({@code unshare -U}).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts a server whose binaries and data live under this module's {@code target/embedded-pg}. */
    public static EmbeddedPostgresServer start() throws IOException {
        Path work = Paths.get("target", "embedded-pg").toAbsolutePath();
        Files.createDirectories(work);
        // zonky turns synchronous_commit off for speed; a fleet's store keeps PostgreSQL's durable default.
        return new EmbeddedPostgresServer(EmbeddedPostgres.builder().setOverrideWorkingDirectory(work.toFile())
                .setServerConfig("synchronous_commit", "on").setPGStartupWait(java.time.Duration.ofSeconds(60))
                .start());
    }

    /** A URL for the server's {@code postgres} database as its superuser. */
    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /** Creates an empty database and returns its JDBC URL. */
    public String newDatabase() throws SQLException {
        String name = "zeus_test_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(jdbcUrl());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return postgres.getJdbcUrl("postgres", name);
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
