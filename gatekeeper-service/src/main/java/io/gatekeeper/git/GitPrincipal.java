package io.gatekeeper.git;

import java.util.Set;

/** Who is pushing or fetching, with role names (developer, privileged, admin). */
public record GitPrincipal(String name, Set<String> roles) {
    public GitPrincipal {
        roles = Set.copyOf(roles);
    }

    public boolean admin() {
        return roles.contains("admin");
    }

    public boolean privileged() {
        return admin() || roles.contains("privileged");
    }
}
