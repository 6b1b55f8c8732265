package io.gatekeeper.store;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@RegisterConstructorMapper(UserRow.class)
public interface UserDao {

    @SqlUpdate("INSERT INTO users (name, role, created_at) VALUES (?, ?, ?)")
    @GetGeneratedKeys("id")
    long insert(String name, String role, Instant createdAt);

    @SqlQuery("SELECT * FROM users WHERE name = ?")
    Optional<UserRow> byName(String name);

    @SqlQuery("SELECT * FROM users ORDER BY id")
    List<UserRow> all();

    @SqlQuery("SELECT COUNT(*) FROM users")
    long count();

    @SqlUpdate("UPDATE users SET role = ? WHERE id = ?")
    int setRole(String role, long id);

    @SqlUpdate("INSERT INTO api_tokens (user_id, token_hash, label, created_at) VALUES (?, ?, ?, ?)")
    @GetGeneratedKeys("id")
    long insertToken(long userId, String tokenHash, String label, Instant createdAt);

    @SqlQuery("SELECT u.* FROM users u JOIN api_tokens t ON t.user_id = u.id"
            + " WHERE t.token_hash = ? AND t.revoked_at IS NULL")
    Optional<UserRow> byTokenHash(String tokenHash);

    @SqlUpdate("UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL")
    int revokeTokens(Instant at, long userId);
}
