package io.gatekeeper.git;

import java.util.regex.Pattern;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;

/** Validation of the names a client may choose: repository names and head branch names. */
public final class RepositoryNames {
    /** Repository names become directory names and URL segments, so the alphabet is small. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private RepositoryNames() {
    }

    public static boolean isValid(String name) {
        return name != null
                && NAME.matcher(name).matches()
                && !name.startsWith(".")
                && !name.contains("..")
                && !name.endsWith(".git");
    }

    /** @throws InvalidNameException naming the rule that was broken */
    public static String requireValid(String name) {
        if (!isValid(name)) {
            throw new InvalidNameException("invalid repository name '" + name
                    + "': use 1-100 of A-Z a-z 0-9 . _ -, not starting with '.', without '..', not ending in .git");
        }
        return name;
    }

    /** @return the full ref name of a head branch given either as {@code main} or {@code refs/heads/main} */
    public static String headRef(String headBranch) {
        if (headBranch == null || headBranch.isBlank()) {
            throw new InvalidNameException("a head branch name is required");
        }
        String ref = headBranch.startsWith(Constants.R_HEADS) ? headBranch : Constants.R_HEADS + headBranch;
        if (!Repository.isValidRefName(ref)) {
            throw new InvalidNameException("invalid head branch name '" + headBranch + "'");
        }
        return ref;
    }
}
