package org.zeusmobile.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class EmbeddedPostgresServerTest {

    @Test
    void startsARealPostgresAndGivesEachCallerItsOwnDatabase() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start()) {
            String first = server.newDatabase();
            String second = server.newDatabase();
            assertThat(first).isNotEqualTo(second);
            try (Connection connection = DriverManager.getConnection(first);
                    Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT current_database(), version()")) {
                assertThat(rs.next()).isTrue();
                assertThat(first).contains(rs.getString(1));
                assertThat(rs.getString(2)).startsWith("PostgreSQL 14.");
            }
        }
    }
}
