package io.gatekeeper.flaky.store;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** {@code test_state_change}: the audit trail of test states. */
@RegisterConstructorMapper(StateChange.class)
public interface StateChangeDao {

    @SqlBatch("""
            INSERT INTO test_state_change (repo, test_id, from_state, to_state, by_hand, actor, reason, changed_at)
            VALUES (:repo, :testId, :from, :to, :byHand, :actor, :reason, :at)""")
    void insert(@BindMethods Iterable<StateChange> changes);

    @SqlQuery("""
            SELECT repo, test_id, from_state AS "from", to_state AS "to", by_hand, actor, reason, changed_at AS "at"
            FROM test_state_change WHERE repo = :repo AND test_id = :test ORDER BY changed_at, id""")
    List<StateChange> ofTest(@Bind("repo") String repo, @Bind("test") String test);
}
