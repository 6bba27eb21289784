package org.zeusmobile.store;

import java.sql.SQLException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real PostgreSQL for a test class: {@code @RegisterExtension static final EmbeddedPostgres POSTGRES = new
 * EmbeddedPostgres();} starts it before the class's first test and stops it after its last.
 */
public final class EmbeddedPostgres implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedPostgresServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = EmbeddedPostgresServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        server.close();
    }

    /** A JDBC URL to a new, empty database of its own on the server. */
    public String newDatabase() throws SQLException {
        return server.newDatabase();
    }

    /** The server's own database, as a JDBC URL with its user. */
    public String jdbcUrl() {
        return server.jdbcUrl();
    }
}
