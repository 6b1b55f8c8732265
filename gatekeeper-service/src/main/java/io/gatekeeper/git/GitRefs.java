package io.gatekeeper.git;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Small ref operations the queue needs besides landing: candidate refs in Gatekeeper's own namespace,
 * compare-and-swap branch deletion, prefix scans and ancestry.
 */
public final class GitRefs {
    /** Candidates are real commits under this namespace so runners can fetch them and gc keeps them. */
    public static final String CANDIDATES = "refs/gatekeeper/candidates/";

    private GitRefs() {
    }

    public static String candidateRef(long candidateId) {
        return CANDIDATES + candidateId;
    }

    /** Points {@code refs/gatekeeper/candidates/<id>} at the commit, creating or overwriting it. */
    public static void setCandidate(Repository repo, long candidateId, ObjectId commit) {
        String ref = candidateRef(candidateId);
        try {
            RefUpdate update = repo.updateRef(ref);
            update.setNewObjectId(commit);
            // Our own namespace: nobody else writes here, so overwriting is the intended semantics.
            update.setForceUpdate(true);
            update.setRefLogMessage("gatekeeper: candidate " + candidateId, false);
            RefUpdate.Result result = update.update();
            switch (result) {
                case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> { }
                default -> throw new GatekeeperGitException("cannot set " + ref + ": " + result);
            }
        } catch (IOException e) {
            throw new GatekeeperGitException("cannot set " + ref + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the candidate ref; deleting one that does not exist is not an error. */
    public static void deleteCandidate(Repository repo, long candidateId) {
        String ref = candidateRef(candidateId);
        try {
            if (repo.exactRef(ref) == null) {
                return;
            }
            RefUpdate update = repo.updateRef(ref);
            update.setForceUpdate(true);
            RefUpdate.Result result = update.delete();
            switch (result) {
                case FORCED, NEW, NO_CHANGE -> { }
                default -> throw new GatekeeperGitException("cannot delete " + ref + ": " + result);
            }
        } catch (IOException e) {
            throw new GatekeeperGitException("cannot delete " + ref + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes a branch only if it still points at {@code expectedOld}.
     *
     * @param refName full ref name, e.g. {@code refs/heads/pull-request/x}
     * @return true when the branch is gone (deleted now, or already absent); false when it points
     *         elsewhere (the user pushed again: the new commits must not be lost)
     */
    public static boolean deleteBranch(Repository repo, String refName, ObjectId expectedOld) {
        try {
            Ref current = repo.exactRef(refName);
            if (current == null) {
                return true;
            }
            if (!expectedOld.equals(current.getObjectId())) {
                return false;
            }
            RefUpdate update = repo.updateRef(refName);
            update.setExpectedOldObjectId(expectedOld);
            update.setForceUpdate(true);
            update.setRefLogMessage("gatekeeper: request finished", false);
            RefUpdate.Result result = update.delete();
            switch (result) {
                case FORCED, NO_CHANGE:
                    return true;
                case LOCK_FAILURE:
                    return repo.exactRef(refName) == null;
                default:
                    throw new GatekeeperGitException("cannot delete " + refName + ": " + result);
            }
        } catch (IOException e) {
            throw new GatekeeperGitException("cannot delete " + refName + ": " + e.getMessage(), e);
        }
    }

    /** @return full ref name to commit id for every ref under any of the prefixes, sorted by name */
    public static Map<String, ObjectId> scan(Repository repo, List<String> prefixes) {
        Map<String, ObjectId> found = new TreeMap<>();
        try {
            for (Ref ref : repo.getRefDatabase().getRefsByPrefix(prefixes.toArray(String[]::new))) {
                if (ref.getObjectId() != null) {
                    found.put(ref.getName(), ref.getObjectId());
                }
            }
        } catch (IOException e) {
            throw new GatekeeperGitException("cannot scan refs " + prefixes + ": " + e.getMessage(), e);
        }
        return found;
    }

    /** @return whether {@code maybeAncestor} is {@code of} or one of its ancestors; false if either is unknown */
    public static boolean isAncestor(Repository repo, ObjectId maybeAncestor, ObjectId of) {
        try (RevWalk walk = new RevWalk(repo)) {
            return walk.isMergedInto(walk.parseCommit(maybeAncestor), walk.parseCommit(of));
        } catch (MissingObjectException e) {
            return false;
        } catch (IOException e) {
            throw new GatekeeperGitException("cannot compare " + maybeAncestor.name() + " with " + of.name()
                    + ": " + e.getMessage(), e);
        }
    }

    /** @return the commit a ref points at, empty when the ref does not exist (or is unborn) */
    public static Optional<ObjectId> resolve(Repository repo, String refName) {
        try {
            Ref ref = repo.exactRef(refName);
            return ref == null ? Optional.empty() : Optional.ofNullable(ref.getObjectId());
        } catch (IOException e) {
            throw new GatekeeperGitException("cannot read " + refName + ": " + e.getMessage(), e);
        }
    }
}
