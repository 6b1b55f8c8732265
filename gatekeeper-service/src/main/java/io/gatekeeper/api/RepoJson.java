package io.gatekeeper.api;

import java.time.Instant;

public record RepoJson(String name, String headBranch, String head, String cloneUrl, Instant createdAt) { }
