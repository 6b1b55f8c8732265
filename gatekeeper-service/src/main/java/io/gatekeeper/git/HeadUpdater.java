package io.gatekeeper.git;

import java.io.IOException;
import java.util.Optional;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Moves a head branch to a tested candidate with a compare-and-swap: the update succeeds only if head
 * still is the commit the candidate was built and tested on, and only as a fast-forward.
 */
public final class HeadUpdater {
    private final PersonIdent reflogIdent;

    public HeadUpdater() {
        this(null);
    }

    /** @param reflogIdent who the head's reflog names as moving it; null for JGit's default */
    public HeadUpdater(PersonIdent reflogIdent) {
        this.reflogIdent = reflogIdent;
    }

    /**
     * @param headBranch {@code main} or {@code refs/heads/main}
     * @param expectedOld the head the candidate was built on; {@code null} or the zero id when the head
     *        branch must not exist yet
     * @param newId the tested candidate
     */
    public LandResult fastForward(Repository repo, String headBranch, ObjectId expectedOld, ObjectId newId) {
        String headRef = RepositoryNames.headRef(headBranch);
        ObjectId expected = expectedOld == null ? ObjectId.zeroId() : expectedOld;
        try (RevWalk walk = new RevWalk(repo)) {
            Optional<ObjectId> current = GitRefs.resolve(repo, headRef);
            // Checked before the expected-old comparison so that a landing done before a crash is
            // recognised as such instead of looking like someone else moved head.
            if (current.isPresent() && contains(walk, current.get(), newId)) {
                return LandResult.ALREADY_LANDED;
            }
            if (!current.orElse(ObjectId.zeroId()).equals(expected)) {
                return LandResult.HEAD_MOVED;
            }
            if (!expected.equals(ObjectId.zeroId()) && !contains(walk, newId, expected)) {
                return LandResult.NOT_FAST_FORWARD;
            }
            RefUpdate update = repo.updateRef(headRef);
            update.setExpectedOldObjectId(expected);
            update.setNewObjectId(newId);
            update.setForceUpdate(false);
            update.setRefLogMessage("gatekeeper: land " + newId.name(), false);
            if (reflogIdent != null) {
                update.setRefLogIdent(reflogIdent);
            }
            RefUpdate.Result result = update.update(walk);
            switch (result) {
                case FAST_FORWARD:
                case NEW:
                    return LandResult.LANDED;
                case NO_CHANGE:
                    return LandResult.ALREADY_LANDED;
                case REJECTED:
                    return LandResult.NOT_FAST_FORWARD;
                case LOCK_FAILURE:
                    // Lost the race: someone moved head between our read and the swap.
                    Optional<ObjectId> now = GitRefs.resolve(repo, headRef);
                    return now.isPresent() && contains(walk, now.get(), newId)
                            ? LandResult.ALREADY_LANDED : LandResult.HEAD_MOVED;
                default:
                    return LandResult.FAILED;
            }
        } catch (IOException e) {
            throw new GatekeeperGitException("cannot update " + headRef + ": " + e.getMessage(), e);
        }
    }

    /** @return whether {@code commit} is {@code maybeAncestor} or descends from it; false for unknown ids */
    private static boolean contains(RevWalk walk, ObjectId commit, ObjectId maybeAncestor) throws IOException {
        try {
            walk.reset();
            return walk.isMergedInto(walk.parseCommit(maybeAncestor), walk.parseCommit(commit));
        } catch (org.eclipse.jgit.errors.MissingObjectException e) {
            return false;
        }
    }
}
