package io.gatekeeper.git;

import org.eclipse.jgit.lib.ObjectId;

/**
 * One ref a push changed. Following JGit, an absent side is the zero id.
 *
 * @param refName full name, e.g. {@code refs/heads/pull-request/x}
 */
public record RefChange(String refName, ObjectId oldId, ObjectId newId) {
    public boolean isDelete() {
        return ObjectId.zeroId().equals(newId);
    }

    public boolean isCreate() {
        return ObjectId.zeroId().equals(oldId);
    }
}
