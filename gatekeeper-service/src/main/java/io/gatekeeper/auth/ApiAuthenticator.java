package io.gatekeeper.auth;

import io.dropwizard.auth.Authenticator;
import io.dropwizard.auth.Authorizer;
import io.dropwizard.auth.basic.BasicCredentials;
import jakarta.ws.rs.container.ContainerRequestContext;

/** Bridges Dropwizard auth to {@link UserService}: Bearer tokens, and Basic with user name + token. */
public final class ApiAuthenticator {
    private ApiAuthenticator() {
    }

    public static Authenticator<String, User> bearer(UserService users) {
        return users::authenticate;
    }

    public static Authenticator<BasicCredentials, User> basic(UserService users) {
        return c -> users.authenticate(c.getUsername(), c.getPassword());
    }

    public static Authorizer<User> roles() {
        return new Authorizer<>() {
            @Override
            public boolean authorize(User user, String role, ContainerRequestContext ctx) {
                return user.hasRole(role);
            }
        };
    }
}
