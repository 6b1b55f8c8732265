package io.gatekeeper.store;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@RegisterConstructorMapper(TierRunRow.class)
public interface CandidateDao {

    @SqlUpdate("INSERT INTO candidates (repo_id, number, parent_no, base, sha, state, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, 'testing', ?, ?)")
    void insert(long repoId, long number, Long parentNo, String base, String sha, Instant createdAt,
                Instant updatedAt);

    @SqlUpdate("INSERT INTO candidate_requests (repo_id, candidate_no, request_id, position) VALUES (?, ?, ?, ?)")
    void addRequest(long repoId, long candidateNo, long requestId, int position);

    @SqlUpdate("UPDATE candidates SET state = ?, updated_at = ? WHERE repo_id = ? AND number = ?")
    int setState(String state, Instant now, long repoId, long number);

    @SqlQuery("SELECT COALESCE(MAX(number), 0) FROM candidates WHERE repo_id = ?")
    long maxNumber(long repoId);

    @SqlQuery("SELECT COALESCE(MIN(number), 0) FROM candidates WHERE repo_id = ?")
    long minNumber(long repoId);

    @SqlUpdate("INSERT INTO candidates (repo_id, number, parent_no, base, sha, state, created_at, updated_at, purpose)"
            + " VALUES (?, ?, NULL, ?, ?, 'testing', ?, ?, 'verify')")
    void insertVerification(long repoId, long number, String base, String sha, Instant createdAt, Instant updatedAt);

    @SqlQuery("SELECT sha FROM candidates WHERE repo_id = ? AND number = ?")
    Optional<String> sha(long repoId, long number);

    @SqlQuery("SELECT base FROM candidates WHERE repo_id = ? AND number = ?")
    Optional<String> base(long repoId, long number);

    /** The branches of the requests built into the candidate(s) with this commit. */
    @SqlQuery("SELECT DISTINCT r.branch FROM repos p JOIN candidates c ON c.repo_id = p.id"
            + " JOIN candidate_requests cr ON cr.repo_id = c.repo_id AND cr.candidate_no = c.number"
            + " JOIN requests r ON r.id = cr.request_id WHERE p.name = ? AND c.sha = ?")
    List<String> branches(String repo, String candidateSha);

    @SqlUpdate("INSERT INTO tier_runs (repo_id, candidate_no, tier, attempt, state, started_at)"
            + " VALUES (?, ?, ?, ?, 'running', ?)")
    @GetGeneratedKeys("id")
    long startRun(long repoId, long candidateNo, String tier, int attempt, Instant startedAt);

    @SqlUpdate("UPDATE tier_runs SET state = ?, exit_code = ?, message = ?, failed_tests = ?, finished_at = ?"
            + " WHERE id = ? AND state = 'running'")
    int finishRun(String state, Integer exitCode, String message, String failedTests, Instant finishedAt, long id);

    @SqlQuery("SELECT * FROM tier_runs WHERE repo_id = ? AND candidate_no = ? ORDER BY id")
    List<TierRunRow> runs(long repoId, long candidateNo);

    @SqlQuery("SELECT * FROM tier_runs WHERE id = ?")
    Optional<TierRunRow> run(long id);

    @SqlQuery("SELECT COUNT(*) FROM tier_runs WHERE repo_id = ? AND candidate_no = ? AND tier = ?")
    int attempts(long repoId, long candidateNo, String tier);

    /** Runs left 'running' by a service that died: they will be run again. */
    @SqlUpdate("UPDATE tier_runs SET state = 'cancelled', message = 'service restarted', finished_at = ?"
            + " WHERE state = 'running'")
    int abandonRunning(Instant now);

    @SqlUpdate("UPDATE candidates SET state = 'cancelled', updated_at = ? WHERE state = 'testing'")
    int abandonTesting(Instant now);
}
