package io.gatekeeper.store;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;

/** Append-only by construction: this DAO has no update and no delete. */
@RegisterConstructorMapper(AuditRow.class)
public interface AuditDao {

    @SqlUpdate("INSERT INTO audit (at, actor, action, repo, target, old_head, new_head, reason)"
            + " VALUES (:at, :actor, :action, :repo, :target, :oldHead, :newHead, :reason)")
    void append(@BindMethods AuditRow row);

    @SqlQuery("SELECT * FROM audit ORDER BY id DESC LIMIT ?")
    List<AuditRow> recent(int limit);

    @SqlQuery("SELECT * FROM audit WHERE repo = ? ORDER BY id DESC LIMIT ?")
    List<AuditRow> recentForRepo(String repo, int limit);
}
