package org.zeusmobile.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store on a real PostgreSQL (embedded, started once for the class). */
class PostgresProfileStoreTest extends ProfileStoreContract {

    @RegisterExtension
    static final EmbeddedPostgres POSTGRES = new EmbeddedPostgres();

    @Override
    String newStoreUrl() throws Exception {
        return POSTGRES.newDatabase();
    }

    @Test
    void aServerThatCannotBeReachedFailsWhenOpenedWithoutShowingThePassword() {
        // A port nothing listens on: the embedded server's, plus one, is refused on loopback.
        String url = POSTGRES.jdbcUrl().replaceFirst(":(\\d+)/", ":1/") + "&password=hunter2";
        assertThatThrownBy(() -> open(url)).isInstanceOf(ProfileStoreException.class)
                .hasMessageContaining("password=***").hasMessageNotContaining("hunter2");
        assertThat(JdbcProfileStore.redacted("jdbc:postgresql://zeus:hunter2@db/fleet"))
                .isEqualTo("jdbc:postgresql://zeus:***@db/fleet");
    }
}
