package io.gatekeeper.auth;

import io.gatekeeper.GatekeeperException;
import io.gatekeeper.store.AuditRow;
import io.gatekeeper.store.AuditDao;
import io.gatekeeper.store.UserDao;
import io.gatekeeper.store.UserRow;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Users, roles and tokens. Every token issue and role change is audited in the same transaction. */
public final class UserService {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final Jdbi jdbi;
    private final Clock clock;

    public UserService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** A new user and its first token (returned in clear, once). */
    public Issued create(String name, Role role, String actor, String presetToken) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new GatekeeperException.InvalidInput("invalid user name '" + name
                    + "': use letters, digits, '.', '_' or '-' (at most 100)");
        }
        String token = presetToken != null ? presetToken : Tokens.generate();
        return jdbi.inTransaction(h -> {
            UserDao users = h.attach(UserDao.class);
            if (users.byName(name).isPresent()) {
                throw new GatekeeperException.Conflict("user '" + name + "' already exists");
            }
            long id = users.insert(name, role.wire(), clock.instant());
            users.insertToken(id, Tokens.hash(token), "initial", clock.instant());
            h.attach(AuditDao.class).append(AuditRow.of(clock.instant(), actor, "user.create", null, name,
                    null, null, "role " + role.wire()));
            h.attach(AuditDao.class).append(AuditRow.of(clock.instant(), actor, "token.issue", null, name,
                    null, null, null));
            return new Issued(new User(id, name, role), token);
        });
    }

    /** Changes a user's role; audited with the old and new role. */
    public User setRole(String name, Role role, String actor) {
        return jdbi.inTransaction(h -> {
            UserDao users = h.attach(UserDao.class);
            UserRow row = users.byName(name)
                    .orElseThrow(() -> new GatekeeperException.NotFound("no user named '" + name + "'"));
            users.setRole(role.wire(), row.id());
            h.attach(AuditDao.class).append(AuditRow.of(clock.instant(), actor, "user.role", null, name,
                    null, null, row.role() + " -> " + role.wire()));
            return new User(row.id(), name, role);
        });
    }

    /** Revokes every token of a user and issues a new one (returned in clear, once); both audited. */
    public Issued rotateToken(String name, String actor) {
        String token = Tokens.generate();
        return jdbi.inTransaction(h -> {
            UserDao users = h.attach(UserDao.class);
            UserRow row = users.byName(name)
                    .orElseThrow(() -> new GatekeeperException.NotFound("no user named '" + name + "'"));
            int revoked = users.revokeTokens(clock.instant(), row.id());
            users.insertToken(row.id(), Tokens.hash(token), "rotated", clock.instant());
            h.attach(AuditDao.class).append(AuditRow.of(clock.instant(), actor, "token.revoke", null, name,
                    null, null, revoked + " token(s)"));
            h.attach(AuditDao.class).append(AuditRow.of(clock.instant(), actor, "token.issue", null, name,
                    null, null, null));
            return new Issued(toUser(row), token);
        });
    }

    /** Revokes every token of a user: it can no longer push or call the API. Audited. */
    public int revokeTokens(String name, String actor) {
        return jdbi.inTransaction(h -> {
            UserDao users = h.attach(UserDao.class);
            UserRow row = users.byName(name)
                    .orElseThrow(() -> new GatekeeperException.NotFound("no user named '" + name + "'"));
            int revoked = users.revokeTokens(clock.instant(), row.id());
            h.attach(AuditDao.class).append(AuditRow.of(clock.instant(), actor, "token.revoke", null, name,
                    null, null, revoked + " token(s)"));
            return revoked;
        });
    }

    public Optional<User> authenticate(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return jdbi.withExtension(UserDao.class, d -> d.byTokenHash(Tokens.hash(token))).map(UserService::toUser);
    }

    /** Basic auth: the token must belong to the named user. */
    public Optional<User> authenticate(String name, String token) {
        return authenticate(token).filter(u -> u.name().equals(name));
    }

    public boolean anyUsers() {
        return jdbi.withExtension(UserDao.class, UserDao::count) > 0;
    }

    public List<User> all() {
        return jdbi.withExtension(UserDao.class, UserDao::all).stream().map(UserService::toUser).toList();
    }

    private static User toUser(UserRow row) {
        return new User(row.id(), row.name(), Role.of(row.role()));
    }

    public record Issued(User user, String token) { }
}
