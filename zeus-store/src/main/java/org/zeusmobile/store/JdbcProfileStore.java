package org.zeusmobile.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.strategy.Observation;
import org.zeusmobile.core.strategy.Prediction;
import org.zeusmobile.core.strategy.Traffic;

/**
 * The profile store on a database: SQLite on one machine ({@code jdbc:sqlite:FILE}), PostgreSQL for a fleet
 * ({@code jdbc:postgresql://HOST/DB?user=...}). Opening it brings the schema up to date (Flyway migrations in
 * {@code db/zeus-store}), so a store that cannot be written fails then, before any run. Every device keeps its
 * own rows ({@link #recordWindows}, {@link #savePredictions}); {@link #load} pools them into what one device
 * starts from ({@link FleetPrior}).
 *
 * <p>Many writers at once are safe: each write is one transaction of upserts that add to the stored sums in
 * the database ({@code windows = windows + 1}), so no update is lost; rows are written in one order, so two
 * writers never wait on each other in a cycle. On SQLite, writers queue on the file (WAL journal; a write
 * transaction's first statement is a write, so it waits up to {@link #SQLITE_BUSY_TIMEOUT_MS} for the lock
 * rather than failing on an upgrade from a read). One instance is one connection; its methods
 * are synchronized.
 */
public final class JdbcProfileStore implements AutoCloseable {

    /** How long an SQLite writer waits for another to finish before it gives up. */
    static final int SQLITE_BUSY_TIMEOUT_MS = 30_000;
    private static final String MIGRATIONS = "classpath:db/zeus-store";
    private static final String KEY = "device_class = ? AND model_hash = ? AND trace = ? AND input_size = ?";
    /**
     * Libraries do not print: without an SLF4J binding Flyway logs through java.util.logging, whose default
     * handler prints each migration step on stderr. Only its warnings pass (held here so the level stays).
     */
    private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");

    static {
        FLYWAY_LOG.setLevel(Level.WARNING);
    }

    private final String description;
    private final Connection connection;
    private final Clock clock;

    private JdbcProfileStore(String description, Connection connection, Clock clock) {
        this.description = description;
        this.connection = connection;
        this.clock = clock;
    }

    /** Opens (creating where needed) and migrates the store at {@code url}. */
    public static JdbcProfileStore open(String url) {
        return open(url, Clock.systemUTC());
    }

