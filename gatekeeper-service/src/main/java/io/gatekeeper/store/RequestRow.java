package io.gatekeeper.store;

import java.time.Instant;

/** A request as stored; {@code state} is one of {@link RequestState}'s names. */
public record RequestRow(long id, long repoId, String branch, String sha, String kind, String author, int priority,
                         String state, String reason, String candidate, Long candidateNo, String base, int commits,
                         Instant createdAt, Instant queuedAt, Instant updatedAt, Instant finishedAt) {

    public RequestState requestState() {
        return RequestState.of(state);
    }

    public boolean open() {
        return requestState().open();
    }
}
