package io.gatekeeper.flaky.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** {@code test_state}: the per-test rollup. */
@RegisterConstructorMapper(TestStateRow.class)
public interface TestStateDao {

    String COLUMNS = "repo, test_id, display_name, weighted_failures, weighted_passes, isolated_failures, "
            + "isolated_passes, counts_as_of, rate, rate_lower, rate_upper, runs, failures, last_failure_at, "
            + "last_run_at, head_failure_streak, state, quarantined, quarantined_by_hand, quarantine_reason, owner";

    /**
     * Rows of these tests, locked until the transaction ends so concurrent ingests do not lose updates. Locked
     * in test id order: two ingests locking overlapping sets in different orders would deadlock.
     */
    @SqlQuery("SELECT " + COLUMNS + " FROM test_state WHERE repo = :repo AND test_id IN (<tests>) "
            + "ORDER BY test_id FOR UPDATE")
    List<TestStateRow> lock(@Bind("repo") String repo, @BindList("tests") Collection<String> tests);

    @SqlQuery("SELECT " + COLUMNS + " FROM test_state WHERE repo = :repo AND test_id = :test")
    Optional<TestStateRow> find(@Bind("repo") String repo, @Bind("test") String test);

    @SqlBatch("INSERT INTO test_state (" + COLUMNS + ") VALUES (:repo, :testId, :displayName, :weightedFailures, "
            + ":weightedPasses, :isolatedFailures, :isolatedPasses, :countsAsOf, :rate, :rateLower, :rateUpper, "
            + ":runs, :failures, :lastFailureAt, :lastRunAt, :headFailureStreak, :state, :quarantined, "
            + ":quarantinedByHand, :quarantineReason, :owner)")
    void insert(@BindMethods Iterable<TestStateRow> rows);

    @SqlBatch("""
            UPDATE test_state SET weighted_failures = :weightedFailures, weighted_passes = :weightedPasses,
                isolated_failures = :isolatedFailures, isolated_passes = :isolatedPasses,
                counts_as_of = :countsAsOf, rate = :rate, rate_lower = :rateLower, rate_upper = :rateUpper,
                runs = :runs, failures = :failures, last_failure_at = :lastFailureAt, last_run_at = :lastRunAt,
                head_failure_streak = :headFailureStreak, state = :state, quarantined = :quarantined,
                quarantined_by_hand = :quarantinedByHand, quarantine_reason = :quarantineReason, owner = :owner
            WHERE repo = :repo AND test_id = :testId""")
    void update(@BindMethods Iterable<TestStateRow> rows);

    /** Most flaky first; ties by id so pages are stable. */
    @SqlQuery("SELECT " + COLUMNS + " FROM test_state WHERE repo = :repo "
            + "ORDER BY rate DESC, test_id LIMIT :limit OFFSET :offset")
    List<TestStateRow> byRate(@Bind("repo") String repo, @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("SELECT " + COLUMNS + " FROM test_state WHERE repo = :repo AND state = :state "
            + "ORDER BY rate DESC, test_id LIMIT :limit OFFSET :offset")
    List<TestStateRow> byRateInState(@Bind("repo") String repo, @Bind("state") String state,
                                     @Bind("limit") int limit, @Bind("offset") long offset);
}
