package io.gatekeeper.flaky.store;

import java.util.Collection;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code test_verdict}: every judgement on a failed test, with its numbers. */
@RegisterConstructorMapper(VerdictRow.class)
public interface VerdictDao {

    @SqlUpdate("""
            INSERT INTO test_verdict (repo, test_id, tier, candidate_commit, decision, failures, runs, has_history,
                rate, rate_lower, rate_upper, p_change_caused, max_reruns, fingerprint_known, text, decided_at)
            VALUES (:repo, :testId, :tier, :candidateCommit, :decision, :failures, :runs, :hasHistory, :rate,
                :rateLower, :rateUpper, :pChangeCaused, :maxReruns, :fingerprintKnown, :text, :decidedAt)""")
    @GetGeneratedKeys("id")
    long insert(@BindMethods VerdictRow row);

    @SqlQuery("SELECT * FROM test_verdict WHERE repo = :repo AND candidate_commit = :candidate ORDER BY id")
    List<VerdictRow> ofCandidate(@Bind("repo") String repo, @Bind("candidate") String candidate);

    @SqlQuery("SELECT * FROM test_verdict WHERE repo = :repo AND test_id = :test ORDER BY decided_at DESC, id DESC "
            + "LIMIT :limit")
    List<VerdictRow> ofTest(@Bind("repo") String repo, @Bind("test") String test, @Bind("limit") int limit);

    /** (test id, candidate) pairs whose failure was blamed on the change. */
    @SqlQuery("""
            SELECT DISTINCT test_id || ' ' || candidate_commit FROM test_verdict
            WHERE repo = :repo AND decision = 'CHANGE_CAUSED' AND candidate_commit IN (<candidates>)""")
    List<String> blamed(@Bind("repo") String repo, @BindList("candidates") Collection<String> candidates);

    /** Candidates blamed for this test with no pass of it anywhere since. */
    @SqlQuery("""
            SELECT DISTINCT v.candidate_commit FROM test_verdict v
            WHERE v.repo = :repo AND v.test_id = :test AND v.decision = 'CHANGE_CAUSED'
              AND NOT EXISTS (SELECT 1 FROM test_execution e WHERE e.repo = v.repo AND e.test_id = v.test_id
                              AND e.outcome = 'PASS' AND e.executed_at > v.decided_at)""")
    List<String> blamedSinceLastPass(@Bind("repo") String repo, @Bind("test") String test);
}
