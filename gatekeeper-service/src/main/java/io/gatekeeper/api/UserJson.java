package io.gatekeeper.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A user; {@code token} is present only in the answer that issued it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserJson(String name, String role, String token) { }
