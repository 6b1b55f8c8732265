package io.gatekeeper.pool;

import io.gatekeeper.auth.Role;
import io.gatekeeper.auth.User;

/**
 * Who may act as a runner. A runner's reports decide whether changes land, so by default only tokens of
 * users with the {@link Role#RUNNER} role (and admins) may: a developer's token must not let its owner lease
 * and pass their own change. {@code pool.runnerRole} may widen that to every person with at least a role.
 * The service's own local runners act as a runner user. A runner acts only for the nodes it registered.
 */
public final class RunnerAccess {
    private final Role least;

    public RunnerAccess(String runnerRole) {
        this.least = Role.of(runnerRole);
    }

    /** @throws PoolException.NotYourNode (403) when the user may not act as a runner at all */
    public Caller caller(User user) {
        if (!allowed(user.role())) {
            throw new PoolException.NotYourNode("user " + user.name() + " may not act as a runner: it needs the "
                    + (least == Role.RUNNER ? "runner role (or admin)" : "runner role or " + least.wire() + " or more")
                    + "; an admin issues one with: user add NAME --role runner");
        }
        return new Caller(user.name(), user.role() == Role.ADMIN);
    }

    private boolean allowed(Role role) {
        if (role == Role.RUNNER || role == Role.ADMIN) {
            return true;
        }
        return least != Role.RUNNER && role.atLeast(least);
    }
}
