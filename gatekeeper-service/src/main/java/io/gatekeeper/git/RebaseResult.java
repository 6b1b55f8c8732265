package io.gatekeeper.git;

import java.util.List;

import org.eclipse.jgit.lib.ObjectId;

/**
 * Outcome of {@link InCoreRebaser#rebase}.
 *
 * @param status what happened
 * @param newTip the commit to test and land: the rewritten tip (REBASED), {@code onto} itself (EMPTY);
 *        {@code null} on CONFLICT
 * @param conflictPaths the conflicting paths, sorted; empty unless CONFLICT
 * @param commits commits {@code newTip} adds on top of {@code onto}; for CONFLICT, commits replayed
 *        cleanly before the one that conflicted
 * @param conflict which commit conflicted on what; {@code null} unless CONFLICT
 */
public record RebaseResult(Status status, ObjectId newTip, List<String> conflictPaths, int commits,
                           Conflict conflict) {

    public enum Status {
        REBASED,
        /** Nothing to apply: every change is already in onto; newTip = onto. */
        EMPTY,
        CONFLICT
    }

    /** The commit that could not be replayed, and the onto it was being replayed for. */
    public record Conflict(ObjectId commit, String subject, ObjectId onto) {
    }

    public RebaseResult {
        conflictPaths = conflictPaths == null ? List.of() : List.copyOf(conflictPaths);
    }

    public RebaseResult(Status status, ObjectId newTip, List<String> conflictPaths, int commits) {
        this(status, newTip, conflictPaths, commits, null);
    }

    static RebaseResult rebased(ObjectId newTip, int commits) {
        return new RebaseResult(Status.REBASED, newTip, List.of(), commits, null);
    }

    static RebaseResult empty(ObjectId onto) {
        return new RebaseResult(Status.EMPTY, onto, List.of(), 0, null);
    }

    static RebaseResult conflict(List<String> paths, int appliedBefore, Conflict conflict) {
        return new RebaseResult(Status.CONFLICT, null, paths, appliedBefore, conflict);
    }

    public boolean ok() {
        return status != Status.CONFLICT;
    }

    /** A one-line, user-facing description, e.g. for a rejected request's reason. */
    public String message() {
        switch (status) {
            case REBASED:
                return "rebased " + plural(commits) + ", new tip " + abbrev(newTip);
            case EMPTY:
                return "nothing to apply: every change is already in head";
            case CONFLICT:
            default:
                String paths = conflictPaths.isEmpty() ? "the tree" : String.join(", ", conflictPaths);
                if (conflict == null) {
                    return "conflict in " + paths;
                }
                return "conflict in " + paths + " when applying " + abbrev(conflict.commit())
                        + " \"" + conflict.subject() + "\" onto " + abbrev(conflict.onto());
        }
    }

    static String abbrev(ObjectId id) {
        return id == null ? "(none)" : id.abbreviate(7).name();
    }

    private static String plural(int n) {
        return n == 1 ? "1 commit" : n + " commits";
    }

    @Override
    public String toString() {
        return status + ": " + message();
    }
}
