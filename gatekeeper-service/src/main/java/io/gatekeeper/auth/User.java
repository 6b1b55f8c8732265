package io.gatekeeper.auth;

import java.security.Principal;

/** An authenticated person or runner. */
public record User(long id, String name, Role role) implements Principal {

    @Override
    public String getName() {
        return name;
    }

    /** Role names as Dropwizard's {@code @RolesAllowed} sees them: a role implies the ones below it. */
    public boolean hasRole(String roleName) {
        return role.atLeast(Role.of(roleName));
    }
}
