package io.gatekeeper.git;

import org.eclipse.jgit.lib.Repository;

import java.util.List;

/** The port to hosted repositories: bare repositories by name. The caller closes what it opens. */
public interface RepositoryStore {

    boolean exists(String name);

    /** @throws RepositoryNotFoundException when there is no such repository */
    Repository open(String name);

    /** A new bare repository whose HEAD points at {@code refs/heads/<headBranch>}. */
    Repository create(String name, String headBranch);

    List<String> names();
}
