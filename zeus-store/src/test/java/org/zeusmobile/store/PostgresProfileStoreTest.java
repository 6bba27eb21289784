package org.zeusmobile.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store on a real PostgreSQL (embedded, started once for the class). */
class PostgresProfileStoreTest extends ProfileStoreContract {

    private static EmbeddedPostgresServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = EmbeddedPostgresServer.start();
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
    }

    @Override
    String newStoreUrl() throws Exception {
        return server.newDatabase();
    }

    @Test
    void aServerThatCannotBeReachedFailsWhenOpenedWithoutShowingThePassword() {
        // A port nothing listens on: the embedded server's, plus one, is refused on loopback.
        String url = server.jdbcUrl().replaceFirst(":(\\d+)/", ":1/") + "&password=hunter2";
        assertThatThrownBy(() -> open(url)).isInstanceOf(ProfileStoreException.class)
                .hasMessageContaining("password=***").hasMessageNotContaining("hunter2");
        assertThat(JdbcProfileStore.redacted("jdbc:postgresql://zeus:hunter2@db/fleet"))
                .isEqualTo("jdbc:postgresql://zeus:***@db/fleet");
    }
}
