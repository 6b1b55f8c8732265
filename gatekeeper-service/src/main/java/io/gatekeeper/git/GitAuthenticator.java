package io.gatekeeper.git;

import java.util.Optional;

/** Checks HTTP Basic credentials: a user name and one of that user's API tokens. */
@FunctionalInterface
public interface GitAuthenticator {
    Optional<GitPrincipal> authenticate(String user, String token);
}
