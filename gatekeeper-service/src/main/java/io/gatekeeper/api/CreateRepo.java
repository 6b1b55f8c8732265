package io.gatekeeper.api;

import jakarta.validation.constraints.NotBlank;

/** Body of {@code POST /api/repos}. */
public record CreateRepo(@NotBlank String name, String headBranch, String importFrom) { }
