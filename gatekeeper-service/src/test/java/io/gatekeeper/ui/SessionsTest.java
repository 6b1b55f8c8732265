package io.gatekeeper.ui;

import io.gatekeeper.auth.Role;
import io.gatekeeper.auth.Tokens;
import io.gatekeeper.auth.User;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SessionsTest {
    private final Map<String, User> tokens = new HashMap<>();
    private Instant now = Instant.parse("2026-11-23T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final Sessions sessions = new Sessions(hash -> Optional.ofNullable(tokens.get(hash)), clock,
            Duration.ofHours(12));
    private final User ada = new User(1, "ada", Role.PRIVILEGED);

    private Sessions.Opened signIn(User user, String token) {
        tokens.put(Tokens.hash(token), user);
        return sessions.open(user, token);
    }

    @Test
    void aSession_findsItsUser_untilItExpires() {
        Sessions.Opened s = signIn(ada, "gk_ada");
        now = now.plus(Duration.ofHours(12)).minusSeconds(1);
        assertThat(sessions.user(s.sessionId())).contains(ada);
        now = now.plusSeconds(1);
        assertThat(sessions.user(s.sessionId())).isEmpty();
        assertThat(sessions.size()).isZero();
    }

    @Test
    void theSessionId_isNeitherTheTokenNorGuessable() {
        Sessions.Opened a = signIn(ada, "gk_ada");
        Sessions.Opened b = signIn(ada, "gk_ada");
        assertThat(a.sessionId()).isNotEqualTo(b.sessionId()).doesNotContain("gk_ada").hasSizeGreaterThanOrEqualTo(43);
        assertThat(sessions.user("gk_ada")).isEmpty();
        assertThat(sessions.user(Tokens.hash(a.sessionId()))).as("the stored key is not a credential").isEmpty();
    }

    @Test
    void revokingTheToken_endsTheSession_andARoleChangeShowsAtOnce() {
        Sessions.Opened s = signIn(ada, "gk_ada");
        tokens.put(Tokens.hash("gk_ada"), new User(1, "ada", Role.ADMIN));
        assertThat(sessions.user(s.sessionId()).map(User::role)).contains(Role.ADMIN);
        tokens.remove(Tokens.hash("gk_ada"));
        assertThat(sessions.user(s.sessionId())).isEmpty();
    }

    @Test
    void aCsrfToken_belongsToItsSessionOnly() {
        Sessions.Opened a = signIn(ada, "gk_ada");
        Sessions.Opened b = signIn(new User(2, "bob", Role.DEVELOPER), "gk_bob");
        assertThat(sessions.csrfMatches(a.sessionId(), a.csrfToken())).isTrue();
        assertThat(sessions.csrfMatches(a.sessionId(), b.csrfToken())).isFalse();
        assertThat(sessions.csrfMatches(a.sessionId(), "")).isFalse();
        assertThat(sessions.csrfMatches(a.sessionId(), null)).isFalse();
        assertThat(a.csrfToken()).isNotEqualTo(a.sessionId());
    }

    @Test
    void closing_endsTheSession() {
        Sessions.Opened s = signIn(ada, "gk_ada");
        sessions.close(s.sessionId());
        assertThat(sessions.user(s.sessionId())).isEmpty();
    }
}
