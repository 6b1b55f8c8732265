package io.gatekeeper.store;

import java.time.Instant;

public record UserRow(long id, String name, String role, Instant createdAt) { }
