package io.gatekeeper.sim.replay;

import io.gatekeeper.store.CandidateDao;
import io.gatekeeper.store.RepoDao;
import io.gatekeeper.store.RequestDao;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.time.Instant;

/**
 * Writes a repository's queue history through the service's own DAOs, the way the gate records it: requests
 * queued, candidates built with their requests, tier runs started and finished, requests merged or rejected.
 * Times are minutes after {@link #T0}.
 */
final class RecordedRepo {
    static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

    private final Jdbi jdbi;
    private final long repoId;
    private long nextCandidate = 1;
    private int nextBranch = 1;

    RecordedRepo(Jdbi jdbi, String name) {
        this.jdbi = jdbi;
        this.repoId = jdbi.withExtension(RepoDao.class, d -> d.insert(name, "main", T0.minus(Duration.ofDays(90))));
    }

    static Instant at(double minute) {
        return T0.plusMillis(Math.round(minute * 60_000));
    }

    long request(double minute) {
        return request(minute, "pull");
    }

    long request(double minute, String kind) {
        String branch = kind + "-request/b" + nextBranch++;
        return jdbi.withExtension(RequestDao.class, d -> d.insert(repoId, branch, "a".repeat(40), kind, "dev", 1,
                at(minute)));
    }

    /** A candidate on head (parent null) or on another candidate, carrying {@code requests}. */
    long candidate(Long parent, double minute, long... requests) {
        long number = nextCandidate++;
        jdbi.useExtension(CandidateDao.class, d -> d.insert(repoId, number, parent, "0".repeat(40),
                "c".repeat(40), at(minute), at(minute)));
        int position = 0;
        for (long id : requests) {
            int p = position++;
            jdbi.useExtension(CandidateDao.class, d -> d.addRequest(repoId, number, id, p));
            jdbi.useExtension(RequestDao.class, d -> d.testing(id, "c".repeat(40), number, "0".repeat(40),
                    at(minute)));
        }
        return number;
    }

    /** A finished run; returns its id. */
    long run(long candidate, String tier, String state, double startMinute, double minutes) {
        return run(candidate, tier, state, startMinute, minutes, null);
    }

    long run(long candidate, String tier, String state, double startMinute, double minutes, String failedTests) {
        int attempt = jdbi.withExtension(CandidateDao.class, d -> d.attempts(repoId, candidate, tier)) + 1;
        long id = jdbi.withExtension(CandidateDao.class, d -> d.startRun(repoId, candidate, tier, attempt,
                at(startMinute)));
        jdbi.useExtension(CandidateDao.class, d -> d.finishRun(state, "passed".equals(state) ? 0 : 1, state,
                failedTests, at(startMinute + minutes), id));
        return id;
    }

    /** The runner pool granted run {@code runId} its node at {@code minute}. */
    void granted(long runId, double minute) {
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO pool_runs (id, repo, tier, commit_sha, attempt, state, created_at)"
                    + " VALUES (?, 'r', 't', ?, 1, 'passed', ?)", runId, "c".repeat(40), at(minute));
            h.execute("INSERT INTO pool_allocations (run_id, nodes, labels, priority, queued_at, state, granted_at)"
                    + " VALUES (?, 1, '', 0, ?, 'released', ?)", runId, at(minute), at(minute));
        });
    }

    void merged(long request, double minute) {
        jdbi.useExtension(RequestDao.class, d -> d.merged(request, "c".repeat(40), "landed", at(minute)));
    }

    void rejected(long request, double minute, String reason) {
        jdbi.useExtension(RequestDao.class, d -> d.finish(request, "rejected", reason, at(minute)));
    }

    void withdrawn(long request, double minute) {
        jdbi.useExtension(RequestDao.class, d -> d.finish(request, "cancelled", "branch deleted", at(minute)));
    }
}
