package io.gatekeeper.git;

import java.util.Set;

/**
 * Who is pushing or fetching, as the git layer needs to know it.
 *
 * @param name the user name
 * @param roles role names: {@value #DEVELOPER}, {@value #PRIVILEGED}, {@value #ADMIN}, {@value #RUNNER}
 */
public record GitPrincipal(String name, Set<String> roles) {
    public static final String DEVELOPER = "developer";
    public static final String PRIVILEGED = "privileged";
    public static final String ADMIN = "admin";
    /** A runner node's machine token: it fetches candidates and pushes nothing. */
    public static final String RUNNER = "runner";

    public GitPrincipal {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    /** @return whether the user may push {@code push-request/*}: privileged or admin */
    public boolean privileged() {
        return roles.contains(PRIVILEGED) || admin();
    }

    /** @return whether this is a runner node's token, which may fetch but never push */
    public boolean runner() {
        return roles.contains(RUNNER) && !admin();
    }

    public boolean admin() {
        return roles.contains(ADMIN);
    }
}
