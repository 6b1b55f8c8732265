package io.gatekeeper.store;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@RegisterConstructorMapper(RepoRow.class)
public interface RepoDao {

    @SqlUpdate("INSERT INTO repos (name, head_branch, created_at) VALUES (?, ?, ?)")
    @GetGeneratedKeys("id")
    long insert(String name, String headBranch, Instant createdAt);

    @SqlQuery("SELECT * FROM repos WHERE name = ?")
    Optional<RepoRow> byName(String name);

    @SqlQuery("SELECT * FROM repos WHERE id = ?")
    Optional<RepoRow> byId(long id);

    @SqlQuery("SELECT * FROM repos ORDER BY name")
    List<RepoRow> all();

    @SqlQuery("SELECT paused_reason, paused_by, paused_until, broken_commit, broken_reason, broken_at"
            + " FROM repos WHERE id = ?")
    @RegisterConstructorMapper(RepoControlRow.class)
    RepoControlRow controls(long id);

    @SqlUpdate("UPDATE repos SET paused_reason = ?, paused_by = ?, paused_until = ? WHERE id = ?")
    int setPaused(String reason, String by, Instant until, long id);

    @SqlUpdate("UPDATE repos SET broken_commit = ?, broken_reason = ?, broken_at = ? WHERE id = ?")
    int setBroken(String commit, String reason, Instant at, long id);
}
