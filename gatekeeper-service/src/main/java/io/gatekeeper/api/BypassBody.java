package io.gatekeeper.api;

/** Body of {@code POST /api/repos/{repo}/bypass}: the request by id or by branch, and why. */
public record BypassBody(Long request, String branch, String reason) { }
