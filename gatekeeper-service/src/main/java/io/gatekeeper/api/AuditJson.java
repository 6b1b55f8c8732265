package io.gatekeeper.api;

import java.time.Instant;

public record AuditJson(long id, Instant at, String actor, String action, String repo, String target,
                        String oldHead, String newHead, String reason) { }
