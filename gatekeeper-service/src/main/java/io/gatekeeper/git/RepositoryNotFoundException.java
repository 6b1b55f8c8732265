package io.gatekeeper.git;

/** No hosted repository has that name. */
public final class RepositoryNotFoundException extends RuntimeException {
    public RepositoryNotFoundException(String name) {
        super("no repository named '" + name + "'");
    }
}
