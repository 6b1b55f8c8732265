package io.gatekeeper.store;

import java.time.Instant;

public record AuditRow(long id, Instant at, String actor, String action, String repo, String target,
                       String oldHead, String newHead, String reason) {

    public static AuditRow of(Instant at, String actor, String action, String repo, String target,
                              String oldHead, String newHead, String reason) {
        return new AuditRow(0, at, actor, action, repo, target, oldHead, newHead, reason);
    }
}
