package io.gatekeeper.sim.replay;

import io.gatekeeper.store.RequestRow;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Read-only queries over one repository's recorded queue history; nothing here writes. */
@RegisterConstructorMapper(RequestRow.class)
@RegisterConstructorMapper(RecordedRun.class)
@RegisterConstructorMapper(CandidateLink.class)
public interface HistoryDao {

    @SqlQuery("SELECT MAX(updated_at) FROM requests WHERE repo_id = ?")
    Optional<Instant> lastRequestChange(long repoId);

    @SqlQuery("SELECT MAX(COALESCE(finished_at, started_at)) FROM tier_runs WHERE repo_id = ?")
    Optional<Instant> lastRunChange(long repoId);

    @SqlQuery("SELECT * FROM requests WHERE repo_id = ? AND queued_at > ? AND queued_at <= ? ORDER BY queued_at, id")
    List<RequestRow> queuedBetween(long repoId, Instant from, Instant to);

    /**
     * Finished runs of queue candidates (verifications of head are not the queue's work). With the runner pool a
     * run's row starts when it is dispatched; {@code granted_at} is when it got its nodes, so waiting for the pool
     * does not count as the tier's duration.
     */
    @SqlQuery("SELECT r.id, r.candidate_no, r.tier, r.attempt, r.state, r.failed_tests, r.started_at,"
            + " (SELECT MAX(a.granted_at) FROM pool_allocations a WHERE a.run_id = r.id) AS granted_at,"
            + " r.finished_at"
            + " FROM tier_runs r JOIN candidates c ON c.repo_id = r.repo_id AND c.number = r.candidate_no"
            + " WHERE r.repo_id = ? AND c.purpose = 'queue' AND r.finished_at IS NOT NULL"
            + " AND r.started_at > ? AND r.started_at <= ?"
            + " ORDER BY r.candidate_no, r.tier, r.attempt, r.id")
    List<RecordedRun> runsBetween(long repoId, Instant from, Instant to);

    /** Each queue candidate with its parent and its own requests (one row per request; none for an empty one). */
    @SqlQuery("SELECT c.number AS candidate_no, c.parent_no, cr.request_id FROM candidates c"
            + " LEFT JOIN candidate_requests cr ON cr.repo_id = c.repo_id AND cr.candidate_no = c.number"
            + " WHERE c.repo_id = ? AND c.purpose = 'queue' AND c.created_at > ? AND c.created_at <= ?"
            + " ORDER BY c.number, cr.position")
    List<CandidateLink> candidatesBetween(long repoId, Instant from, Instant to);
}
