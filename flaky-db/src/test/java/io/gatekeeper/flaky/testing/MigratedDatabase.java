package io.gatekeeper.flaky.testing;

import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * A fresh database (H2 in memory, or a fresh schema on PostgreSQL) with every Flyway migration found on the
 * class path under {@code db/migration} applied.
 *
 * @param jdbi a {@link Jdbi} with the SqlObject plugin; install more plugins as needed
 * @param url  JDBC URL of the database (for PostgreSQL, with {@code currentSchema} set)
 */
public record MigratedDatabase(DatabaseEngine engine, DataSource dataSource, Jdbi jdbi, String url, Runnable dropper)
        implements AutoCloseable {

    /** Drops the schema (PostgreSQL) or the in-memory database (H2). */
    @Override
    public void close() {
        dropper.run();
    }
}
