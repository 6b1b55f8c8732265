package io.gatekeeper.pool;

import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads the allocation table back: how many nodes were held at once, and whether a node was held twice. */
public final class AllocationIntervals {
    private AllocationIntervals() {
    }

    private record Held(String node, Instant from, Instant to, long allocation) {
        boolean overlaps(Held o) {
            return from.isBefore(o.to) && o.from.isBefore(to);
        }
    }

    private static List<Held> held(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT m.node_name, a.granted_at, a.ended_at, a.id"
                        + " FROM pool_allocation_nodes m JOIN pool_allocations a ON a.id = m.allocation_id"
                        + " WHERE a.granted_at IS NOT NULL")
                .map((rs, ctx) -> new Held(rs.getString(1), rs.getObject(2, java.time.OffsetDateTime.class).toInstant(),
                        rs.getObject(3) == null ? Instant.MAX
                                : rs.getObject(3, java.time.OffsetDateTime.class).toInstant(), rs.getLong(4)))
                .list());
    }

    /** The most nodes held by granted allocations at any instant. */
    public static int maxNodesHeldAtOnce(Jdbi jdbi) {
        List<Held> held = held(jdbi);
        int max = 0;
        for (Held at : held) {
            int count = 0;
            for (Held other : held) {
                if (!other.from.isAfter(at.from) && other.to.isAfter(at.from)) {
                    count++;
                }
            }
            max = Math.max(max, count);
        }
        return max;
    }

    /** Pairs of allocations that held the same node at the same time (there must be none). */
    public static List<String> nodeGrantedTwiceAtOnce(Jdbi jdbi) {
        List<Held> held = held(jdbi);
        List<String> clashes = new ArrayList<>();
        for (int i = 0; i < held.size(); i++) {
            for (int j = i + 1; j < held.size(); j++) {
                Held a = held.get(i);
                Held b = held.get(j);
                if (a.node.equals(b.node) && a.allocation != b.allocation && a.overlaps(b)) {
                    clashes.add(a + " / " + b);
                }
            }
        }
        return clashes;
    }

    /** How many allocations were granted in all. */
    public static int granted(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM pool_allocations WHERE granted_at IS NOT NULL")
                .mapTo(Integer.class).one());
    }
}
