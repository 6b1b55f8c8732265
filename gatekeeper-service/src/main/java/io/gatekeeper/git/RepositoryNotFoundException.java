package io.gatekeeper.git;

/** The named repository is not hosted here. */
public class RepositoryNotFoundException extends GatekeeperGitException {
    private final String name;

    public RepositoryNotFoundException(String name) {
        super("repository " + name + " not found");
        this.name = name;
    }

    public String name() {
        return name;
    }
}
