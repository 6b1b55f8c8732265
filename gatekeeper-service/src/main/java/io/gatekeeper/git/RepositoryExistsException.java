package io.gatekeeper.git;

/** A repository with that name is already hosted. */
public class RepositoryExistsException extends GatekeeperGitException {
    private final String name;

    public RepositoryExistsException(String name) {
        super("repository " + name + " already exists");
        this.name = name;
    }

    public String name() {
        return name;
    }
}
