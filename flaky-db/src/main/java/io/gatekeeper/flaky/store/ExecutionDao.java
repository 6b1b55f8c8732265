package io.gatekeeper.flaky.store;

import java.util.Collection;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** {@code test_execution}: one row per execution of one test. */
@RegisterConstructorMapper(ExecutionRow.class)
public interface ExecutionDao {

    @SqlBatch("""
            INSERT INTO test_execution (repo, test_id, parameters, tier, candidate_commit, tree_id, attempt,
                attempt_kind, scope, on_head, outcome, duration_ms, fingerprint, failure_type, failure_message,
                node, executed_at, evidence)
            VALUES (:repo, :testId, :parameters, :tier, :candidateCommit, :treeId, :attempt, :attemptKind, :scope,
                :onHead, :outcome, :durationMs, :fingerprint, :failureType, :failureMessage, :node, :executedAt,
                :evidence)""")
    void insert(@BindMethods Iterable<ExecutionRow> rows);

    /** Failures on this tree that no evidence has excused yet: candidates for same-tree evidence. */
    @SqlQuery("""
            SELECT * FROM test_execution
            WHERE repo = :repo AND tree_id = :tree AND evidence = 'NONE' AND outcome IN ('FAIL', 'ERROR')
            ORDER BY id""")
    List<ExecutionRow> unexcusedFailuresOnTree(@Bind("repo") String repo, @Bind("tree") String tree);

    /** Passes on this tree of the given tests: (test id, parameters, attempt kind, on head). */
    @SqlQuery("""
            SELECT DISTINCT test_id, parameters, attempt_kind, on_head FROM test_execution
            WHERE repo = :repo AND tree_id = :tree AND outcome = 'PASS' AND test_id IN (<tests>)""")
    @RegisterConstructorMapper(TreePass.class)
    List<TreePass> passesOnTree(@Bind("repo") String repo, @Bind("tree") String tree,
                                @BindList("tests") Collection<String> tests);

    /** A pass of one invocation on a tree, as far as evidence is concerned. */
    record TreePass(String testId, String parameters, String attemptKind, boolean onHead) {
    }

    /**
     * Gives unexcused failures their evidence; returns 1 per row actually changed. A concurrent transaction
     * that excused the same row first makes this one's count 0, so the weight is added to the rollup once.
     * Callers pass rows in id order, so concurrent writers lock them in the same order.
     */
    @SqlBatch("UPDATE test_execution SET evidence = :evidence WHERE id = :id AND evidence = 'NONE'")
    int[] excuse(@BindMethods Iterable<ExecutionRow> rows);

    /** Takes evidence away again (the change was blamed); returns 1 per row actually changed. */
    @SqlBatch("UPDATE test_execution SET evidence = 'NONE' WHERE id = :id AND evidence <> 'NONE'")
    int[] revoke(@BindMethods Iterable<ExecutionRow> rows);

    @SqlQuery("""
            SELECT * FROM test_execution
            WHERE repo = :repo AND candidate_commit IN (<candidates>) AND evidence = 'NONE'
              AND outcome IN ('FAIL', 'ERROR')
            ORDER BY id""")
    List<ExecutionRow> unexcusedFailuresOfCandidates(@Bind("repo") String repo,
                                                     @BindList("candidates") Collection<String> candidates);

    /** Unexcused failures of these tests in one tier of one candidate. */
    @SqlQuery("""
            SELECT * FROM test_execution
            WHERE repo = :repo AND candidate_commit = :candidate AND tier = :tier AND test_id IN (<tests>)
              AND evidence = 'NONE' AND outcome IN ('FAIL', 'ERROR')
            ORDER BY id""")
    List<ExecutionRow> unexcusedFailuresInTier(@Bind("repo") String repo, @Bind("candidate") String candidate,
                                               @Bind("tier") String tier,
                                               @BindList("tests") Collection<String> tests);

    @SqlQuery("""
            SELECT * FROM test_execution
            WHERE repo = :repo AND candidate_commit = :candidate AND test_id = :test AND evidence <> 'NONE'
            ORDER BY id""")
    List<ExecutionRow> excusedFailures(@Bind("repo") String repo, @Bind("candidate") String candidate,
                                       @Bind("test") String test);

    @SqlQuery("""
            SELECT * FROM test_execution WHERE repo = :repo AND test_id = :test
            ORDER BY executed_at DESC, id DESC LIMIT :limit""")
    List<ExecutionRow> history(@Bind("repo") String repo, @Bind("test") String test, @Bind("limit") int limit);

    @SqlQuery("""
            SELECT * FROM test_execution WHERE repo = :repo AND candidate_commit = :candidate
            ORDER BY id""")
    List<ExecutionRow> ofCandidate(@Bind("repo") String repo, @Bind("candidate") String candidate);
}
