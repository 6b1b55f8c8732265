package io.gatekeeper.pool;

import io.gatekeeper.auth.Role;
import io.gatekeeper.auth.Tokens;
import io.gatekeeper.store.AuditDao;
import io.gatekeeper.store.AuditRow;
import io.gatekeeper.store.UserDao;
import io.gatekeeper.store.UserRow;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Instant;

/**
 * The token of the service's own runner processes. They act as the user {@value #USER}, created on first use;
 * each start of the service issues a fresh token and revokes the previous ones, so runners left over from an
 * earlier service (killed with -9, say) are refused and exit.
 */
public final class LocalRunnerToken {
    public static final String USER = "local-runner";

    private LocalRunnerToken() {
    }

    public static String issue(Jdbi jdbi, Clock clock) {
        String token = Tokens.generate();
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            UserDao users = h.attach(UserDao.class);
            long id = users.byName(USER).map(UserRow::id)
                    .orElseGet(() -> users.insert(USER, Role.RUNNER.wire(), now));
            users.setRole(Role.RUNNER.wire(), id);   // databases from before the runner role made it a developer
            users.revokeTokens(now, id);
            users.insertToken(id, Tokens.hash(token), "local runners", now);
            h.attach(AuditDao.class).append(AuditRow.of(now, "gatekeeper", "token.issue", null, USER, null, null,
                    "token of the service's local runner processes"));
        });
        return token;
    }
}
