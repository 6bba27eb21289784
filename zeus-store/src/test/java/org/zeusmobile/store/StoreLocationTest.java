package org.zeusmobile.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreLocationTest {

    @TempDir
    Path dir;

    @Test
    void aJdbcUrlIsTakenAsItIsAndShownWithoutItsPassword() {
        StoreLocation location = StoreLocation.parse("jdbc:postgresql://db:5432/fleet?user=zeus&password=hunter2");
        assertThat(location.url()).endsWith("password=hunter2");
        assertThat(location.toString()).isEqualTo("jdbc:postgresql://db:5432/fleet?user=zeus&password=***");
        assertThat(location.legacyJsonDirectory()).isNull();
    }

    @Test
    void aFileIsAnSqliteStoreAndADirectoryHoldsOneAndItsJsonProfiles() throws IOException {
        Path file = dir.resolve("fleet.db");
        assertThat(StoreLocation.parse(file.toString()).url()).isEqualTo("jdbc:sqlite:" + file);
        Path legacy = Files.createDirectories(dir.resolve("profiles"));
        StoreLocation inDirectory = StoreLocation.parse(legacy.toString());
        assertThat(inDirectory.url()).isEqualTo("jdbc:sqlite:" + legacy.resolve("profiles.db"));
        assertThat(inDirectory.legacyJsonDirectory()).isEqualTo(legacy);
    }

    @Test
    void theDefaultLivesInTheZeusHomeBesideTheOldJsonDirectory() {
        StoreLocation location = StoreLocation.defaultIn(dir);
        assertThat(location.url()).isEqualTo("jdbc:sqlite:" + dir.resolve("profiles.db"));
        assertThat(location.legacyJsonDirectory()).isEqualTo(dir.resolve("profiles"));
    }

    @Test
    void nothingIsNoStore() {
        assertThatThrownBy(() -> StoreLocation.parse(" ")).hasMessageContaining("jdbc:");
    }
}