    public static JdbcProfileStore open(String url, Clock clock) {
        String shown = redacted(url);
        Properties properties = new Properties();
        if (url.startsWith("jdbc:sqlite:")) {
            createParentDirectory(url.substring("jdbc:sqlite:".length()), shown);
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
            properties = config.toProperties();
        } else if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("profile store '" + shown + "' is neither jdbc:sqlite:FILE nor "
                    + "jdbc:postgresql://HOST[:PORT]/DATABASE?user=NAME (nor a file path)");
        }
        try {
            migrate(url, properties);
        } catch (FlywayException e) {
            throw new ProfileStoreException("cannot set up the profile store " + shown + ": " + rootMessage(e)
                    + "; check that it can be reached and written (or pass --profiles elsewhere)", e);
        }
        try {
            Connection connection = DriverManager.getConnection(url, properties);
            connection.setAutoCommit(false);
            return new JdbcProfileStore(shown, connection, clock);
        } catch (SQLException e) {
            throw new ProfileStoreException("cannot open the profile store " + shown + ": " + e.getMessage(), e);
        }
    }

    /**
     * Brings the schema up to date. Stores opened at once in one JVM migrate one after another; across
     * processes, PostgreSQL's migration lock and SQLite's busy timeout order them.
     */
    private static void migrate(String url, Properties properties) {
        synchronized (JdbcProfileStore.class) {
            FluentConfiguration flyway = Flyway.configure(JdbcProfileStore.class.getClassLoader()).locations(MIGRATIONS);
            if (url.startsWith("jdbc:sqlite:")) {
                SQLiteDataSource source = new SQLiteDataSource(new SQLiteConfig(properties));
                source.setUrl(url);
                flyway.dataSource(source);
            } else {
                flyway.dataSource(url, null, null);
            }
            flyway.load().migrate();
        }
    }

    private static void createParentDirectory(String file, String shown) {
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
            return;
        }
        Path parent = java.nio.file.Paths.get(file).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new ProfileStoreException("cannot create the directory of the profile store " + shown + ": "
                    + e.getMessage() + "; pass --profiles a writable file or a jdbc: URL", e);
        }
    }

    /** {@code url} with any password blanked, for messages. */
    static String redacted(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^/@:]+):[^/@]*@", "//$1:***@");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    /** The store's URL, any password blanked. */
    public String describe() {
        return description;
    }

    /** Records that {@code deviceId} (one board of {@code deviceClass}) uses the store, now. */
    public synchronized void registerDevice(String deviceId, String deviceClass, String description) {
        long now = clock.millis();
        write("register device " + deviceId, () -> {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO device (device_id, "
                    + "device_class, description, first_seen_ms, last_seen_ms) VALUES (?, ?, ?, ?, ?) "
                    + "ON CONFLICT (device_id) DO UPDATE SET device_class = excluded.device_class, "
                    + "description = excluded.description, last_seen_ms = excluded.last_seen_ms")) {
                upsert.setString(1, ProfileKey.require(deviceId, "device id"));
                upsert.setString(2, ProfileKey.require(deviceClass, "device class"));
                upsert.setString(3, description);
                upsert.setLong(4, now);
                upsert.setLong(5, now);
                upsert.executeUpdate();
            }
        });
    }

    /**
     * Adds measurement windows of {@code deviceId} to its arms' sums, in one transaction. Windows at the
     * governed configuration (nothing pinned) have no place in a profile and are skipped.
     */
    public synchronized void recordWindows(ProfileKey key, String deviceId, List<Observation> windows) {
        Map<String, ArmSums> byConfiguration = new TreeMap<>(); // one lock order for every writer
        for (Observation window : windows) {
            if (window.configuration().isGoverned()) {
                continue;
            }
            String text = ConfigurationText.format(window.configuration());
            ArmSums sums = byConfiguration.get(text);
            if (sums == null) {
                byConfiguration.put(text, ArmSums.of(deviceId, window));
            } else {
                sums.add(window);
            }
        }
        if (byConfiguration.isEmpty()) {
            return;
        }
        long now = clock.millis();
        write("record " + windows.size() + " window(s) of " + deviceId, () -> {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO arm_window_sums "
                    + "(device_class, model_hash, trace, input_size, device_id, configuration, traffic, windows, "
                    + "inferences, energy_per_inference_j_sum, energy_per_inference_j_sq_sum, time_per_inference_s_sum, "
                    + "latency_p95_s_sum, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (device_class, model_hash, trace, input_size, device_id, configuration) "
                    + "DO UPDATE SET traffic = excluded.traffic, windows = arm_window_sums.windows + excluded.windows, "
                    + "inferences = arm_window_sums.inferences + excluded.inferences, "
                    + "energy_per_inference_j_sum = arm_window_sums.energy_per_inference_j_sum "
                    + "+ excluded.energy_per_inference_j_sum, "
                    + "energy_per_inference_j_sq_sum = arm_window_sums.energy_per_inference_j_sq_sum "
                    + "+ excluded.energy_per_inference_j_sq_sum, "
                    + "time_per_inference_s_sum = arm_window_sums.time_per_inference_s_sum "
                    + "+ excluded.time_per_inference_s_sum, "
                    + "latency_p95_s_sum = arm_window_sums.latency_p95_s_sum + excluded.latency_p95_s_sum, "
                    + "updated_ms = excluded.updated_ms")) {
                for (Map.Entry<String, ArmSums> arm : byConfiguration.entrySet()) {
                    ArmSums s = arm.getValue();
                    int i = setKey(upsert, key, deviceId);
                    upsert.setString(i++, arm.getKey());
                    upsert.setString(i++, s.traffic.id());
                    upsert.setLong(i++, s.windows);
                    upsert.setLong(i++, s.inferences);
                    upsert.setDouble(i++, s.energyJSum);
                    upsert.setDouble(i++, s.energyJSquaredSum);
                    upsert.setDouble(i++, s.timeSSum);
                    upsert.setDouble(i++, s.latencyP95SSum);
                    upsert.setLong(i, now);
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
        });
    }

    /**
     * Stores {@code deviceId}'s model of each configuration (a BO warm start's predictions), replacing its
     * earlier model of the same configurations. {@code samples}: the measurements behind the model.
     */
    public synchronized void savePredictions(ProfileKey key, String deviceId, Map<Configuration, Prediction> model,
            String source, int samples) {
        Map<String, Prediction> sorted = new TreeMap<>();
        for (Map.Entry<Configuration, Prediction> entry : model.entrySet()) {
            if (!entry.getKey().isGoverned()) {
                sorted.put(ConfigurationText.format(entry.getKey()), entry.getValue());
            }
        }
        long now = clock.millis();
        write("save " + sorted.size() + " predictions of " + deviceId, () -> {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO prediction (device_class, "
                    + "model_hash, trace, input_size, device_id, configuration, traffic, energy_per_inference_j, "
                    + "time_per_inference_s, latency_p95_s, samples, source, updated_ms) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (device_class, model_hash, trace, input_size, device_id, configuration) "
                    + "DO UPDATE SET traffic = excluded.traffic, energy_per_inference_j = excluded.energy_per_inference_j, "
                    + "time_per_inference_s = excluded.time_per_inference_s, latency_p95_s = excluded.latency_p95_s, "
                    + "samples = excluded.samples, source = excluded.source, updated_ms = excluded.updated_ms")) {
                for (Map.Entry<String, Prediction> entry : sorted.entrySet()) {
                    Prediction p = entry.getValue();
                    int i = setKey(upsert, key, deviceId);
                    upsert.setString(i++, entry.getKey());
                    upsert.setString(i++, p.traffic().id());
                    upsert.setDouble(i++, p.energyPerInferenceJ());
                    upsert.setDouble(i++, p.timePerInferenceS());
                    upsert.setDouble(i++, p.latencyP95S());
                    upsert.setInt(i++, samples);
                    upsert.setString(i++, source);
                    upsert.setLong(i, now);
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
        });
    }

    /** What {@code deviceId} starts from under {@code key}: its own rows and the fleet's, pooled. */
    public synchronized StoredProfile load(ProfileKey key, String deviceId) {
        List<ArmSums> arms = new ArrayList<>();
        List<StoredPrediction> predictions = new ArrayList<>();
        read("load " + key, () -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT device_id, " + ARM_COLUMNS
                    + " FROM arm_window_sums WHERE " + KEY)) {
                setKeyOnly(query, key);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        arms.add(arm(rs.getString(1), rs, 2));
                    }
                }
            }
            try (PreparedStatement query = connection.prepareStatement("SELECT device_id, configuration, "
                    + "energy_per_inference_j, time_per_inference_s, latency_p95_s, traffic, samples, source "
                    + "FROM prediction WHERE " + KEY)) {
                setKeyOnly(query, key);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        predictions.add(new StoredPrediction(rs.getString(1), ConfigurationText.parse(rs.getString(2)),
                                new Prediction(rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
                                        Traffic.parse(rs.getString(6))), rs.getInt(7), rs.getString(8)));
                    }
                }
            }
        });
        return FleetPrior.assemble(deviceId, arms, predictions);
    }

    /** {@code deviceId}'s measured sums at each configuration it ran under {@code key} (board-level detail). */
    public synchronized Map<Configuration, ArmSums> arms(ProfileKey key, String deviceId) {
        Map<Configuration, ArmSums> result = new java.util.LinkedHashMap<>();
        read("read the arms of " + deviceId, () -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT " + ARM_COLUMNS
                    + " FROM arm_window_sums WHERE " + KEY + " AND device_id = ? ORDER BY configuration")) {
                int i = setKeyOnly(query, key);
                query.setString(i, deviceId);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        ArmSums sums = arm(deviceId, rs, 1);
                        result.put(sums.configuration, sums);
                    }
                }
            }
        });
        return result;
    }

    /**
     * Imports each JSON profile file of earlier versions in {@code directory} that was not imported before,
     * as the model of {@code deviceId}; returns how many were imported. Files that are not profiles are
     * skipped and named in {@code skipped}.
     */
    public synchronized int importJson(Path directory, String deviceId, List<String> skipped) {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*.json")) {
            for (Path file : stream) {
                files.add(file);
            }
        } catch (IOException e) {
            skipped.add(directory + ": " + e.getMessage());
            return 0;
        }
        java.util.Collections.sort(files);
        int imported = 0;
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (alreadyImported(name)) {
                continue;
            }
            JsonProfiles.Profile profile;
            try {
                profile = JsonProfiles.read(file);
            } catch (IOException | RuntimeException e) {
                skipped.add(file + ": " + e.getMessage());
                continue;
            }
            savePredictions(profile.key, deviceId, profile.predictions, profile.source, 1);
            long now = clock.millis();
            write("mark " + name + " imported", () -> {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO imported_json (file_name, imported_ms) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                    insert.setString(1, name);
                    insert.setLong(2, now);
                    insert.executeUpdate();
                }
            });
            imported++;
        }
        return imported;
    }

    private boolean alreadyImported(String name) {
        boolean[] found = new boolean[1];
        read("check " + name, () -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT 1 FROM imported_json WHERE file_name = ?")) {
                query.setString(1, name);
                try (ResultSet rs = query.executeQuery()) {
                    found[0] = rs.next();
                }
            }
        });
        return found[0];
    }

    /** The columns {@link #arm} reads, in its order. */
    private static final String ARM_COLUMNS = "configuration, traffic, windows, inferences, energy_per_inference_j_sum, "
            + "energy_per_inference_j_sq_sum, time_per_inference_s_sum, latency_p95_s_sum";

    /** An arm's sums from {@link #ARM_COLUMNS}, starting at column {@code first}. */
    private static ArmSums arm(String deviceId, ResultSet rs, int first) throws SQLException {
        int i = first;
        ArmSums sums = new ArmSums(deviceId, ConfigurationText.parse(rs.getString(i++)), Traffic.parse(rs.getString(i++)));
        sums.windows = rs.getLong(i++);
        sums.inferences = rs.getLong(i++);
        sums.energyJSum = rs.getDouble(i++);
        sums.energyJSquaredSum = rs.getDouble(i++);
        sums.timeSSum = rs.getDouble(i++);
        sums.latencyP95SSum = rs.getDouble(i);
        return sums;
    }

    private static int setKey(PreparedStatement statement, ProfileKey key, String deviceId) throws SQLException {
        int i = setKeyOnly(statement, key);
        statement.setString(i++, ProfileKey.require(deviceId, "device id"));
        return i;
    }

    private static int setKeyOnly(PreparedStatement statement, ProfileKey key) throws SQLException {
        statement.setString(1, key.deviceClass());
        statement.setString(2, key.modelHash());
        statement.setString(3, key.trace());
        statement.setInt(4, key.inputSize());
        return 5;
    }

    /** Work against the connection that may throw SQLException. */
    private interface Work {
        void run() throws SQLException;
    }

    private void write(String what, Work work) {
        try {
            work.run();
            connection.commit();
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // The original failure is the one to report.
            }
            throw new ProfileStoreException("cannot " + what + " in the profile store " + description + ": "
                    + e.getMessage(), e);
        }
    }

    private void read(String what, Work work) {
        write(what, work); // ends the read transaction, so a long-lived reader sees other writers' rows
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new ProfileStoreException("cannot close the profile store " + description + ": " + e.getMessage(), e);
        }
    }
}
