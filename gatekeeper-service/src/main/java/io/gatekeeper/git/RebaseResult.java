package io.gatekeeper.git;

import org.eclipse.jgit.lib.ObjectId;

import java.util.List;

/**
 * What a rebase came to. A conflict is an outcome, not an exception.
 *
 * @param newTip the rebased tip (REBASED), onto (EMPTY), null on CONFLICT
 * @param commits how many commits were replayed
 */
public record RebaseResult(Status status, ObjectId newTip, List<String> conflictPaths, int commits, String detail) {

    public enum Status { REBASED, EMPTY, CONFLICT }

    public RebaseResult {
        conflictPaths = List.copyOf(conflictPaths);
    }

    static RebaseResult conflict(List<String> paths, String detail) {
        return new RebaseResult(Status.CONFLICT, null, paths, 0, detail);
    }

    /** One line for the request's author. */
    public String message() {
        return switch (status) {
            case REBASED -> "rebased " + commits + " commit(s) onto " + abbrev(detail);
            case EMPTY -> "nothing to apply: every change is already in " + abbrev(detail);
            case CONFLICT -> "conflict in " + String.join(", ", conflictPaths) + " " + detail;
        };
    }

    private static String abbrev(String s) {
        return s != null && s.length() > 7 ? s.substring(0, 7) : s;
    }
}
