package io.gatekeeper.ui;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Answers every dashboard route with the one page shell; its scripts read the path and render the view from the
 * public API. The shell carries no data, so it is served to everybody (sign-in, when required, guards the API).
 */
public final class PageServlet extends HttpServlet {
    /** Servlet mappings of the page routes; "" is the context root exactly (not a catch-all like "/"). */
    public static final String[] ROUTES = {"", "/requests/*", "/clusters", "/tests", "/tests/*", "/history",
            "/audit", "/signin"};
    static final String SHELL = "/gatekeeper-ui/index.html";
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; connect-src 'self';"
            + " img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'";

    private final byte[] shell;

    public PageServlet() {
        try (InputStream in = PageServlet.class.getResourceAsStream(SHELL)) {
            if (in == null) {
                throw new IllegalStateException(SHELL + " is not on the classpath: is the web-ui jar missing?");
            }
            shell = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        res.setContentType("text/html;charset=utf-8");
        res.setHeader("Cache-Control", "no-cache");
        res.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        res.setHeader("X-Content-Type-Options", "nosniff");
        res.setHeader("Referrer-Policy", "same-origin");
        res.setContentLength(shell.length);
        res.getOutputStream().write(shell);
    }
}
