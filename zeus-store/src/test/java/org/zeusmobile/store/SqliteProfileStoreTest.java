package org.zeusmobile.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SqliteProfileStoreTest extends ProfileStoreContract {

    private int stores;

    @Override
    String newStoreUrl() {
        return "jdbc:sqlite:" + dir.resolve("store-" + (++stores)).resolve("profiles.db");
    }

    @Test
    void theFileAndItsDirectoryAreCreated() {
        Path file = dir.resolve("new/dir/profiles.db");
        try (JdbcProfileStore store = open("jdbc:sqlite:" + file)) {
            assertThat(store.describe()).isEqualTo("jdbc:sqlite:" + file);
        }
        assertThat(file).isRegularFile();
    }

    @Test
    void aStoreThatCannotBeWrittenFailsWhenOpenedNamingIt() throws Exception {
        Path notADirectory = Files.write(dir.resolve("plain-file"), new byte[] {1});
        assertThatThrownBy(() -> open("jdbc:sqlite:" + notADirectory.resolve("profiles.db")))
                .isInstanceOf(ProfileStoreException.class).hasMessageContaining(notADirectory.toString())
                .hasMessageContaining("--profiles");
    }

    @Test
    void anUnknownUrlIsRefusedWithTheFormsItTakes() {
        assertThatThrownBy(() -> open("jdbc:mysql://db/profiles?user=zeus&password=secret"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbc:postgresql://")
                .hasMessageContaining("password=***").hasMessageNotContaining("secret");
    }
}
