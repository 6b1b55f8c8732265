package io.gatekeeper.ui;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import java.time.Duration;
import java.util.Locale;

/**
 * The session cookie: HttpOnly (scripts never see it), SameSite=Strict (no other site's page sends it), path /,
 * and Secure when the dashboard is reached over HTTPS (directly or through a proxy that says so).
 */
public final class SessionCookie {
    public static final String NAME = "gatekeeper_session";
    /** The header a browser's script sends the CSRF token in, on every request that changes something. */
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private SessionCookie() {
    }

    public static String setHeader(String sessionId, Duration maxAge, boolean secure) {
        return NAME + "=" + sessionId + "; Path=/; Max-Age=" + maxAge.toSeconds() + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }

    public static String clearHeader(boolean secure) {
        return NAME + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    public static String read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie c : cookies) {
            if (NAME.equals(c.getName())) {
                return c.getValue();
            }
        }
        return null;
    }

    /** Whether the browser reached us over HTTPS, as the request or a proxy's X-Forwarded-Proto tells. */
    public static boolean secure(String scheme, String forwardedProto) {
        return "https".equalsIgnoreCase(scheme)
                || (forwardedProto != null && forwardedProto.toLowerCase(Locale.ROOT).startsWith("https"));
    }

    /** GET, HEAD and OPTIONS change nothing; every other method needs the CSRF token when a cookie signs it. */
    public static boolean safeMethod(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }
}
