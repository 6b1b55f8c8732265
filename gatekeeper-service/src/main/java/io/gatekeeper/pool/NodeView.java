package io.gatekeeper.pool;

import java.time.Instant;
import java.util.List;

/**
 * A node as {@code GET /api/nodes} shows it.
 *
 * @param state      idle, allocated, busy or lost
 * @param allocation the allocation it holds now, or null
 * @param run        the run of that allocation (its log is {@code /api/runs/<run>/log}), or null
 * @param nodeIndex  its place in that cluster (0 is the primary), or null
 */
public record NodeView(String name, List<String> labels, String host, String version, String state,
                       Long allocation, Long run, Integer nodeIndex, Instant lastHeartbeat, Instant registeredAt) {
}
