package io.gatekeeper.pool;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The pool's tables. Every state update names the state it expects, so a stale transition changes nothing. */
@RegisterConstructorMapper(NodeRow.class)
@RegisterConstructorMapper(AllocationRow.class)
@RegisterConstructorMapper(MemberRow.class)
@RegisterConstructorMapper(PoolRunRow.class)
public interface PoolDao {

    @SqlQuery("SELECT * FROM pool_nodes WHERE name = ?")
    Optional<NodeRow> node(String name);

    @SqlQuery("SELECT * FROM pool_nodes ORDER BY name")
    List<NodeRow> nodes();

    @SqlUpdate("INSERT INTO pool_nodes (name, labels, host, version, owner, state, registered_at, last_heartbeat)"
            + " VALUES (?, ?, ?, ?, ?, 'idle', ?, ?)")
    void insertNode(String name, String labels, String host, String version, String owner, Instant registeredAt,
                    Instant lastHeartbeat);

    @SqlUpdate("UPDATE pool_nodes SET labels = ?, host = ?, version = ?, owner = ?, registered_at = ?,"
            + " last_heartbeat = ? WHERE name = ?")
    int reregister(String labels, String host, String version, String owner, Instant at, Instant heartbeat,
                   String name);

    @SqlUpdate("UPDATE pool_nodes SET state = ?, allocation_id = ? WHERE name = ? AND state = ?")
    int moveNode(String to, Long allocationId, String name, String from);

    @SqlUpdate("UPDATE pool_nodes SET last_heartbeat = ? WHERE name = ?")
    int heartbeat(Instant at, String name);

    @SqlQuery("SELECT * FROM pool_nodes WHERE allocation_id = ?")
    List<NodeRow> nodesOf(long allocationId);

    @SqlUpdate("INSERT INTO pool_runs (id, repo, tier, commit_sha, attempt, state, created_at)"
            + " VALUES (?, ?, ?, ?, ?, 'queued', ?)")
    void insertRun(long id, String repo, String tier, String commitSha, int attempt, Instant createdAt);

    @SqlQuery("SELECT * FROM pool_runs WHERE id = ?")
    Optional<PoolRunRow> run(long id);

    @SqlQuery("SELECT * FROM pool_runs WHERE state IN ('queued', 'inaugurating', 'running') ORDER BY id")
    List<PoolRunRow> openRuns();

    @SqlUpdate("UPDATE pool_runs SET state = ?, message = ?, finished_at = ? WHERE id = ? AND state = ?")
    int moveRun(String to, String message, Instant finishedAt, long id, String from);

    @SqlUpdate("INSERT INTO pool_allocations (run_id, nodes, labels, priority, queued_at, state)"
            + " VALUES (?, ?, ?, ?, ?, 'requested')")
    @GetGeneratedKeys("id")
    long insertAllocation(long runId, int nodes, String labels, int priority, Instant queuedAt);

    @SqlQuery("SELECT * FROM pool_allocations WHERE run_id = ? ORDER BY id DESC")
    List<AllocationRow> allocationsOfRun(long runId);

    @SqlQuery("SELECT * FROM pool_allocations WHERE id = ?")
    Optional<AllocationRow> allocation(long id);

    @SqlQuery("SELECT * FROM pool_allocations WHERE state = ? ORDER BY id")
    List<AllocationRow> allocationsIn(String state);

    @SqlQuery("SELECT * FROM pool_allocations ORDER BY id")
    List<AllocationRow> allAllocations();

    @SqlUpdate("UPDATE pool_allocations SET state = ?, granted_at = ? WHERE id = ? AND state = ?")
    int grantAllocation(String to, Instant at, long id, String from);

    @SqlUpdate("UPDATE pool_allocations SET state = ?, ended_at = ? WHERE id = ? AND state = ?")
    int endAllocation(String to, Instant at, long id, String from);

    @SqlUpdate("INSERT INTO pool_allocation_nodes (allocation_id, node_index, node_name, handed_out, ready,"
            + " renewed_at) VALUES (?, ?, ?, FALSE, FALSE, ?)")
    void insertMember(long allocationId, int nodeIndex, String nodeName, Instant renewedAt);

    @SqlQuery("SELECT * FROM pool_allocation_nodes WHERE allocation_id = ? ORDER BY node_index")
    List<MemberRow> members(long allocationId);

    @SqlQuery("SELECT m.* FROM pool_allocation_nodes m JOIN pool_allocations a ON a.id = m.allocation_id"
            + " WHERE a.state = 'granted' ORDER BY m.allocation_id, m.node_index")
    List<MemberRow> grantedMembers();

    @SqlUpdate("UPDATE pool_allocation_nodes SET handed_out = TRUE, renewed_at = ?"
            + " WHERE allocation_id = ? AND node_index = ?")
    int handOut(Instant at, long allocationId, int nodeIndex);

    @SqlUpdate("UPDATE pool_allocation_nodes SET ready = TRUE, renewed_at = ? WHERE allocation_id = ? AND node_index = ?")
    int markReady(Instant at, long allocationId, int nodeIndex);

    @SqlUpdate("UPDATE pool_allocation_nodes SET renewed_at = ? WHERE allocation_id = ? AND node_index = ?")
    int renew(Instant at, long allocationId, int nodeIndex);
}
