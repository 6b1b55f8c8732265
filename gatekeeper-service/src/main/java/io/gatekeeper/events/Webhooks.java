package io.gatekeeper.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Signals out: a JSON POST to every configured URL, so a team can route events to chat or tickets. Fire and
 * forget: a slow or dead receiver never holds up the gate; failures are logged.
 * Body: {@code {"event": "...", "repo": "...", "at": "...", ...details}}.
 */
public final class Webhooks {
    private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final List<URI> targets;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Webhooks(List<String> urls) {
        this.targets = urls.stream().filter(u -> u != null && !u.isBlank()).map(URI::create).toList();
    }

    public void fire(String event, String repo, Instant at, Map<String, Object> details) {
        if (targets.isEmpty()) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event);
        body.put("repo", repo);
        body.put("at", at);
        body.putAll(details);
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            LOG.warn("webhook {}: cannot encode body", event, e);
            return;
        }
        for (URI target : targets) {
            HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build();
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                if (e != null) {
                    LOG.warn("webhook {} to {} failed: {}", event, target, e.toString());
                } else if (r.statusCode() >= 300) {
                    LOG.warn("webhook {} to {} answered HTTP {}", event, target, r.statusCode());
                }
            });
        }
    }
}
