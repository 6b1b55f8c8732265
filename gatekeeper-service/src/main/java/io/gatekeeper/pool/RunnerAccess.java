package io.gatekeeper.pool;

import io.gatekeeper.auth.Role;
import io.gatekeeper.auth.User;

/**
 * Who may act as a runner: any user with at least {@code runnerRole} (developer by default: any valid token),
 * and always the service's own local runners. A runner acts only for the nodes it registered.
 */
public final class RunnerAccess {
    private final Role least;

    public RunnerAccess(String runnerRole) {
        this.least = Role.of(runnerRole);
    }

    /** @throws PoolException.NotYourNode (403) when the user may not act as a runner at all */
    public Caller caller(User user) {
        if (!user.role().atLeast(least) && !LocalRunnerToken.USER.equals(user.name())) {
            throw new PoolException.NotYourNode("user " + user.name() + " may not act as a runner: it needs role "
                    + least.wire() + " or more");
        }
        return new Caller(user.name(), user.role() == Role.ADMIN);
    }
}
