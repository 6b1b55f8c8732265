package io.gatekeeper.runs;

import io.gatekeeper.GatekeeperException;
import io.gatekeeper.pool.Caller;
import io.gatekeeper.pool.Pool;
import io.gatekeeper.pool.PoolSettings;
import io.gatekeeper.runner.protocol.Assignment;
import io.gatekeeper.runner.protocol.Registration;
import io.gatekeeper.runner.protocol.RunResult;
import io.gatekeeper.runner.tier.Cancellation;
import io.gatekeeper.runner.tier.TierJob;
import io.gatekeeper.runner.tier.TierResult;
import io.gatekeeper.store.Database;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The dispatcher on a real pool and database, with the test playing one runner through the pool's calls. */
class PoolTierDispatcherTest {
    static final Caller RUNNER = new Caller("runner", false);
    @TempDir
    Path tmp;
    JdbcConnectionPool dataSource;
    Pool pool;
    PoolTierDispatcher dispatcher;
    final List<TierResult> results = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        dataSource = JdbcConnectionPool.create("jdbc:h2:mem:runs-" + UUID.randomUUID(), "sa", "");
        Database.migrate(dataSource);
        pool = new Pool(Database.jdbi(dataSource), Clock.systemUTC(), PoolSettings.DEFAULT);
        pool.start();
        dispatcher = new PoolTierDispatcher(pool, tmp.resolve("logs"), Clock.systemUTC());
        pool.register(new Registration("n1", List.of(), "127.0.0.1", "test"), RUNNER);
    }

    @AfterEach
    void stop() throws Exception {
        dispatcher.close();
        pool.stop();
        dataSource.dispose();
    }

    @Test
    void run_streamsThePrimarysLog_keepsItsReports_andEndsWithItsVerdict() throws Exception {
        RunLog log = new RunLog(RunLog.file(tmp.resolve("logs"), 7));
        Path reportsOut = tmp.resolve("reports").resolve("run-7");
        dispatcher.dispatch(job("7"), new Placement(1, List.of(), 0, Instant.now(), 2), reportsOut, log,
                new Cancellation(), results::add);
        Assignment a = pool.lease("n1", Duration.ofSeconds(5), RUNNER, "http://gk/git/").orElseThrow();
        assertThat(a.repoUrl()).isEqualTo("http://gk/git/demo.git");
        assertThat(a.attempt()).isEqualTo(2);
        assertThat(pool.ready("7", "n1", Duration.ZERO, RUNNER).action().name()).isEqualTo("RUN");

        assertThat(dispatcher.appendLog("7", "n1", 0, bytes("hello "), RUNNER)).isEqualTo(new LogAppend(true, 6));
        assertThat(dispatcher.appendLog("7", "n1", 3, bytes("lo world\n"), RUNNER).length())
                .as("a resent chunk keeps only what is new").isEqualTo(12);
        assertThat(dispatcher.appendLog("7", "n1", 20, bytes("gap"), RUNNER)).isEqualTo(new LogAppend(false, 12));
        assertThat(Files.readString(RunLog.file(tmp.resolve("logs"), 7))).contains("hello world\n")
                .contains("[gatekeeper] allocated n1 (primary)");

        dispatcher.storeReport("7", "n1", "target/TEST-a.xml", stream("<testsuite/>"), RUNNER);
        dispatcher.storeReport("7", "n1", "target/TEST-b.xml", stream("<testsuite/>"), RUNNER);
        assertThatThrownBy(() -> dispatcher.storeReport("7", "n1", "../escape.xml", stream("x"), RUNNER))
                .isInstanceOf(GatekeeperException.InvalidInput.class);
        pool.result("7", new RunResult("n1", TierResult.Outcome.FAILED, 3, "command exited with status 3", 50,
                List.of("target/TEST-a.xml")), RUNNER);

        await().atMost(Duration.ofSeconds(10)).until(() -> results.size() == 1);
        TierResult r = results.get(0);
        assertThat(r.outcome()).isEqualTo(TierResult.Outcome.FAILED);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.reports()).containsExactly(reportsOut.resolve("target/TEST-a.xml"));
        assertThat(Files.exists(tmp.resolve("escape.xml"))).isFalse();
    }

    @Test
    void cancellation_endsTheRunOnce_asCancelled() throws Exception {
        Cancellation cancel = new Cancellation();
        dispatcher.dispatch(job("8"), Placement.single(), tmp.resolve("r8"), new RunLog(tmp.resolve("8.log")), cancel,
                results::add);
        pool.lease("n1", Duration.ofSeconds(5), RUNNER, "http://gk/git/").orElseThrow();
        cancel.cancel();
        await().atMost(Duration.ofSeconds(10)).until(() -> results.size() == 1);
        pool.result("8", new RunResult("n1", TierResult.Outcome.CANCELLED, -1, "cancelled", 0, List.of()), RUNNER);
        assertThat(results).extracting(TierResult::outcome).containsExactly(TierResult.Outcome.CANCELLED);
        assertThat(pool.nodes().get(0).state()).isEqualTo("idle");
    }

    @Test
    void secondaryLogs_goToAFilePerNode() throws Exception {
        pool.register(new Registration("n2", List.of(), "127.0.0.2", "test"), RUNNER);
        dispatcher.dispatch(job("9"), new Placement(2, List.of(), 0, Instant.now(), 1), tmp.resolve("r9"),
                new RunLog(RunLog.file(tmp.resolve("logs"), 9)), new Cancellation(), results::add);
        Assignment first = pool.lease("n1", Duration.ofSeconds(5), RUNNER, "http://gk/git/").orElseThrow();
        String secondary = first.nodeIndex() == 1 ? "n1" : "n2";
        dispatcher.appendLog("9", secondary, 0, bytes("setup output\n"), RUNNER);
        assertThat(Files.readString(tmp.resolve("logs").resolve("run-9-" + secondary + ".log")))
                .isEqualTo("setup output\n");
        assertThat(Files.readString(RunLog.file(tmp.resolve("logs"), 9))).doesNotContain("setup output");
    }

    @Test
    void repoName_comesFromTheBareRepositorysPath() {
        assertThat(PoolTierDispatcher.repoName("/data/repos/demo.git")).isEqualTo("demo");
        assertThat(PoolTierDispatcher.repoName("https://elsewhere/x.git")).isEqualTo("https://elsewhere/x.git");
    }

    static TierJob job(String runId) {
        return new TierJob(runId, "/data/repos/demo.git", "refs/gatekeeper/candidates/1",
                "0123456789012345678901234567890123456789", "unit", null, "true", List.of("**/*.xml"),
                Duration.ofMinutes(1), Map.of(), null, null);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(bytes(s));
    }
}
