package io.gatekeeper.runner.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatekeeper.runner.protocol.Assignment;
import io.gatekeeper.runner.protocol.Directive;
import io.gatekeeper.runner.protocol.Heartbeat;
import io.gatekeeper.runner.protocol.HeartbeatReply;
import io.gatekeeper.runner.protocol.Registered;
import io.gatekeeper.runner.protocol.Registration;
import io.gatekeeper.runner.protocol.RunResult;
import io.gatekeeper.runner.protocol.RunnerProtocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * The runner's side of {@code docs/runner-protocol.md} over java.net.http. One method per call; no retries
 * here (the agent decides). Failures are {@link RunnerClientException}s.
 */
public final class RunnerClient {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration LONG_POLL_MARGIN = Duration.ofSeconds(15);

    private final String server;
    private final String token;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** @param server base URL of the service, e.g. {@code http://gk:8080} (a path prefix is kept) */
    public RunnerClient(URI server, String token) {
        String s = server.toString();
        this.server = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    public Registered register(Registration registration) {
        return read(send(post(RunnerProtocol.REGISTER, registration), CALL_TIMEOUT), Registered.class);
    }

    public HeartbeatReply heartbeat(String nodeId, Heartbeat heartbeat) {
        String path = RunnerProtocol.HEARTBEAT.replace("{nodeId}", enc(nodeId));
        return read(send(post(path, heartbeat), CALL_TIMEOUT), HeartbeatReply.class);
    }

    /** Long-polls for work; empty when none came within {@code wait}. */
    public Optional<Assignment> lease(String nodeId, Duration wait) {
        String path = RunnerProtocol.LEASE.replace("{nodeId}", enc(nodeId))
                + "?" + RunnerProtocol.WAIT + "=" + wait.toSeconds();
        HttpResponse<byte[]> reply = send(post(path, null), wait.plus(LONG_POLL_MARGIN));
        return reply.statusCode() == 204 ? Optional.empty() : Optional.of(read(reply, Assignment.class));
    }

    /**
     * Long-polls for this node's directive. {@code onStart} receives the in-flight call so that a cancellation
     * can abandon it at once; an abandoned call throws {@link CancellationException}.
     */
    public Directive ready(String runId, String nodeId, Duration wait, Consumer<CompletableFuture<?>> onStart) {
        String path = RunnerProtocol.READY.replace("{runId}", enc(runId)) + "?" + RunnerProtocol.NODE + "="
                + enc(nodeId) + "&" + RunnerProtocol.WAIT + "=" + wait.toSeconds();
        HttpRequest request = post(path, new ReadyBody(nodeId)).timeout(wait.plus(LONG_POLL_MARGIN)).build();
        CompletableFuture<HttpResponse<byte[]>> call = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        onStart.accept(call);
        try {
            return read(check(call.get()), Directive.class);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CancellationException) {
                throw (CancellationException) e.getCause();
            }
            throw new RunnerClientException("POST " + path + ": " + e.getCause(), 0, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
    }

    /**
     * Appends a chunk (whole UTF-8 characters) at byte {@code offset} of this node's log for the run.
     *
     * @return the service's log length after the call
     * @throws RunnerClientException.LogGap when the service holds less than {@code offset}
     */
    public long appendLog(String runId, String nodeId, long offset, byte[] chunk) {
        String path = RunnerProtocol.LOG.replace("{runId}", enc(runId)) + "?" + RunnerProtocol.NODE + "="
                + enc(nodeId) + "&" + RunnerProtocol.OFFSET + "=" + offset;
        HttpRequest request = request(path).header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(chunk)).build();
        HttpResponse<byte[]> reply = sendRaw(request);
        long length = reply.headers().firstValueAsLong(RunnerProtocol.LOG_LENGTH_HEADER).orElse(offset + chunk.length);
        if (reply.statusCode() == 409) {
            throw new RunnerClientException.LogGap(length);
        }
        check(reply);
        return length;
    }

    /** Uploads one report file; {@code relativePath} uses '/' separators. */
    public void uploadReport(String runId, String nodeId, String relativePath, Path file) {
        String path = RunnerProtocol.REPORTS.replace("{runId}", enc(runId)) + "?" + RunnerProtocol.NODE + "="
                + enc(nodeId) + "&" + RunnerProtocol.PATH + "=" + enc(relativePath);
        HttpRequest request;
        try {
            request = request(path).header("Content-Type", "application/xml")
                    .PUT(HttpRequest.BodyPublishers.ofFile(file)).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        check(sendRaw(request));
    }

    public void result(String runId, RunResult result) {
        send(post(RunnerProtocol.RESULT.replace("{runId}", enc(runId)), result), CALL_TIMEOUT);
    }

    private record ReadyBody(String nodeId) {
    }

    private HttpRequest.Builder post(String path, Object body) {
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server + path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .timeout(CALL_TIMEOUT);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder builder, Duration timeout) {
        return check(sendRaw(builder.timeout(timeout).build()));
    }

    private HttpResponse<byte[]> sendRaw(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new RunnerClientException(request.method() + " " + request.uri().getPath() + ": " + e, 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunnerClientException("interrupted", 0, e);
        }
    }

    private HttpResponse<byte[]> check(HttpResponse<byte[]> reply) {
        int status = reply.statusCode();
        if (status >= 200 && status < 300) {
            return reply;
        }
        String message = reply.request().method() + " " + reply.request().uri().getPath() + ": " + status + " "
                + serverMessage(reply.body());
        if (status == 401 || status == 403) {
            throw new RunnerClientException.Unauthorized(message, status);
        }
        if (status == 410) {
            throw new RunnerClientException.NodeGone(message);
        }
        throw new RunnerClientException(message, status, null);
    }

    /** Dropwizard's error bodies are {"code":..,"message":".."}; anything else is shown as text. */
    private String serverMessage(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        try {
            JsonNode node = json.readTree(text);
            if (node != null && node.hasNonNull("message")) {
                return node.get("message").asText();
            }
        } catch (IOException notJson) {
            // fall through to the raw text
        }
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }

    private <T> T read(HttpResponse<byte[]> reply, Class<T> type) {
        try {
            return json.readValue(reply.body(), type);
        } catch (IOException e) {
            throw new RunnerClientException(reply.request().uri().getPath() + ": unreadable reply: " + e.getMessage(),
                    reply.statusCode(), e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
