package io.gatekeeper.pool;

import io.gatekeeper.runner.pool.Liveness;
import io.gatekeeper.runner.protocol.Assignment;
import io.gatekeeper.runner.protocol.Directive;
import io.gatekeeper.runner.protocol.Heartbeat;
import io.gatekeeper.runner.protocol.Registration;
import io.gatekeeper.runner.protocol.RunResult;
import io.gatekeeper.runner.tier.TierJob;
import io.gatekeeper.runner.tier.TierResult;
import io.gatekeeper.store.Database;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** A pool on a real, migrated database, driven by hand: the test plays the runners and the clock. */
final class PoolFixture {
    static final Caller RUNNER = new Caller("runner", false);
    static final Duration NO_WAIT = Duration.ZERO;
    static final PoolSettings SETTINGS = new PoolSettings(
            new Liveness(Duration.ofSeconds(1), 3, Duration.ofSeconds(10)), Duration.ofSeconds(1),
            Duration.ofSeconds(30));

    final MutableClock clock = new MutableClock();
    final Jdbi jdbi;
    Pool pool;
    private final AtomicLong runIds = new AtomicLong(100);

    PoolFixture(DataSource dataSource) {
        jdbi = Database.jdbi(dataSource);
        pool = new Pool(jdbi, clock, SETTINGS);
    }

    private static JdbcDataSource shared;

    /** One migrated in-memory database per test JVM (migrating is the slow part), emptied for each fixture. */
    static synchronized PoolFixture h2() {
        if (shared == null) {
            shared = new JdbcDataSource();
            shared.setURL("jdbc:h2:mem:pool-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            shared.setUser("sa");
            Database.migrate(shared);
        }
        Database.jdbi(shared).useHandle(h -> {
            for (String table : List.of("pool_allocation_nodes", "pool_allocations", "pool_runs", "pool_nodes")) {
                h.execute("DELETE FROM " + table);
            }
        });
        return new PoolFixture(shared);
    }

    /** A pool on a fresh database, migrated here. */
    static PoolFixture migrated(DataSource dataSource) {
        Database.migrate(dataSource);
        return new PoolFixture(dataSource);
    }

    /** A new pool process on the same database, as after a restart. */
    Pool restart() throws Exception {
        pool.stop();
        pool = new Pool(jdbi, clock, SETTINGS);
        pool.start();
        return pool;
    }

    void register(String name, String... labels) {
        pool.register(new Registration(name, List.of(labels), "host-" + name, "test"), RUNNER);
    }

    long submit(int nodes, Recorder observer, String... labels) {
        return submit(nodes, 0, clock.instant(), observer, labels);
    }

    long submit(int nodes, int priority, Instant queuedAt, Recorder observer, String... labels) {
        long id = runIds.incrementAndGet();
        TierJob job = new TierJob(Long.toString(id), "/data/repos/demo.git", "refs/gatekeeper/candidates/1",
                "0123456789012345678901234567890123456789", "system", "./setup.sh", "./test.sh",
                List.of("reports/*.xml"), Duration.ofMinutes(5), Map.of("A", "b"), null, null);
        pool.submit(new PoolJob(id, "demo", 1, job, nodes, List.of(labels), priority, queuedAt, observer));
        return id;
    }

    /** Registers {@code nodes} and submits a run that needs all of them; returns it once the pool granted it. */
    long grantedRun(Recorder observer, String... nodes) {
        for (String node : nodes) {
            register(node);
        }
        long run = submit(nodes.length, observer);
        observer.awaitGrant();
        return run;
    }

    /** A {@link #grantedRun} that every one of its nodes has then leased and said it is ready for, once. */
    long leasedAndReadyRun(Recorder observer, String... nodes) throws InterruptedException {
        long run = grantedRun(observer, nodes);
        for (String node : nodes) {
            lease(node);
        }
        for (String node : nodes) {
            ready(run, node);
        }
        return run;
    }

    Optional<Assignment> lease(String node) throws InterruptedException {
        return pool.lease(node, NO_WAIT, RUNNER, "http://gk:8080/git/");
    }

    Directive.Action ready(long run, String node) throws InterruptedException {
        return pool.ready(Long.toString(run), node, NO_WAIT, RUNNER).action();
    }

    List<String> heartbeat(String node, String... runs) {
        return pool.heartbeat(node, new Heartbeat(List.of(runs)), RUNNER).cancel();
    }

    void result(long run, String node, TierResult.Outcome outcome, String message) {
        pool.result(Long.toString(run), new RunResult(node, outcome, outcome == TierResult.Outcome.PASSED ? 0 : 1,
                message, 1234, List.of("reports/a.xml")), RUNNER);
    }

    String state(String node) {
        return pool.nodes().stream().filter(n -> n.name().equals(node)).findFirst().orElseThrow().state();
    }

    String runState(long run) {
        return jdbi.withExtension(PoolDao.class, d -> d.run(run)).orElseThrow().state();
    }
}
