package io.gatekeeper.git;

import java.util.List;

import org.eclipse.jgit.lib.Repository;

/**
 * The port through which everything reaches the hosted bare repositories. The disk implementation is
 * {@link FileRepositoryStore}; tests use an in-memory one.
 *
 * <p>Implementations are thread-safe. Every {@link Repository} handed out is owned by the caller, who
 * must {@link Repository#close() close} it (try-with-resources); shared instances are handed out with
 * their use count incremented so that this contract holds either way.
 */
public interface RepositoryStore {
    boolean exists(String name);

    /**
     * @throws RepositoryNotFoundException when no repository has that name
     * @throws InvalidNameException when the name is not a valid repository name
     */
    Repository open(String name);

    /**
     * Creates an empty bare repository whose HEAD is linked to {@code refs/heads/<headBranch>}
     * (the branch itself is born by the first push or import).
     *
     * @throws RepositoryExistsException when the name is taken
     * @throws InvalidNameException when the name or branch is invalid
     */
    Repository create(String name, String headBranch);

    /** @return the names of all hosted repositories, sorted */
    List<String> names();
}
