package io.gatekeeper.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Supplier;

/** A tiny JSON client for tests of the real HTTP API. */
public final class Api {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Supplier<String> base;
    private final String token;
    private final HttpClient http = HttpClient.newHttpClient();

    public Api(String base, String token) {
        this(() -> base, token);
    }

    /** A client whose base URL is known only once a service has started: it is asked for on every call. */
    public Api(Supplier<String> base, String token) {
        this.base = base;
        this.token = token;
    }

    public record Response(int status, JsonNode json, String body) { }

    public JsonNode get(String path) {
        Response r = call("GET", path, null);
        if (r.status() != 200) {
            throw new AssertionError("GET " + path + " -> " + r.status() + " " + r.body());
        }
        return r.json();
    }

    public Response call(String method, String path, Object body) {
        try {
            if (body == null) {
                return send(method, path, null, HttpRequest.BodyPublishers.noBody());
            }
            return send(method, path, "application/json",
                    HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        }
    }

    /** POSTs a JUnit-XML report, as a team's CI uploads one. */
    public Response upload(String path, String xml) {
        return send("POST", path, "application/xml", HttpRequest.BodyPublishers.ofString(xml));
    }

    private Response send(String method, String path, String contentType, HttpRequest.BodyPublisher body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base.get() + path)).method(method, body);
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            if (contentType != null) {
                b.header("Content-Type", contentType);
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = r.body().isBlank() ? null : JSON.readTree(r.body());
            } catch (IOException e) {
                // not JSON: keep the body
            }
            return new Response(r.statusCode(), json, r.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
