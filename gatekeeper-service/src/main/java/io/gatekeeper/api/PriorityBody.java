package io.gatekeeper.api;

/** Body of {@code POST /api/requests/{id}/priority}: higher lands first; 0 is normal. */
public record PriorityBody(int priority, String reason) { }
