package io.gatekeeper.ui;

import io.gatekeeper.auth.Tokens;
import io.gatekeeper.auth.User;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The dashboard's sign-in sessions, a server-side table in memory.
 * <p>
 * The browser holds a random session id in an HttpOnly cookie. The table keys sessions by the id's SHA-256 and keeps
 * only the SHA-256 of the API token the user signed in with, so nothing in it is usable as a cookie or a token.
 * Every use looks that token hash up again, so revoking the token or changing the user's role takes effect at once.
 * A restart signs everybody out: that is the price of keeping nothing secret on disk.
 * <p>
 * The CSRF token is an HMAC of the session id under a key that lives only in this process: it needs no storage, and
 * knowing it reveals nothing about the id.
 */
public final class Sessions {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Session> byIdHash = new ConcurrentHashMap<>();
    private final Function<String, Optional<User>> userByTokenHash;
    private final Clock clock;
    private final Duration ttl;
    private final SecretKeySpec csrfKey;

    private record Session(String tokenHash, String userName, Instant expires) { }

    /** What a successful sign-in hands to the browser: the cookie value and the CSRF token for its scripts. */
    public record Opened(String sessionId, String csrfToken, User user) { }

    /**
     * @param userByTokenHash finds the user owning a live (unrevoked) token, given the token's SHA-256 as stored
     * @param ttl             how long a session lasts after sign-in
     */
    public Sessions(Function<String, Optional<User>> userByTokenHash, Clock clock, Duration ttl) {
        this.userByTokenHash = userByTokenHash;
        this.clock = clock;
        this.ttl = ttl;
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        this.csrfKey = new SecretKeySpec(key, "HmacSHA256");
    }

    /** Opens a session for a user who has just proved the token is theirs. */
    public Opened open(User user, String token) {
        purgeExpired();
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        byIdHash.put(Tokens.hash(id), new Session(Tokens.hash(token), user.name(), clock.instant().plus(ttl)));
        return new Opened(id, csrfToken(id), user);
    }

    /** The signed-in user behind a cookie value, if the session is live and its token still valid. */
    public Optional<User> user(String sessionId) {
        if (sessionId == null || sessionId.isBlank()) {
            return Optional.empty();
        }
        String key = Tokens.hash(sessionId);
        Session s = byIdHash.get(key);
        if (s == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(s.expires())) {
            byIdHash.remove(key);
            return Optional.empty();
        }
        Optional<User> user = userByTokenHash.apply(s.tokenHash()).filter(u -> u.name().equals(s.userName()));
        if (user.isEmpty()) {
            byIdHash.remove(key);
        }
        return user;
    }

    public String csrfToken(String sessionId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(csrfKey);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(sessionId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** Whether a presented CSRF token belongs to this session id (compared in constant time). */
    public boolean csrfMatches(String sessionId, String presented) {
        if (sessionId == null || presented == null || presented.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(csrfToken(sessionId).getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    public void close(String sessionId) {
        if (sessionId != null) {
            byIdHash.remove(Tokens.hash(sessionId));
        }
    }

    public Duration ttl() {
        return ttl;
    }

    /** Live sessions, expired ones not yet purged included. */
    public int size() {
        return byIdHash.size();
    }

    private void purgeExpired() {
        Instant now = clock.instant();
        byIdHash.values().removeIf(s -> !now.isBefore(s.expires()));
    }
}
