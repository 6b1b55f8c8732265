package io.gatekeeper.store;

import java.time.Instant;

/** A repository's freeze and broken-head flags; null fields mean "not frozen" / "not broken". */
public record RepoControlRow(String pausedReason, String pausedBy, Instant pausedUntil, String brokenCommit,
                             String brokenReason, Instant brokenAt) {

    public boolean paused(Instant now) {
        return pausedReason != null && (pausedUntil == null || now.isBefore(pausedUntil));
    }

    public boolean broken() {
        return brokenCommit != null;
    }
}
