package io.gatekeeper.flaky.judge;

import io.gatekeeper.flaky.model.ChangedTests.ChangedFile;

import java.io.IOException;
import java.util.List;

/** The port through which burn-in learns what a candidate changed: files added or modified since its base. */
@FunctionalInterface
public interface ChangedFiles {

    /** No repository access: nothing changed, so nothing is burnt in. */
    ChangedFiles NONE = (repo, base, commit) -> List.of();

    /**
     * @param base   the commit the candidate was built on
     * @param commit the candidate's commit
     * @return the paths present in {@code commit} whose content differs from {@code base}'s (deleted paths are
     *         not listed), each marked added when {@code base} did not have it
     */
    List<ChangedFile> between(String repo, String base, String commit) throws IOException;
}
