package io.gatekeeper.pool;

import io.gatekeeper.store.Database;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;

import java.nio.file.Path;

/** The H2 database of a service running in this JVM, opened beside it to read what it recorded. */
public final class ServiceDb {
    private ServiceDb() {
    }

    public static Jdbi of(Path dataDir) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("db").resolve("gatekeeper")
                + ";AUTO_SERVER=FALSE");
        ds.setUser("sa");
        ds.setPassword("");
        return Database.jdbi(ds);
    }
}
