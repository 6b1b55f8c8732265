package io.gatekeeper.flaky.service;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The API's id of a test: repository and test id in one path-safe token (base64url of {@code repo\ntestId}).
 * Test ids hold '#', '/', brackets and spaces, which do not survive a URL path unencoded; an opaque token
 * does, and it names the repository too, so {@code /api/tests/{id}} needs nothing else.
 */
public final class TestKeys {

    public record Key(String repo, String testId) { }

    private TestKeys() {
    }

    public static String encode(String repo, String testId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((repo + "\n" + testId).getBytes(StandardCharsets.UTF_8));
    }

    public static Optional<Key> decode(String token) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int nl = plain.indexOf('\n');
            if (nl <= 0 || nl == plain.length() - 1 || plain.indexOf('\uFFFD') >= 0) {
                return Optional.empty();
            }
            return Optional.of(new Key(plain.substring(0, nl), plain.substring(nl + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
