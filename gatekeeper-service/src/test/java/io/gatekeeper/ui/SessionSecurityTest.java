package io.gatekeeper.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatekeeper.testing.Api;
import io.gatekeeper.testing.RunningService;
import io.gatekeeper.testing.ServiceExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign-in, the session cookie and CSRF against the real service over real HTTP, the way a forger would try it. */
class SessionSecurityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final ServiceExtension service = new ServiceExtension();
    static final Api admin = service.admin();
    static Http http;
    static String devToken;

    @BeforeAll
    static void connect() {
        http = new Http(service.url());
        devToken = admin.call("POST", "/api/users", Map.of("name", "dev", "role", "developer")).json()
                .get("token").asText();
    }

    record Session(String cookie, String csrf) {
        String header() {
            return SessionCookie.NAME + "=" + cookie;
        }
    }

    static Session signIn(String user, String token) {
        HttpResponse<String> r = http.send("POST", "/api/session", "{\"user\":\"" + user + "\",\"token\":\"" + token + "\"}",
                Http.headers("Content-Type", "application/json"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String set = r.headers().firstValue("Set-Cookie").orElseThrow();
        String value = set.substring(set.indexOf('=') + 1, set.indexOf(';'));
        return new Session(value, json(r).get("csrfToken").asText());
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError(r.body(), e);
        }
    }

    static HttpResponse<String> createUser(String name, Map<String, String> headers) {
        return http.send("POST", "/api/users", "{\"name\":\"" + name + "\",\"role\":\"admin\"}", headers);
    }

    static boolean userExists(String name) {
        return admin.get("/api/users").findValuesAsText("name").contains(name);
    }

    @Test
    void signIn_setsAnHttpOnlyStrictCookie_thatIsNotTheToken() {
        HttpResponse<String> r = http.send("POST", "/api/session",
                "{\"user\":\"admin\",\"token\":\"" + RunningService.ADMIN_TOKEN + "\"}",
                Http.headers("Content-Type", "application/json"));

        assertThat(r.statusCode()).isEqualTo(200);
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith(SessionCookie.NAME + "=").contains("; HttpOnly").contains("; SameSite=Strict")
                .contains("; Path=/").doesNotContain(RunningService.ADMIN_TOKEN);
        assertThat(r.body()).doesNotContain(RunningService.ADMIN_TOKEN);
        assertThat(json(r).get("user").asText()).isEqualTo("admin");
        assertThat(json(r).get("role").asText()).isEqualTo("admin");
        assertThat(json(r).get("csrfToken").asText()).hasSizeGreaterThan(20);
    }

    @Test
    void signIn_withAWrongToken_is401_andSetsNoCookie() {
        HttpResponse<String> r = http.send("POST", "/api/session", "{\"user\":\"admin\",\"token\":\"gk_wrong\"}",
                Http.headers("Content-Type", "application/json"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains(SessionResource.WRONG);
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(r.headers().firstValue("WWW-Authenticate").orElse("")).doesNotStartWith("Basic");
    }

    @Test
    void signIn_refusesAFormPost_soAnotherSiteCannotSignSomeoneIn() {
        HttpResponse<String> r = http.send("POST", "/api/session", "user=admin&token=" + RunningService.ADMIN_TOKEN,
                Http.headers("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void theCookie_authenticatesTheApisReads() {
        Session s = signIn("dev", devToken);
        HttpResponse<String> me = http.send("GET", "/api/users/me", null, Http.headers("Cookie", s.header()));
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(json(me).get("name").asText()).isEqualTo("dev");
        HttpResponse<String> session = http.send("GET", "/api/session", null, Http.headers("Cookie", s.header()));
        assertThat(json(session).get("csrfToken").asText()).isEqualTo(s.csrf());
    }

    @Test
    void aForgedPost_withoutTheCsrfToken_isRefused403_andChangesNothing() {
        Session s = signIn("admin", RunningService.ADMIN_TOKEN);
        HttpResponse<String> r = createUser("mallory", Http.headers("Content-Type", "application/json",
                "Cookie", s.header()));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).get("message").asText()).isEqualTo(CsrfFilter.REFUSED);
        assertThat(userExists("mallory")).isFalse();
    }

    @Test
    void anotherSessionsCsrfToken_isRefused() {
        Session victim = signIn("admin", RunningService.ADMIN_TOKEN);
        Session attacker = signIn("dev", devToken);
        HttpResponse<String> r = createUser("oscar", Http.headers("Content-Type", "application/json",
                "Cookie", victim.header(), SessionCookie.CSRF_HEADER, attacker.csrf()));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(userExists("oscar")).isFalse();
    }

    @Test
    void aPostFromAnotherOrigin_isRefused_evenWithTheToken() {
        Session s = signIn("admin", RunningService.ADMIN_TOKEN);
        HttpResponse<String> r = createUser("eve", Http.headers("Content-Type", "application/json",
                "Cookie", s.header(), SessionCookie.CSRF_HEADER, s.csrf(), "Origin", "http://evil.example"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).get("message").asText()).isEqualTo(CsrfFilter.CROSS_ORIGIN);
        assertThat(userExists("eve")).isFalse();
    }

    @Test
    void withTheSessionsCsrfToken_aChangeGoesThrough_andRolesStillApply() {
        Session admin = signIn("admin", RunningService.ADMIN_TOKEN);
        HttpResponse<String> created = createUser("peggy", Http.headers("Content-Type", "application/json",
                "Cookie", admin.header(), SessionCookie.CSRF_HEADER, admin.csrf(), "Origin", service.url()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(userExists("peggy")).isTrue();

        Session dev = signIn("dev", devToken);
        HttpResponse<String> refused = createUser("victor", Http.headers("Content-Type", "application/json",
                "Cookie", dev.header(), SessionCookie.CSRF_HEADER, dev.csrf()));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(userExists("victor")).isFalse();
    }

    @Test
    void scriptsWithABearerToken_needNoCsrfToken() {
        HttpResponse<String> r = createUser("walter", Http.headers("Content-Type", "application/json",
                "Authorization", "Bearer " + RunningService.ADMIN_TOKEN));
        assertThat(r.statusCode()).isEqualTo(201);
    }

    @Test
    void signOut_endsTheSession() {
        Session s = signIn("dev", devToken);
        HttpResponse<String> forged = http.send("DELETE", "/api/session", null, Http.headers("Cookie", s.header()));
        assertThat(forged.statusCode()).as("signing someone out is a change too").isEqualTo(403);

        HttpResponse<String> out = http.send("DELETE", "/api/session", null,
                Http.headers("Cookie", s.header(), SessionCookie.CSRF_HEADER, s.csrf()));
        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(http.send("GET", "/api/users/me", null, Http.headers("Cookie", s.header())).statusCode())
                .isEqualTo(401);
        assertThat(json(http.send("GET", "/api/session", null, Http.headers("Cookie", s.header()))).get("user").isNull())
                .isTrue();
    }
}
