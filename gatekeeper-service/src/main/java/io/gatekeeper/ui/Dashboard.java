package io.gatekeeper.ui;

import io.dropwizard.auth.AuthFilter;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.servlets.assets.AssetServlet;
import io.gatekeeper.auth.Role;
import io.gatekeeper.auth.User;
import io.gatekeeper.auth.UserService;
import io.gatekeeper.events.ChangeFeed;
import io.gatekeeper.store.UserDao;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.util.component.LifeCycle;
import org.jdbi.v3.core.Jdbi;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;

/**
 * The web dashboard, wired into the service in one call from {@code Application.run}:
 * <ul>
 *   <li>pages at {@code /}, {@code /requests/{id}}, {@code /clusters}, {@code /tests}, {@code /tests/{id}},
 *   {@code /history}, {@code /audit} (one shell, {@link PageServlet}) and their assets at {@code /ui-assets/};</li>
 *   <li>{@code GET /api/events}, the change feed as server-sent events ({@link EventStream});</li>
 *   <li>{@code /api/session}, sign-in with user + token into an HttpOnly, SameSite=Strict cookie
 *   ({@link SessionResource}), and the CSRF check on every change a cookie would sign ({@link CsrfFilter});</li>
 *   <li>with {@code signInRequired}, the read-only API needs a session or a token ({@link SignInRequiredFilter}).</li>
 * </ul>
 * The session cookie authenticates the API's {@code @Auth} endpoints only once {@link #authFilter()} is chained into
 * the application's auth filters.
 */
public final class Dashboard {
    public static final Duration SESSION_TTL = Duration.ofHours(12);

    private final Sessions sessions;
    private final EventStream events;

    private Dashboard(Sessions sessions, EventStream events) {
        this.sessions = sessions;
        this.events = events;
    }

    public static Dashboard register(Environment env, UserService users, ChangeFeed feed, Jdbi jdbi,
                                     boolean signInRequired) {
        Sessions sessions = new Sessions(tokenHash -> jdbi.withExtension(UserDao.class, d -> d.byTokenHash(tokenHash))
                .map(row -> new User(row.id(), row.name(), Role.of(row.role()))), Clock.systemUTC(), SESSION_TTL);
        EventStream events = new EventStream(feed, env.getObjectMapper());
        env.lifecycle().manage(events);
        env.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStopping(LifeCycle server) {
                events.closeAll();
            }
        });

        var stream = env.servlets().addServlet("dashboard-events", events);
        stream.setAsyncSupported(true);
        stream.addMapping("/api/events");
        env.servlets().addServlet("dashboard-assets",
                new AssetServlet("/gatekeeper-ui/", "/ui-assets/", null, StandardCharsets.UTF_8))
                .addMapping("/ui-assets/*");
        env.servlets().addServlet("dashboard-pages", new PageServlet()).addMapping(PageServlet.ROUTES);

        var csrf = env.servlets().addFilter("dashboard-csrf", new CsrfFilter(sessions));
        csrf.setAsyncSupported(true);
        csrf.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        if (signInRequired) {
            var guard = env.servlets().addFilter("dashboard-sign-in", new SignInRequiredFilter(sessions, users));
            guard.setAsyncSupported(true);
            guard.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/api/*");
        }
        env.jersey().register(new SessionResource(sessions, users, signInRequired));
        return new Dashboard(sessions, events);
    }

    /** Chain this after the Bearer and Basic filters so that a signed-in browser may call {@code @Auth} endpoints. */
    public AuthFilter<String, User> authFilter() {
        return SessionAuthFilter.over(sessions);
    }

    public Sessions sessions() {
        return sessions;
    }

    /** Browsers connected to {@code /api/events} right now. */
    public int eventClients() {
        return events.clients();
    }
}
