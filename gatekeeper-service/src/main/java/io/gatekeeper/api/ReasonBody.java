package io.gatekeeper.api;

/** The body of a by-hand action that must say why: {@code {"reason": "..."}}. */
public record ReasonBody(String reason) { }
