package io.gatekeeper;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import io.gatekeeper.store.Database;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.nio.file.Path;

/**
 * The service's configuration. Every essential can also come from the environment through {@code ${VAR:-default}}
 * substitution in the YAML (see the bundled {@code gatekeeper.yml}): GATEKEEPER_PORT, GATEKEEPER_DATA,
 * GATEKEEPER_ADMIN_TOKEN, GATEKEEPER_DB_URL.
 */
public class GatekeeperConfiguration extends Configuration {

    /** Data directory: the H2 database file, the hosted repositories, run logs and reports. */
    @NotBlank
    @JsonProperty
    private String dataDir = "./data";

    @Valid
    @NotNull
    @JsonProperty
    private DatabaseSettings database = new DatabaseSettings();

    /** Token of the admin created on first start; empty means "generate one and print it once". */
    @JsonProperty
    private String adminToken = "";

    /** Create and seed the hosted demo repository on first start. */
    @JsonProperty
    private boolean demoRepository = true;

    /** How often refs are scanned for branches created behind the receive hook's back. */
    @NotNull
    @JsonProperty
    private io.dropwizard.util.Duration scanInterval = io.dropwizard.util.Duration.seconds(10);

    @Valid
    @NotNull
    @JsonProperty
    private QueueSettings queue = new QueueSettings();

    /** Allow clone and fetch without credentials. Pushes always need them. */
    @JsonProperty
    private boolean anonymousGitRead = false;

    /** In-process tier workers of the local runner. */
    @Min(1)
    @JsonProperty
    private int localWorkers = 2;

    /** The dashboard's pages and the read-only API need sign-in; false = anyone may look. */
    @JsonProperty
    private boolean dashboardSignInRequired = false;

    public boolean dashboardSignInRequired() {
        return dashboardSignInRequired;
    }

    public Path dataDir() {
        return Path.of(dataDir).toAbsolutePath().normalize();
    }

    public String adminToken() {
        return adminToken == null || adminToken.isBlank() ? null : adminToken;
    }

    public boolean demoRepository() {
        return demoRepository;
    }

    public java.time.Duration scanInterval() {
        return scanInterval.toJavaDuration();
    }

    public QueueSettings queue() {
        return queue;
    }

    public boolean anonymousGitRead() {
        return anonymousGitRead;
    }

    /** URLs that receive a JSON POST for every signal (merged, rejected, bypass, head-broken, ...). */
    @NotNull
    @JsonProperty
    private java.util.List<String> webhooks = java.util.List.of();

    public java.util.List<String> webhooks() {
        return webhooks;
    }

    public int localWorkers() {
        return localWorkers;
    }

    /** The runner pool: nodes that lease tier runs; the service starts {@code pool.localRunners} of them. */
    @Valid
    @NotNull
    @JsonProperty
    private io.gatekeeper.pool.PoolConfig pool = new io.gatekeeper.pool.PoolConfig();

    public io.gatekeeper.pool.PoolConfig pool() {
        return pool;
    }

    /** The flakiness model's knobs: re-run risk and cap, quarantine and release thresholds, half-life. */
    @Valid
    @NotNull
    @JsonProperty
    private io.gatekeeper.flaky.service.FlakinessSettings flakiness = new io.gatekeeper.flaky.service.FlakinessSettings();

    public io.gatekeeper.flaky.service.FlakinessSettings flakiness() {
        return flakiness;
    }

    /** How long the files of finished tier runs are kept, and when the pass that removes older ones runs. */
    @Valid
    @NotNull
    @JsonProperty
    private io.gatekeeper.retention.RetentionConfig retention = new io.gatekeeper.retention.RetentionConfig();

    public io.gatekeeper.retention.RetentionConfig retention() {
        return retention;
    }

    /**
     * The data source: the configured URL, or an H2 file under the data directory when none is given. H2 must
     * not close the database from its own shutdown hook: the service's shutdown still writes (runs cancelled,
     * pool state) before its connection pool closes, and that closes the database.
     */
    public DataSourceFactory buildDataSourceFactory() {
        String url = database.url == null || database.url.isBlank()
                ? "jdbc:h2:file:" + dataDir().resolve("db").resolve("gatekeeper")
                        + ";AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE"
                : database.url;
        DataSourceFactory f = new DataSourceFactory();
        f.setUrl(url);
        f.setDriverClass(Database.driverFor(url));
        f.setUser(database.user == null || database.user.isBlank() ? (url.startsWith("jdbc:h2:") ? "sa" : null)
                : database.user);
        f.setPassword(database.password == null ? "" : database.password);
        f.setMaxSize(database.maxConnections);
        return f;
    }

    public static class DatabaseSettings {
        /** JDBC URL; empty = embedded H2 under the data directory. */
        @JsonProperty
        public String url = "";
        @JsonProperty
        public String user = "";
        @JsonProperty
        public String password = "";
        @Min(2)
        @JsonProperty
        public int maxConnections = 16;
    }

    public static class QueueSettings {
        /** The engine's policy: gatekeeper (default), serial, bisect, speculative. */
        @NotBlank
        @JsonProperty
        public String strategy = "gatekeeper";
        /** Most requests in one candidate when head's .gatekeeper.yml does not say. */
        @Min(1)
        @JsonProperty
        public int batchMax = 8;
        /** Tier runs that may go on at once. */
        @Min(1)
        @JsonProperty
        public int slots = 2;
        /** What landings do while head is flagged broken: hold (default) or continue. */
        @jakarta.validation.constraints.Pattern(regexp = "hold|continue")
        @JsonProperty
        public String onBrokenHead = "hold";
        /**
         * Infrastructure failures of one tier run retried at once; after that the run is held for
         * {@code infraHold}, doubling up to {@code infraHoldMax}. Never counted against the change.
         */
        @Min(0)
        @JsonProperty
        public int infraRetries = 3;
        @jakarta.validation.constraints.NotNull
        @JsonProperty
        public io.dropwizard.util.Duration infraHold = io.dropwizard.util.Duration.seconds(30);
        @jakarta.validation.constraints.NotNull
        @JsonProperty
        public io.dropwizard.util.Duration infraHoldMax = io.dropwizard.util.Duration.minutes(10);

        public io.gatekeeper.queue.InfraHold infraHoldPolicy() {
            java.time.Duration first = infraHold.toJavaDuration();
            java.time.Duration max = infraHoldMax.toJavaDuration();
            return new io.gatekeeper.queue.InfraHold(infraRetries, first, max.compareTo(first) < 0 ? first : max);
        }
    }
}
