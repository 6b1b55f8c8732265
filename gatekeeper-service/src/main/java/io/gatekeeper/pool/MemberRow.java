package io.gatekeeper.pool;

import java.time.Instant;

/**
 * One node of a granted allocation: its place in the cluster (0 is the primary), whether the runner has
 * leased its assignment and reported ready, and when it last renewed its lease.
 */
public record MemberRow(long allocationId, int nodeIndex, String nodeName, boolean handedOut, boolean ready,
                        Instant renewedAt) {
}
