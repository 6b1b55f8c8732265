package io.gatekeeper.flaky.store;

import java.time.Instant;
import java.util.Set;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code test_fingerprint}: the ways a test has failed innocently. */
public interface FingerprintDao {

    /** Portable insert-if-absent (H2 has no ON CONFLICT, PostgreSQL 14 no MERGE). */
    @SqlUpdate("""
            INSERT INTO test_fingerprint (repo, test_id, fingerprint, failure_type, first_seen)
            SELECT :repo, :test, :fingerprint, :type, :at FROM (VALUES (1)) AS one(x)
            WHERE NOT EXISTS (SELECT 1 FROM test_fingerprint
                              WHERE repo = :repo AND test_id = :test AND fingerprint = :fingerprint)""")
    int remember(@Bind("repo") String repo, @Bind("test") String test, @Bind("fingerprint") String fingerprint,
                 @Bind("type") String type, @Bind("at") Instant at);

    /** Forgets a fingerprint once no excused failure of the test carries it (after a verdict revoked one). */
    @SqlUpdate("""
            DELETE FROM test_fingerprint WHERE repo = :repo AND test_id = :test AND fingerprint = :fingerprint
            AND NOT EXISTS (SELECT 1 FROM test_execution e WHERE e.repo = :repo AND e.test_id = :test
                            AND e.fingerprint = :fingerprint AND e.evidence <> 'NONE')""")
    int forgetUnused(@Bind("repo") String repo, @Bind("test") String test, @Bind("fingerprint") String fingerprint);

    @SqlQuery("SELECT fingerprint FROM test_fingerprint WHERE repo = :repo AND test_id = :test")
    Set<String> known(@Bind("repo") String repo, @Bind("test") String test);
}
