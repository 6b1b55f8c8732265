package io.gatekeeper.sim.replay;

import io.dropwizard.db.DataSourceFactory;
import io.gatekeeper.GatekeeperConfiguration;
import org.h2.api.ErrorCode;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

import java.sql.SQLException;
import java.util.Locale;

/**
 * The service's database as its configuration names it, opened for reading. Nothing is migrated or created: an
 * embedded H2 file that does not exist is an error, not a new empty database.
 */
final class ServiceDatabase implements AutoCloseable {
    private final String url;
    private final Handle handle;

    private ServiceDatabase(String url, Handle handle) {
        this.url = url;
        this.handle = handle;
    }

    static ServiceDatabase open(GatekeeperConfiguration config) {
        DataSourceFactory f = config.buildDataSourceFactory();
        String url = embeddedH2(f.getUrl()) ? f.getUrl() + ";IFEXISTS=TRUE" : f.getUrl();
        Jdbi jdbi = Jdbi.create(url, f.getUser(), f.getPassword());
        jdbi.installPlugin(new SqlObjectPlugin());
        try {
            return new ServiceDatabase(f.getUrl(), jdbi.open());
        } catch (JdbiException e) {
            throw failure(f.getUrl(), e);
        }
    }

    private static boolean embeddedH2(String url) {
        return url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:") && !url.startsWith("jdbc:h2:tcp:")
                && !url.startsWith("jdbc:h2:ssl:") && !url.toUpperCase(Locale.ROOT).contains("IFEXISTS");
    }

    /** Reads through one connection, turning database errors into a message about this database. */
    RecordedHistory read(String repo, int days) {
        try {
            return new HistoryReader(handle).read(repo, days);
        } catch (JdbiException e) {
            throw failure(url, e);
        }
    }

    private static ReplayException failure(String url, JdbiException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        int code = cause instanceof SQLException sql ? sql.getErrorCode() : 0;
        String hint = "";
        if (code == ErrorCode.DATABASE_NOT_FOUND_WITH_IF_EXISTS_1 || code == ErrorCode.DATABASE_NOT_FOUND_1) {
            hint = " (no database there: give the server's configuration with --config, or set GATEKEEPER_DATA)";
        } else if (code == ErrorCode.DATABASE_ALREADY_OPEN_1) {
            hint = " (the running server holds the embedded H2 database: stop it, or replay a copy of its data"
                    + " directory, or use PostgreSQL)";
        }
        return new ReplayException("cannot read the service database " + url + hint + ": " + cause.getMessage());
    }

    @Override
    public void close() {
        handle.close();
    }
}
