package io.gatekeeper.git;

import java.util.Optional;

/**
 * Checks the credentials a git client sends over HTTP Basic: a user name and an API token.
 * Called once per HTTP request (a push is two or three), from the servlet container's threads, so
 * implementations are thread-safe and reasonably quick.
 */
public interface GitAuthenticator {
    /** @return the principal when the token is valid for that user, empty otherwise */
    Optional<GitPrincipal> authenticate(String user, String token);
}
