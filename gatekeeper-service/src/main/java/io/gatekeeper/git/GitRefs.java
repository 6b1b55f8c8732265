package io.gatekeeper.git;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small ref operations; every move names the value it expects to replace. */
public final class GitRefs {
    public static final String CANDIDATES = "refs/gatekeeper/candidates/";

    private GitRefs() {
    }

    /** Publishes a candidate commit so runners can fetch it, and so it is never garbage-collected early. */
    public static void setCandidate(Repository repo, long candidateId, ObjectId commit) {
        String ref = CANDIDATES + candidateId;
        try {
            ObjectId old = resolve(repo, ref).orElse(ObjectId.zeroId());
            RefUpdate update = repo.updateRef(ref);
            update.setExpectedOldObjectId(old);
            update.setNewObjectId(commit);
            update.setForceUpdate(true);
            update.disableRefLog();
            RefUpdate.Result r = update.update();
            if (r != RefUpdate.Result.NEW && r != RefUpdate.Result.FORCED && r != RefUpdate.Result.NO_CHANGE
                    && r != RefUpdate.Result.FAST_FORWARD) {
                throw new IllegalStateException("cannot set " + ref + ": " + r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteCandidate(Repository repo, long candidateId) {
        String ref = CANDIDATES + candidateId;
        resolve(repo, ref).ifPresent(old -> deleteBranch(repo, ref, old));
    }

    /** Deletes a ref only if it still points at {@code expectedOld}; false when it moved or is gone. */
    public static boolean deleteBranch(Repository repo, String refName, ObjectId expectedOld) {
        try {
            RefUpdate update = repo.updateRef(refName);
            update.setExpectedOldObjectId(expectedOld);
            update.setForceUpdate(true);
            update.disableRefLog();
            RefUpdate.Result r = update.delete();
            return r == RefUpdate.Result.FORCED || r == RefUpdate.Result.FAST_FORWARD || r == RefUpdate.Result.NO_CHANGE;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Refs under any of the prefixes, by full name. */
    public static Map<String, ObjectId> scan(Repository repo, List<String> prefixes) {
        Map<String, ObjectId> out = new LinkedHashMap<>();
        try {
            for (String prefix : prefixes) {
                for (Ref ref : repo.getRefDatabase().getRefsByPrefix(prefix)) {
                    if (ref.getObjectId() != null) {
                        out.put(ref.getName(), ref.getObjectId());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public static boolean isAncestor(Repository repo, ObjectId maybeAncestor, ObjectId of) {
        try (RevWalk walk = new RevWalk(repo)) {
            return walk.isMergedInto(walk.parseCommit(maybeAncestor), walk.parseCommit(of));
        } catch (org.eclipse.jgit.errors.MissingObjectException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Optional<ObjectId> resolve(Repository repo, String refName) {
        try {
            Ref ref = repo.exactRef(refName);
            return ref == null ? Optional.empty() : Optional.ofNullable(ref.getObjectId());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String head(String branch) {
        return Constants.R_HEADS + branch;
    }
}
