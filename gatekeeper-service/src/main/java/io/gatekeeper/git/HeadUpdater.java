package io.gatekeeper.git;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Moves head, only ever by compare-and-swap from the commit the candidate was tested on, and only forward. */
public final class HeadUpdater {

    public LandResult fastForward(Repository repo, String headBranch, ObjectId expectedOld, ObjectId newId) {
        String ref = Constants.R_HEADS + headBranch;
        try {
            ObjectId current = GitRefs.resolve(repo, ref).orElse(ObjectId.zeroId());
            if (current.equals(newId) || (!current.equals(ObjectId.zeroId())
                    && GitRefs.isAncestor(repo, newId, current))) {
                return LandResult.ALREADY_LANDED;
            }
            if (!current.equals(expectedOld)) {
                return LandResult.HEAD_MOVED;
            }
            if (!expectedOld.equals(ObjectId.zeroId()) && !GitRefs.isAncestor(repo, expectedOld, newId)) {
                return LandResult.NOT_FAST_FORWARD;
            }
            RefUpdate update = repo.updateRef(ref);
            update.setExpectedOldObjectId(expectedOld);
            update.setNewObjectId(newId);
            update.setRefLogIdent(new PersonIdent("Gatekeeper", "gatekeeper@localhost"));
            update.setRefLogMessage("gatekeeper: land " + newId.name(), false);
            RefUpdate.Result result = update.update();
            switch (result) {
                case FAST_FORWARD, NEW:
                    return LandResult.LANDED;
                case LOCK_FAILURE:
                    return LandResult.HEAD_MOVED;
                case REJECTED:
                    return LandResult.NOT_FAST_FORWARD;
                default:
                    return LandResult.FAILED;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + ref, e);
        }
    }
}
