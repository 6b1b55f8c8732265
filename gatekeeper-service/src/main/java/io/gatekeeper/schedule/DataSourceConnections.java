package io.gatekeeper.schedule;

import org.quartz.utils.ConnectionProvider;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** Quartz's connections come from the service's own pool; the pool's owner closes it, not Quartz. */
final class DataSourceConnections implements ConnectionProvider {
    private volatile DataSource dataSource;

    DataSourceConnections(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection getConnection() throws SQLException {
        DataSource ds = dataSource;
        if (ds == null) {
            throw new SQLException("the scheduler has shut down");
        }
        return ds.getConnection();
    }

    /** Quartz's connection registry is global and keeps its providers: let go of the pool at least. */
    @Override
    public void shutdown() {
        dataSource = null;
    }

    @Override
    public void initialize() {
        // the pool is already up
    }
}
