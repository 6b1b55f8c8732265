package io.gatekeeper.runner.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gatekeeper.runner.protocol.Assignment;
import io.gatekeeper.runner.protocol.Directive;
import io.gatekeeper.runner.protocol.Heartbeat;
import io.gatekeeper.runner.protocol.Registered;
import io.gatekeeper.runner.protocol.Registration;
import io.gatekeeper.runner.protocol.RunResult;
import io.gatekeeper.runner.tier.TierResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client against a real HTTP peer that records each request and answers what the test scripts. */
class RunnerClientTest {
    private final ObjectMapper json = new ObjectMapper();
    private final BlockingQueue<Recorded> requests = new LinkedBlockingQueue<>();
    private final AtomicReference<Reply> next = new AtomicReference<>(new Reply(204, "", Map.of()));
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;
    private RunnerClient client;

    @TempDir
    Path tmp;

    record Recorded(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    record Reply(int status, String body, Map<String, String> headers) {
    }

    @BeforeEach
    void setUp() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
        client = new RunnerClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/gk/"), "tok-1");
    }

    @AfterEach
    void tearDown() {
        release.countDown();
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            requests.add(new Recorded(ex.getRequestMethod(), ex.getRequestURI().getPath(),
                    ex.getRequestURI().getRawQuery(), Map.copyOf(ex.getRequestHeaders()),
                    ex.getRequestBody().readAllBytes()));
            if (ex.getRequestURI().getPath().endsWith("/hang")
                    || ex.getRequestURI().getPath().endsWith("/ready")) {
                awaitRelease();
            }
            Reply reply = next.get();
            reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                ex.getResponseBody().write(body);
            }
        }
    }

    private void awaitRelease() {
        try {
            release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Recorded taken() throws InterruptedException {
        Recorded r = requests.poll(30, TimeUnit.SECONDS);
        assertThat(r).as("a request reached the peer").isNotNull();
        return r;
    }

    @Test
    void register_postsJsonWithTheBearerTokenUnderTheServersPathPrefix() throws Exception {
        next.set(new Reply(200, "{\"nodeId\":\"n7\",\"heartbeatSeconds\":3,\"leaseWaitSeconds\":9,\"extra\":1}",
                Map.of()));

        Registered reply = client.register(new Registration("node-7", List.of("linux", "large"), "10.0.0.7", "1"));

        assertThat(reply).isEqualTo(new Registered("n7", 3, 9));
        Recorded r = taken();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/gk/api/runner/register");
        assertThat(r.header("Authorization")).isEqualTo("Bearer tok-1");
        JsonNode body = json.readTree(r.body());
        assertThat(body.get("name").asText()).isEqualTo("node-7");
        assertThat(body.get("labels")).hasSize(2);
        assertThat(body.get("host").asText()).isEqualTo("10.0.0.7");
    }

    @Test
    void heartbeat_listsHeldRunsAndReadsCancellations() throws Exception {
        next.set(new Reply(200, "{\"cancel\":[\"41\"]}", Map.of()));

        assertThat(client.heartbeat("node 7", new Heartbeat(List.of("41", "40"))).cancel()).containsExactly("41");

        Recorded r = taken();
        assertThat(r.path()).isEqualTo("/gk/api/runner/nodes/node 7/heartbeat");
        assertThat(json.readTree(r.body()).get("runs").toString()).isEqualTo("[\"41\",\"40\"]");
    }

    @Test
    void lease_noContentMeansNoWork() throws Exception {
        next.set(new Reply(204, "", Map.of()));

        assertThat(client.lease("n7", Duration.ofSeconds(1))).isEmpty();
        assertThat(taken().query()).isEqualTo("wait=1");
    }

    @Test
    void lease_assignmentIsReadWithEveryField() {
        next.set(new Reply(200, """
                {"runId":"41","attempt":2,"tier":"system","repoUrl":"http://gk/git/demo.git",
                 "ref":"refs/gatekeeper/candidates/12","commit":"abc","setup":"./s","command":"./c",
                 "reports":["**/*.xml"],"timeoutSeconds":600,"env":{"A":"b"},"fetchUser":null,"fetchToken":null,
                 "nodeIndex":1,"clusterNodes":["h0","h1"],"futureField":true}""", Map.of()));

        Assignment a = client.lease("n7", Duration.ofSeconds(1)).orElseThrow();

        assertThat(a.runId()).isEqualTo("41");
        assertThat(a.primary()).isFalse();
        assertThat(a.clusterEnvironment()).containsEntry("GATEKEEPER_CLUSTER_NODES", "h0,h1")
                .containsEntry("GATEKEEPER_NODE_INDEX", "1");
        assertThat(a.toJob("node-7", "tok-1").timeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(a.toJob("node-7", "tok-1").user()).isEqualTo("node-7");
        assertThat(a.toJob("node-7", "tok-1").token()).isEqualTo("tok-1");
        assertThat(a.env()).containsEntry("A", "b");
    }

    @Test
    void errors_areTypedByStatusWithTheServersMessage() {
        next.set(new Reply(401, "{\"code\":401,\"message\":\"unknown runner token\"}", Map.of()));
        assertThatThrownBy(() -> client.register(new Registration("n", List.of(), "h", "1")))
                .isInstanceOf(RunnerClientException.Unauthorized.class)
                .hasMessageContaining("401 unknown runner token");

        next.set(new Reply(410, "{\"code\":410,\"message\":\"node is lost\"}", Map.of()));
        assertThatThrownBy(() -> client.lease("n", Duration.ofSeconds(1)))
                .isInstanceOf(RunnerClientException.NodeGone.class);

        next.set(new Reply(503, "busy", Map.of()));
        assertThatThrownBy(() -> client.heartbeat("n", new Heartbeat(List.of())))
                .isInstanceOfSatisfying(RunnerClientException.class, e -> assertThat(e.isTransient()).isTrue());

        next.set(new Reply(400, "{\"message\":\"bad path\"}", Map.of()));
        assertThatThrownBy(() -> client.result("1", new RunResult("n", TierResult.Outcome.PASSED, 0, "", 1, List.of())))
                .isInstanceOfSatisfying(RunnerClientException.class, e -> assertThat(e.isTransient()).isFalse());
    }

    @Test
    void errors_noServerIsTransient() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RunnerClient nowhere = new RunnerClient(URI.create("http://127.0.0.1:" + port), "t");

        assertThatThrownBy(() -> nowhere.heartbeat("n", new Heartbeat(List.of())))
                .isInstanceOfSatisfying(RunnerClientException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.isTransient()).isTrue();
                });
    }

    @Test
    void appendLog_sendsOffsetAndReportsAGapWithTheServicesLength() throws Exception {
        next.set(new Reply(200, "", Map.of("X-Gatekeeper-Log-Length", "9")));
        assertThat(client.appendLog("41", "n7", 5, "héj\n".getBytes(StandardCharsets.UTF_8))).isEqualTo(9);
        Recorded r = taken();
        assertThat(r.query()).isEqualTo("node=n7&offset=5");
        assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("héj\n");

        next.set(new Reply(409, "", Map.of("X-Gatekeeper-Log-Length", "3")));
        assertThatThrownBy(() -> client.appendLog("41", "n7", 9, new byte[] {'x'}))
                .isInstanceOfSatisfying(RunnerClientException.LogGap.class,
                        e -> assertThat(e.serviceLength()).isEqualTo(3));
    }

    @Test
    void uploadReport_putsTheFileUnderItsEncodedRelativePath() throws Exception {
        Path file = Files.writeString(tmp.resolve("r.xml"), "<testsuite/>");
        next.set(new Reply(204, "", Map.of()));

        client.uploadReport("41", "n7", "mod a/target/TEST-x&y.xml", file);

        Recorded r = taken();
        assertThat(r.method()).isEqualTo("PUT");
        assertThat(r.path()).isEqualTo("/gk/api/runner/runs/41/reports");
        assertThat(r.query()).isEqualTo("node=n7&path=mod%20a%2Ftarget%2FTEST-x%26y.xml");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("<testsuite/>");
    }

    @Test
    void result_carriesOutcomeAndReports() throws Exception {
        next.set(new Reply(204, "", Map.of()));

        client.result("41", new RunResult("n7", TierResult.Outcome.TIMED_OUT, -1, "timed out after 10m", 600000,
                List.of("a.xml")));

        JsonNode body = json.readTree(taken().body());
        assertThat(body.get("outcome").asText()).isEqualTo("TIMED_OUT");
        assertThat(body.get("message").asText()).isEqualTo("timed out after 10m");
        assertThat(body.get("tookMillis").asLong()).isEqualTo(600000);
        assertThat(body.get("reports").get(0).asText()).isEqualTo("a.xml");
    }

    @Test
    void ready_isReadAfterTheLongPollAndCanBeAbandoned() throws Exception {
        AtomicReference<CompletableFuture<?>> inFlight = new AtomicReference<>();
        CompletableFuture<Directive> call = CompletableFuture.supplyAsync(
                () -> client.ready("41", "n7", Duration.ofSeconds(20), inFlight::set));
        Recorded r = taken();
        assertThat(r.query()).isEqualTo("node=n7&wait=20");

        inFlight.get().cancel(true);

        assertThatThrownBy(() -> call.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(CancellationException.class);
    }
}
