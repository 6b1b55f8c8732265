package io.gatekeeper.auth;

import java.util.Locale;

/** Roles in increasing power: each role may do what the ones before it may. */
public enum Role {
    DEVELOPER, PRIVILEGED, ADMIN;

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
        throw new io.gatekeeper.GatekeeperException.InvalidInput("unknown role '" + wire + "': use developer, privileged or admin");
    }
}
