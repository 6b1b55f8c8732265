package io.gatekeeper.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.lifecycle.Managed;
import io.gatekeeper.events.ChangeFeed;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code GET /api/events}: the change feed as server-sent events, one {@code data:} line of JSON per change
 * ({@code type}, {@code repo}, {@code id}, {@code state}, {@code at}); {@code ?repo=NAME} keeps one repository's
 * changes. Events say only what moved; clients re-read the public API for details, and re-read everything after a
 * reconnect (there is no replay).
 * <p>
 * Connections are asynchronous: one writer thread serves every client, so the gate's publishing thread never waits
 * for a browser. A comment line every {@link #KEEP_ALIVE_SECONDS} seconds keeps proxies from closing idle streams and
 * finds clients that went away.
 */
public final class EventStream extends HttpServlet implements Managed {
    static final int KEEP_ALIVE_SECONDS = 15;

    private final ChangeFeed feed;
    private final ObjectMapper json;
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final AtomicLong sequence = new AtomicLong();
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dashboard-events");
        t.setDaemon(true);
        return t;
    });
    private AutoCloseable subscription;

    /** The JSON of one event; {@code at} as ISO-8601 like the rest of the API. */
    record EventJson(String type, String repo, long id, String state, String at) { }

    private record Client(AsyncContext async, String repo) {
        boolean wants(ChangeFeed.Change c) {
            return repo == null || c.repo() == null || repo.equals(c.repo());
        }
    }

    public EventStream(ChangeFeed feed, ObjectMapper json) {
        this.feed = feed;
        this.json = json;
    }

    @Override
    public void start() {
        subscription = feed.subscribe(change -> writer.execute(() -> broadcast(change)));
        writer.scheduleAtFixedRate(() -> clients.forEach(c -> send(c, ": keep-alive\n\n")),
                KEEP_ALIVE_SECONDS, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void stop() throws Exception {
        if (subscription != null) {
            subscription.close();
        }
        writer.shutdownNow();
        closeAll();
    }

    /**
     * Ends every open stream. Called when the server begins to stop: a graceful shutdown would otherwise wait out
     * its whole grace period for streams that never end by themselves.
     */
    public void closeAll() {
        clients.forEach(this::drop);
    }

    public int clients() {
        return clients.size();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) {
        res.setStatus(HttpServletResponse.SC_OK);
        res.setContentType("text/event-stream;charset=utf-8");
        res.setHeader("Cache-Control", "no-cache, no-store");
        res.setHeader("X-Accel-Buffering", "no");
        AsyncContext async = req.startAsync();
        async.setTimeout(0);
        String repo = req.getParameter("repo");
        Client client = new Client(async, repo == null || repo.isBlank() ? null : repo);
        async.addListener(new Forget(client));
        clients.add(client);
        // the first bytes commit the headers, so the browser's EventSource reports "open" at once
        writer.execute(() -> send(client, "retry: 2000\n: connected\n\n"));
    }

    private void broadcast(ChangeFeed.Change change) {
        String frame;
        try {
            frame = "id: " + sequence.incrementAndGet() + "\ndata: " + json.writeValueAsString(new EventJson(
                    change.type(), change.repo(), change.id(), change.state(),
                    change.at() == null ? null : change.at().toString())) + "\n\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a change as JSON", e);
        }
        clients.stream().filter(c -> c.wants(change)).forEach(c -> send(c, frame));
    }

    private void send(Client client, String frame) {
        try {
            var out = client.async().getResponse().getOutputStream();
            out.write(frame.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException | IllegalStateException e) {
            drop(client);
        }
    }

    private void drop(Client client) {
        if (clients.remove(client)) {
            try {
                client.async().complete();
            } catch (IllegalStateException e) {
                // already completed by the container
            }
        }
    }

    private final class Forget implements AsyncListener {
        private final Client client;

        Forget(Client client) {
            this.client = client;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            clients.remove(client);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            drop(client);
        }

        @Override
        public void onError(AsyncEvent event) {
            drop(client);
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
