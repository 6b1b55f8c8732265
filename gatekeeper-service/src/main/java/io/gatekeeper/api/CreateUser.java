package io.gatekeeper.api;

import jakarta.validation.constraints.NotBlank;

/** Body of {@code POST /api/users}; role defaults to developer. */
public record CreateUser(@NotBlank String name, String role) { }
