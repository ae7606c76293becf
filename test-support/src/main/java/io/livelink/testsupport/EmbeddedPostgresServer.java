package io.livelink.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server from zonky's embedded binaries, with the {@code livelink} database and
 * role the services use. With a data directory it keeps its data across restarts.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String DATABASE = "livelink";
    public static final String USER = "livelink";
    public static final String PASSWORD = "livelink";

    /**
     * System property: when {@code true}, the server loads {@code pg_stat_statements}, so a
     * benchmark can say which statements its database time went to.
     */
    public static final String STATEMENT_STATS = "livelink.postgres.statementStats";

    /**
     * System property: more server settings, {@code name=value} separated by {@code ;} (e.g.
     * auto_explain's), for a benchmark that needs to see how a statement ran. Later ones win.
     */
    public static final String SERVER_CONFIG = "livelink.postgres.serverConfig";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** A throw-away server on a free port. */
    public static EmbeddedPostgresServer startTemporary() {
        return start(EmbeddedPostgres.builder());
    }

    /**
     * A server on the given port keeping its data in {@code dataDirectory}. The caller closes it,
     * so it can stop after the services that use it.
     */
    public static EmbeddedPostgresServer startPersistent(Path dataDirectory, int port) {
        return start(
                EmbeddedPostgres.builder()
                        .setDataDirectory(dataDirectory)
                        .setCleanDataDirectory(false)
                        .setRegisterShutdownHook(false)
                        .setPort(port));
    }

    private static EmbeddedPostgresServer start(EmbeddedPostgres.Builder builder) {
        try {
            builder.setServerConfig("max_connections", "300").setServerConfig("fsync", "on");
            if (Boolean.getBoolean(STATEMENT_STATS)) {
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements")
                        // Planning is work a statement's execution time does not show.
                        .setServerConfig("pg_stat_statements.track_planning", "on");
            }
            for (String setting : System.getProperty(SERVER_CONFIG, "").split(";")) {
                if (setting.isBlank()) {
                    continue;
                }
                int equals = setting.indexOf('=');
                if (equals <= 0) {
                    // A setting dropped without a word would leave a benchmark measuring
                    // something else than its reader thinks.
                    throw new IllegalArgumentException(
                            SERVER_CONFIG + " wants name=value;...; got \"" + setting + "\"");
                }
                builder.setServerConfig(
                        setting.substring(0, equals).trim(), setting.substring(equals + 1));
            }
            EmbeddedPostgres postgres = builder.start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres);
            server.ensureDatabase();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    private void ensureDatabase() {
        try (Connection admin = postgres.getPostgresDatabase().getConnection();
                Statement sql = admin.createStatement()) {
            try (ResultSet role =
                    sql.executeQuery("select 1 from pg_roles where rolname = '" + USER + "'")) {
                if (!role.next()) {
                    sql.execute("create role " + USER + " login password '" + PASSWORD + "'");
                }
            }
            try (ResultSet db =
                    sql.executeQuery(
                            "select 1 from pg_database where datname = '" + DATABASE + "'")) {
                if (!db.next()) {
                    sql.execute("create database " + DATABASE + " owner " + USER);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the livelink database", e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
