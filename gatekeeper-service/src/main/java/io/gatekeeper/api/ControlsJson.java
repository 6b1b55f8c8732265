package io.gatekeeper.api;

import java.time.Instant;

/** A repository's queue controls as the API shows them. */
public record ControlsJson(boolean paused, String pausedReason, String pausedBy, Instant pausedUntil,
                           boolean broken, String brokenCommit, String brokenReason, Instant brokenAt,
                           String holdReason) { }
