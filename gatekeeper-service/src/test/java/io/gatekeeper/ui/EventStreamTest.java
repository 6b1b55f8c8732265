package io.gatekeeper.ui;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/events over real HTTP: a push shows up as events, in order, on the stream of its repository only. */
class EventStreamTest {
    @TempDir
    static Path tmp;
    static GatedRepo gated;
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        gated = new GatedRepo(tmp, "events");
    }

    @AfterAll
    static void stop() {
        gated.close();
    }

    /** An open event stream whose lines arrive in a queue. */
    record Events(HttpResponse<java.util.stream.Stream<String>> response, BlockingQueue<String> lines) {
        String next(Duration within) throws InterruptedException {
            String line = lines.poll(within.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(line).as("an event line within " + within).isNotNull();
            return line;
        }

        /** Data lines up to and including the first that contains {@code wanted}. */
        List<String> dataUntil(String wanted) throws InterruptedException {
            List<String> seen = new java.util.ArrayList<>();
            while (true) {
                String line = next(Duration.ofSeconds(60));
                if (line.startsWith("data: ")) {
                    seen.add(line.substring(6));
                    if (line.contains(wanted)) {
                        return seen;
                    }
                }
            }
        }
    }

    static Events open(String query) throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> f = CLIENT.sendAsync(
                HttpRequest.newBuilder(URI.create(gated.service.url() + "/api/events" + query))
                        .header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<java.util.stream.Stream<String>> r = f.get(30, TimeUnit.SECONDS);
        Thread reader = new Thread(() -> r.body().forEach(lines::add), "sse-reader");
        reader.setDaemon(true);
        reader.start();
        Events s = new Events(r, lines);
        assertThat(s.next(Duration.ofSeconds(30))).isEqualTo("retry: 2000");
        return s;
    }

    @Test
    void aPush_isAnnouncedOnTheStream_fromQueuedToMerged() throws Exception {
        Events all = open("");
        Events mine = open("?repo=events");
        Events other = open("?repo=somewhere-else");
        assertThat(all.response().headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        assertThat(all.response().headers().firstValue("Content-Encoding")).as("not buffered by compression").isEmpty();

        gated.push("announced", Map.of("announced.txt", "a\n"));
        long id = gated.awaitRequest("announced", "merged").get("id").asLong();

        List<String> events = mine.dataUntil("\"state\":\"merged\"");
        assertThat(events.get(0)).contains("\"type\":\"request\"", "\"repo\":\"events\"", "\"id\":" + id,
                "\"state\":\"queued\"");
        assertThat(events).anySatisfy(e -> assertThat(e).contains("\"state\":\"testing\""));
        assertThat(all.dataUntil("\"state\":\"merged\"")).isEqualTo(events);
        assertThat(other.lines()).as("another repository's stream hears nothing of this one")
                .noneMatch(l -> l.startsWith("data: "));
    }
}
