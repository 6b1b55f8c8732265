package io.gatekeeper.ui;

import io.dropwizard.testing.ConfigOverride;
import io.gatekeeper.testing.RunningService;
import io.gatekeeper.testing.ServiceExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code dashboardSignInRequired: true}, the views' data (the read API and the event stream) needs a user. */
class SignInRequiredTest {
    @RegisterExtension
    static final ServiceExtension service = new ServiceExtension(
            ConfigOverride.config("dashboardSignInRequired", "true"));
    static Http http;

    @BeforeAll
    static void connect() {
        http = new Http(service.url());
    }

    @Test
    void anonymousReads_areRefused() {
        for (String path : new String[]{"/api/repos", "/api/repos/demo/requests", "/api/audit", "/api/events"}) {
            HttpResponse<String> r = http.send("GET", path, null, Http.headers());
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(r.body()).as(path).contains(SignInRequiredFilter.NEEDS_SIGN_IN);
        }
    }

    @Test
    void thePageShell_andSignIn_stayOpen() {
        assertThat(http.send("GET", "/", null, Http.headers()).statusCode()).isEqualTo(200);
        HttpResponse<String> session = http.send("GET", "/api/session", null, Http.headers());
        assertThat(session.statusCode()).isEqualTo(200);
        assertThat(session.body()).contains("\"signInRequired\":true");
    }

    @Test
    void aSessionOrAToken_opensTheReads() {
        HttpResponse<String> signedIn = http.send("POST", "/api/session",
                "{\"user\":\"admin\",\"token\":\"" + RunningService.ADMIN_TOKEN + "\"}",
                Http.headers("Content-Type", "application/json"));
        String set = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        String cookie = set.substring(0, set.indexOf(';'));
        assertThat(http.send("GET", "/api/repos", null, Http.headers("Cookie", cookie)).statusCode()).isEqualTo(200);
        assertThat(http.send("GET", "/api/repos", null,
                Http.headers("Authorization", "Bearer " + RunningService.ADMIN_TOKEN)).statusCode()).isEqualTo(200);
        String basic = Base64.getEncoder().encodeToString(("admin:" + RunningService.ADMIN_TOKEN)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(http.send("GET", "/api/repos", null, Http.headers("Authorization", "Basic " + basic)).statusCode())
                .isEqualTo(200);
        assertThat(http.send("GET", "/api/repos", null, Http.headers("Authorization", "Bearer gk_wrong")).statusCode())
                .isEqualTo(401);
    }
}
