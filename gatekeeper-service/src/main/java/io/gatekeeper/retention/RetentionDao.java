package io.gatekeeper.retention;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@RegisterConstructorMapper(RemovedRunFiles.class)
public interface RetentionDao {

    /**
     * Those of {@code ids} whose tier run finished before {@code cutoff}: never one still running, nor one whose
     * pool run is still queued or running.
     */
    @SqlQuery("SELECT t.id FROM tier_runs t WHERE t.id IN (<ids>) AND t.state <> 'running'"
            + " AND t.finished_at IS NOT NULL AND t.finished_at < :cutoff"
            + " AND NOT EXISTS (SELECT 1 FROM pool_runs p WHERE p.id = t.id AND p.finished_at IS NULL)"
            + " ORDER BY t.id")
    List<Long> finishedBefore(@BindList("ids") Collection<Long> ids, @Bind("cutoff") Instant cutoff);

    @SqlQuery("SELECT * FROM run_files_removed WHERE run_id = ?")
    Optional<RemovedRunFiles> removed(long runId);

    @SqlUpdate("INSERT INTO run_files_removed (run_id, removed_at, kept_for, bytes) VALUES (?, ?, ?, ?)")
    void recordRemoved(long runId, Instant removedAt, String keptFor, long bytes);
}
