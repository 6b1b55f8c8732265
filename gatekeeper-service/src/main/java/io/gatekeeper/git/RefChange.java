package io.gatekeeper.git;

import org.eclipse.jgit.lib.ObjectId;

/** One ref a push changed. */
public record RefChange(String refName, ObjectId oldId, ObjectId newId) {

    public boolean isDelete() {
        return newId == null || newId.equals(ObjectId.zeroId());
    }

    public boolean isCreate() {
        return oldId == null || oldId.equals(ObjectId.zeroId());
    }
}
