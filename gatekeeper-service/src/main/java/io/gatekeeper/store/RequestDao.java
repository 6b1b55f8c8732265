package io.gatekeeper.store;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@RegisterConstructorMapper(RequestRow.class)
public interface RequestDao {

    @SqlUpdate("INSERT INTO requests (repo_id, branch, sha, kind, author, priority, state, commits,"
            + " created_at, queued_at, updated_at)"
            + " VALUES (:repoId, :branch, :sha, :kind, :author, 0, 'queued', :commits, :now, :now, :now)")
    @GetGeneratedKeys("id")
    long insert(@Bind("repoId") long repoId, @Bind("branch") String branch, @Bind("sha") String sha,
                @Bind("kind") String kind, @Bind("author") String author, @Bind("commits") int commits,
                @Bind("now") Instant now);

    @SqlQuery("SELECT * FROM requests WHERE id = ?")
    Optional<RequestRow> byId(long id);

    @SqlQuery("SELECT * FROM requests WHERE repo_id = ? ORDER BY id DESC LIMIT ?")
    List<RequestRow> newestFirst(long repoId, int limit);

    @SqlQuery("SELECT * FROM requests WHERE repo_id = ? AND state IN ('queued', 'testing') ORDER BY id")
    List<RequestRow> open(long repoId);

    @SqlQuery("SELECT * FROM requests WHERE repo_id = ? AND branch = ? AND state IN ('queued', 'testing')")
    Optional<RequestRow> openOnBranch(long repoId, String branch);

    @SqlQuery("SELECT * FROM requests WHERE repo_id = ? AND branch = ? ORDER BY id DESC LIMIT 1")
    Optional<RequestRow> latestOnBranch(long repoId, String branch);

    @SqlQuery("SELECT * FROM requests WHERE id IN (<ids>) ORDER BY id")
    List<RequestRow> byIds(@BindList("ids") Collection<Long> ids);

    /** A re-push while open: the same request, new sha, back in the queue. */
    @SqlUpdate("UPDATE requests SET sha = :sha, commits = :commits, author = :author, state = 'queued',"
            + " reason = NULL, candidate = NULL, candidate_no = NULL, base = NULL, queued_at = :now, updated_at = :now"
            + " WHERE id = :id")
    int requeue(@Bind("id") long id, @Bind("sha") String sha, @Bind("commits") int commits,
                @Bind("author") String author, @Bind("now") Instant now);

    @SqlUpdate("UPDATE requests SET state = 'testing', candidate = :candidate, candidate_no = :candidateNo,"
            + " base = :base, updated_at = :now WHERE id = :id AND state IN ('queued', 'testing')")
    int testing(@Bind("id") long id, @Bind("candidate") String candidate, @Bind("candidateNo") long candidateNo,
                @Bind("base") String base, @Bind("now") Instant now);

    @SqlUpdate("UPDATE requests SET state = 'queued', updated_at = :now WHERE id = :id AND state = 'testing'"
            + " AND candidate_no = :candidateNo")
    int backToQueue(@Bind("id") long id, @Bind("candidateNo") long candidateNo, @Bind("now") Instant now);

    /** Ends a request that is still open; returns 0 when it had already ended. */
    @SqlUpdate("UPDATE requests SET state = :state, reason = :reason, updated_at = :now, finished_at = :now"
            + " WHERE id = :id AND state IN ('queued', 'testing')")
    int finish(@Bind("id") long id, @Bind("state") String state, @Bind("reason") String reason,
               @Bind("now") Instant now);

    @SqlUpdate("UPDATE requests SET state = 'merged', candidate = :candidate, reason = :reason,"
            + " updated_at = :now, finished_at = :now WHERE id = :id AND state IN ('queued', 'testing')")
    int merged(@Bind("id") long id, @Bind("candidate") String candidate, @Bind("reason") String reason,
               @Bind("now") Instant now);

    /** A bypass of a rejected request: the one way an ended request becomes merged. */
    @SqlUpdate("UPDATE requests SET state = 'merged', candidate = :candidate, reason = :reason,"
            + " updated_at = :now, finished_at = :now WHERE id = :id AND state = 'rejected'")
    int mergedAfterRejection(@Bind("id") long id, @Bind("candidate") String candidate, @Bind("reason") String reason,
                             @Bind("now") Instant now);

    @SqlUpdate("UPDATE requests SET priority = ?, updated_at = ? WHERE id = ?")
    int setPriority(int priority, Instant now, long id);
}
