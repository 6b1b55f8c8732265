package io.gatekeeper.api;

import java.time.Instant;

/** Body of {@code POST /api/repos/{repo}/pause} and {@code /resume}; {@code until} is optional (ISO-8601). */
public record PauseBody(String reason, Instant until) { }
