package io.gatekeeper.git;

import java.util.List;

/**
 * Told of every accepted push, after its refs were updated. Called on the HTTP thread that served the push: it
 * must hand the work off and return quickly.
 */
@FunctionalInterface
public interface PushListener {
    void onPush(String repo, GitPrincipal pusher, List<RefChange> changes);
}
