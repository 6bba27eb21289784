package org.zeusmobile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zeusmobile.store.EmbeddedPostgres;

/** optimize with --profiles jdbc:postgresql://...: two boards of one fleet on a real PostgreSQL. */
class PostgresProfilesCommandTest {

    @RegisterExtension
    static final EmbeddedPostgres POSTGRES = new EmbeddedPostgres();

    @Test
    void twoBoardsShareTheFleetsProfilesOnPostgres() throws Exception {
        String url = POSTGRES.newDatabase();
        CliRun first = CliRun.of("optimize", "--duration", "60s", "--profiles", url, "--device-id", "board-1");
        assertThat(first.exitCode).as(first.toString()).isZero();
        CliRun second = CliRun.of("optimize", "--duration", "60s", "--profiles", url, "--device-id", "board-2");
        assertThat(second.exitCode).as(second.toString()).isZero();
        assertThat(second.out).contains("measured by 1 other device(s)").contains("jdbc:postgresql://");
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT device_id, SUM(windows) FROM arm_window_sums "
                        + "GROUP BY device_id ORDER BY device_id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("board-1");
            assertThat(rs.getLong(2)).isPositive();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("board-2");
            assertThat(rs.getLong(2)).isPositive();
        }
    }
}
