package io.gatekeeper.runner.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gatekeeper.runner.protocol.Assignment;
import io.gatekeeper.runner.protocol.Directive;
import io.gatekeeper.runner.protocol.Heartbeat;
import io.gatekeeper.runner.protocol.HeartbeatReply;
import io.gatekeeper.runner.protocol.Registered;
import io.gatekeeper.runner.protocol.Registration;
import io.gatekeeper.runner.protocol.RunResult;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The service's side of docs/runner-protocol.md, reduced to what a client test needs: a real HTTP peer on
 * loopback that hands out the assignments a test queues, coordinates ready/run/hold/release for a cluster,
 * and records everything the runner sends. It makes no scheduling decisions of its own.
 */
public final class ProtocolPeer implements AutoCloseable {
    public static final String TOKEN = "runner-secret";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, LinkedBlockingQueue<Assignment>> queues = new HashMap<>();
    private final Map<String, Run> runs = new HashMap<>();
    private final Set<String> goneOnce = new HashSet<>();
    public final List<Registration> registrations = Collections.synchronizedList(new ArrayList<>());
    public final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    /** What the peer knows of one run. */
    public static final class Run {
        final Set<String> nodes = new HashSet<>();
        final Set<String> ready = new HashSet<>();
        String primary;
        boolean cancelled;
        boolean over;
        public final Map<String, RunResult> results = new LinkedHashMap<>();
        public final Map<String, ByteArrayOutputStream> logs = new HashMap<>();
        public final Map<String, byte[]> reports = new LinkedHashMap<>();

        public synchronized String log(String node) {
            ByteArrayOutputStream log = logs.get(node);
            return log == null ? "" : log.toString(StandardCharsets.UTF_8);
        }
    }

    public ProtocolPeer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/api/runner/", this::handle);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Queues a cluster's assignments, one per node name, in index order (the first is the primary). */
    public synchronized void assign(Map<String, Assignment> byNode) {
        String runId = byNode.values().iterator().next().runId();
        Run run = runs.computeIfAbsent(runId, id -> new Run());
        byNode.forEach((node, a) -> {
            run.nodes.add(node);
            if (a.primary()) {
                run.primary = node;
            }
            queue(node).add(a);
        });
    }

    public synchronized Run run(String runId) {
        return runs.get(runId);
    }

    public synchronized void cancel(String runId) {
        runs.get(runId).cancelled = true;
        notifyAll();
    }

    /** The next heartbeat or lease of this node gets 410 Gone. */
    public synchronized void forget(String node) {
        goneOnce.add(node);
    }

    private synchronized LinkedBlockingQueue<Assignment> queue(String node) {
        return queues.computeIfAbsent(node, n -> new LinkedBlockingQueue<>());
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            Map<String, String> query = query(ex.getRequestURI().getRawQuery());
            calls.add(ex.getRequestMethod() + " " + path);
            if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                reply(ex, 401, Map.of("code", 401, "message", "unknown runner token"));
                return;
            }
            byte[] body = ex.getRequestBody().readAllBytes();
            String[] parts = path.substring("/api/runner/".length()).split("/");
            if (parts[0].equals("register")) {
                Registration r = json.readValue(body, Registration.class);
                registrations.add(r);
                reply(ex, 200, new Registered(r.name(), 1, 1));
            } else if (parts[0].equals("nodes") && parts[2].equals("heartbeat")) {
                heartbeat(ex, parts[1], json.readValue(body, Heartbeat.class));
            } else if (parts[0].equals("nodes") && parts[2].equals("lease")) {
                lease(ex, parts[1], Long.parseLong(query.get("wait")));
            } else if (parts[2].equals("ready")) {
                reply(ex, 200, Directive.of(ready(parts[1], query.get("node"), Long.parseLong(query.get("wait")))));
            } else if (parts[2].equals("log")) {
                log(ex, parts[1], query.get("node"), Long.parseLong(query.get("offset")), body);
            } else if (parts[2].equals("reports")) {
                Run run = run(parts[1]);
                synchronized (run) {
                    run.reports.put(query.get("path"), body);
                }
                ex.sendResponseHeaders(204, -1);
            } else if (parts[2].equals("result")) {
                result(parts[1], json.readValue(body, RunResult.class));
                ex.sendResponseHeaders(204, -1);
            } else {
                reply(ex, 404, Map.of("code", 404, "message", "no such call"));
            }
        }
    }

    private void heartbeat(HttpExchange ex, String node, Heartbeat hb) throws IOException {
        List<String> cancel = new ArrayList<>();
        synchronized (this) {
            if (goneOnce.remove(node)) {
                reply(ex, 410, Map.of("code", 410, "message", "node " + node + " is lost"));
                return;
            }
            for (String runId : hb.runs()) {
                if (runs.containsKey(runId) && runs.get(runId).cancelled) {
                    cancel.add(runId);
                }
            }
        }
        reply(ex, 200, new HeartbeatReply(cancel));
    }

    private void lease(HttpExchange ex, String node, long wait) throws IOException {
        synchronized (this) {
            if (goneOnce.remove(node)) {
                reply(ex, 410, Map.of("code", 410, "message", "node " + node + " is lost"));
                return;
            }
        }
        Assignment a;
        try {
            a = queue(node).poll(wait, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            a = null;
        }
        if (a == null) {
            ex.sendResponseHeaders(204, -1);
        } else {
            reply(ex, 200, a);
        }
    }

    /** Long-polls like the service: answers as soon as this node's directive is other than wait/hold. */
    private synchronized Directive.Action ready(String runId, String node, long waitSeconds) {
        Run run = runs.get(runId);
        run.ready.add(node);
        notifyAll();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds);
        while (true) {
            Directive.Action action = directive(run, node);
            long left = deadline - System.nanoTime();
            if (action == Directive.Action.RUN || action == Directive.Action.RELEASE || left <= 0) {
                return action;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return action;
            }
        }
    }

    private static Directive.Action directive(Run run, String node) {
        if (run.over || run.cancelled) {
            return Directive.Action.RELEASE;
        }
        if (!run.ready.containsAll(run.nodes)) {
            return Directive.Action.WAIT;
        }
        return node.equals(run.primary) ? Directive.Action.RUN : Directive.Action.HOLD;
    }

    private void log(HttpExchange ex, String runId, String node, long offset, byte[] chunk) throws IOException {
        Run run = run(runId);
        long length;
        synchronized (run) {
            ByteArrayOutputStream log = run.logs.computeIfAbsent(node, n -> new ByteArrayOutputStream());
            length = log.size();
            if (offset > length) {
                ex.getResponseHeaders().add("X-Gatekeeper-Log-Length", Long.toString(length));
                ex.sendResponseHeaders(409, -1);
                return;
            }
            int skip = (int) (length - offset);
            if (skip < chunk.length) {
                log.write(chunk, skip, chunk.length - skip);
            }
            length = log.size();
        }
        ex.getResponseHeaders().add("X-Gatekeeper-Log-Length", Long.toString(length));
        ex.sendResponseHeaders(200, -1);
    }

    private synchronized void result(String runId, RunResult result) {
        Run run = runs.get(runId);
        synchronized (run) {
            run.results.put(result.nodeId(), result);
        }
        run.over = true;
        notifyAll();
    }

    private void reply(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
