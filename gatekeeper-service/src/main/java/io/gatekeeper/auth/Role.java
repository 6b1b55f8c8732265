package io.gatekeeper.auth;

import java.util.Locale;

/**
 * Roles in increasing power: each person's role may do what the ones before it may. {@link #RUNNER} is the
 * machine role of runner nodes: it may fetch and act as a runner, and nothing a developer may do (a runner
 * uploads the reports that decide whether changes land, so acting as one must not come with any person's
 * token by default).
 */
public enum Role {
    RUNNER, DEVELOPER, PRIVILEGED, ADMIN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    public static Role of(String wire) {
        for (Role r : values()) {
            if (r.wire().equals(wire)) {
                return r;
            }
        }
        throw new io.gatekeeper.GatekeeperException.InvalidInput("unknown role '" + wire + "': use developer, privileged, admin or runner");
    }
}
