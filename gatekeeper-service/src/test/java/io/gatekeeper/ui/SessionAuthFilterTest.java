package io.gatekeeper.ui;

import io.dropwizard.auth.Auth;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import io.gatekeeper.auth.Role;
import io.gatekeeper.auth.Tokens;
import io.gatekeeper.auth.User;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session AuthFilter on its own (Jersey in memory, no servlet filters in front): the cookie signs reads, and
 * signs changes only together with the session's CSRF token.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SessionAuthFilterTest {
    static final Map<String, User> TOKENS = Map.of(
            Tokens.hash("gk_root"), new User(1, "root", Role.ADMIN),
            Tokens.hash("gk_dev"), new User(2, "dev", Role.DEVELOPER));
    static final Sessions SESSIONS = new Sessions(h -> Optional.ofNullable(TOKENS.get(h)), Clock.systemUTC(),
            Duration.ofHours(1));

    @Path("/probe")
    public static class Probe {
        @GET
        public String who(@Auth User user) {
            return user.name();
        }

        @POST
        @RolesAllowed("admin")
        public String change(@Auth User user) {
            return "changed by " + user.name();
        }
    }

    final ResourceExtension resources = ResourceExtension.builder()
            .addProvider(new AuthDynamicFeature(SessionAuthFilter.over(SESSIONS)))
            .addProvider(RolesAllowedDynamicFeature.class)
            .addProvider(new AuthValueFactoryProvider.Binder<>(User.class))
            .addResource(new Probe())
            .build();

    private Invocation.Builder as(Sessions.Opened s) {
        return resources.target("/probe").request().cookie(SessionCookie.NAME, s.sessionId());
    }

    @Test
    void theCookie_signsReads() {
        Sessions.Opened dev = SESSIONS.open(TOKENS.get(Tokens.hash("gk_dev")), "gk_dev");
        assertThat(as(dev).get(String.class)).isEqualTo("dev");
        assertThat(resources.target("/probe").request().get().getStatus()).isEqualTo(401);
        assertThat(resources.target("/probe").request().cookie(SessionCookie.NAME, "made-up").get().getStatus())
                .isEqualTo(401);
    }

    @Test
    void aChange_needsTheCsrfToken_andTheRole() {
        Sessions.Opened root = SESSIONS.open(TOKENS.get(Tokens.hash("gk_root")), "gk_root");
        assertThat(as(root).post(Entity.text("")).getStatus()).isEqualTo(401);
        assertThat(as(root).header(SessionCookie.CSRF_HEADER, "wrong").post(Entity.text("")).getStatus()).isEqualTo(401);
        assertThat(as(root).header(SessionCookie.CSRF_HEADER, root.csrfToken()).post(Entity.text(""))
                .readEntity(String.class)).isEqualTo("changed by root");

        Sessions.Opened dev = SESSIONS.open(TOKENS.get(Tokens.hash("gk_dev")), "gk_dev");
        assertThat(as(dev).header(SessionCookie.CSRF_HEADER, dev.csrfToken()).post(Entity.text("")).getStatus())
                .isEqualTo(403);
    }
}
