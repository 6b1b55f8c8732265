package io.gatekeeper.store;

import java.time.Instant;

public record RepoRow(long id, String name, String headBranch, Instant createdAt) { }
