package io.gatekeeper.retention;

import io.gatekeeper.flaky.testing.DatabaseEngine;
import io.gatekeeper.flaky.testing.FreshDatabases;
import io.gatekeeper.flaky.testing.MutableClock;
import io.gatekeeper.store.AuditDao;
import io.gatekeeper.store.AuditRow;
import io.gatekeeper.store.CandidateDao;
import io.gatekeeper.store.RepoDao;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Retention of tier runs' files on a clock the test moves, the same assertions on H2 and on PostgreSQL. */
class RunFileRetentionTest {
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @RegisterExtension
    final FreshDatabases databases = new FreshDatabases();
    final MutableClock clock = new MutableClock(NOW);
    @TempDir
    Path data;

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void removesTheFilesOfRunsFinishedLongerAgo_keepsRecentRunningAndQueuedOnes(DatabaseEngine engine)
            throws IOException {
        Jdbi jdbi = databases.create(engine).jdbi();
        long repo = repoWithCandidate(jdbi);
        long old = run(jdbi, repo, days(41), days(40));
        long recent = run(jdbi, repo, days(11), days(10));
        long running = run(jdbi, repo, days(40), null);
        long queuedOnPool = run(jdbi, repo, days(41), days(40));
        jdbi.useHandle(h -> h.execute("INSERT INTO pool_runs (id, repo, tier, commit_sha, attempt, state, created_at)"
                + " VALUES (?, 'demo', 'unit', ?, 1, 'queued', ?)", queuedOnPool, "c".repeat(40), NOW.minus(days(41))));
        for (long id : new long[] {old, recent, running, queuedOnPool}) {
            write(data.resolve("logs/run-" + id + ".log"), "0123456789");
            write(data.resolve("logs/run-" + id + "-local-2.log"), "01234");
            write(data.resolve("reports/run-" + id + "/target/TEST-a.xml"), "01234567890123456789");
        }
        write(data.resolve("logs/run-99999.log"), "a run this database does not know");
        write(data.resolve("logs/notes.txt"), "not a run's");
        RunFileRetention retention = new RunFileRetention(jdbi, data, days(30), clock);

        RetentionOutcome outcome = retention.sweep();

        assertThat(outcome).isEqualTo(new RetentionOutcome(NOW.minus(days(30)), 1, 3, 35));
        assertThat(outcome.message()).isEqualTo("retention: removed the logs and reports of 1 tier run that finished"
                + " before 2026-10-24T10:00:00Z: 3 files, 35 bytes");
        assertThat(data.resolve("logs/run-" + old + ".log")).doesNotExist();
        assertThat(data.resolve("logs/run-" + old + "-local-2.log")).doesNotExist();
        assertThat(data.resolve("reports/run-" + old)).doesNotExist();
        for (long kept : new long[] {recent, running, queuedOnPool}) {
            assertThat(data.resolve("logs/run-" + kept + ".log")).exists();
            assertThat(data.resolve("logs/run-" + kept + "-local-2.log")).exists();
            assertThat(data.resolve("reports/run-" + kept + "/target/TEST-a.xml")).exists();
        }
        assertThat(data.resolve("logs/run-99999.log")).exists();
        assertThat(data.resolve("logs/notes.txt")).exists();
        assertThat(removed(jdbi, old)).get()
                .extracting(RemovedRunFiles::logMessage)
                .isEqualTo("log of run " + old + " removed by retention after 30 days (on 2026-11-23)");
        assertThat(removed(jdbi, recent)).isEmpty();
        assertThat(audit(jdbi))
                .extracting(AuditRow::actor, AuditRow::action, AuditRow::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("gatekeeper", "retention", outcome.message()));
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void aSecondPassRemovesNothingMore_andTimeBringsTheNextRunsDue(DatabaseEngine engine) throws IOException {
        Jdbi jdbi = databases.create(engine).jdbi();
        long repo = repoWithCandidate(jdbi);
        long old = run(jdbi, repo, days(41), days(40));
        long recent = run(jdbi, repo, days(11), days(10));
        write(data.resolve("logs/run-" + old + ".log"), "old");
        write(data.resolve("logs/run-" + recent + ".log"), "recent");
        RunFileRetention retention = new RunFileRetention(jdbi, data, days(30), clock);
        retention.sweep();

        RetentionOutcome again = retention.sweep();

        assertThat(again.runs()).isZero();
        assertThat(again.message()).isEqualTo("retention: no tier run that finished before 2026-10-24T10:00:00Z"
                + " has files left");
        assertThat(audit(jdbi)).as("a pass that removed nothing").hasSize(1);

        clock.advance(days(21));
        assertThat(retention.sweep()).isEqualTo(new RetentionOutcome(NOW.minus(days(9)), 1, 1, 6));
        assertThat(data.resolve("logs/run-" + recent + ".log")).doesNotExist();
    }

    private long run(Jdbi jdbi, long repo, Duration startedAgo, Duration finishedAgo) {
        return jdbi.withExtension(CandidateDao.class, d -> {
            long id = d.startRun(repo, 1, "unit", 1, NOW.minus(startedAgo));
            if (finishedAgo != null) {
                d.finishRun("passed", 0, "ok", null, NOW.minus(finishedAgo), id);
            }
            return id;
        });
    }

    private static java.util.Optional<RemovedRunFiles> removed(Jdbi jdbi, long runId) {
        return jdbi.withExtension(RetentionDao.class, d -> d.removed(runId));
    }

    private static java.util.List<AuditRow> audit(Jdbi jdbi) {
        return jdbi.withExtension(AuditDao.class, d -> d.recent(10));
    }

    private static Duration days(long n) {
        return Duration.ofDays(n);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** Repository "demo" with candidate 1 (commit c…c), both 60 days old: what the tier runs hang off. */
    private static long repoWithCandidate(Jdbi jdbi) {
        long repo = jdbi.withExtension(RepoDao.class, d -> d.insert("demo", "main", NOW.minus(days(60))));
        jdbi.useExtension(CandidateDao.class, d -> d.insert(repo, 1, null, "0".repeat(40), "c".repeat(40),
                NOW.minus(days(60)), NOW.minus(days(60))));
        return repo;
    }
}
