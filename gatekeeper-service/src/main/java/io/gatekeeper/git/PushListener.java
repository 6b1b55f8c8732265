package io.gatekeeper.git;

import java.util.List;

/**
 * Told about a push after its refs are updated (the post-receive point), with only the changes that
 * succeeded. It runs on the pushing client's HTTP request, so it records the changes (e.g. queues
 * requests) and returns; anything it throws is logged and does not fail the push. Pushes it misses
 * (a crash just after the ref update) are found by the periodic ref scan.
 */
public interface PushListener {
    PushListener NONE = (repo, pusher, changes) -> { };

    void onPush(String repo, GitPrincipal pusher, List<RefChange> changes);

    /**
     * A push is about to update refs (the pre-receive point): until {@link #received} a ref scan would see only
     * some of its refs, and queue them apart from the rest.
     */
    default void receiving(String repo) {
    }

    /** The push that {@link #receiving} announced is over, whatever became of it (after {@link #onPush}). */
    default void received(String repo) {
    }
}
