package io.gatekeeper.retention;

import io.dropwizard.testing.ConfigOverride;
import io.gatekeeper.pool.ServiceDb;
import io.gatekeeper.store.CandidateDao;
import io.gatekeeper.testing.ServiceExtension;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The real service's log endpoint once retention removed a run's log. */
class RunLogRetentionTest {
    @RegisterExtension
    static final ServiceExtension service = new ServiceExtension(ConfigOverride.config("pool.localRunners", "0"));
    static final Instant NOW = Instant.now();
    static final HttpClient http = HttpClient.newHttpClient();
    static long old;
    static long recent;
    static long neverLogged;

    @BeforeAll
    static void runsOfWhichRetentionRemovedOne() throws IOException {
        Jdbi db = ServiceDb.of(service.dataDir());
        long repo = db.withHandle(h -> h.createQuery("SELECT id FROM repos WHERE name = 'demo'")
                .mapTo(Long.class).one());
        db.useExtension(CandidateDao.class, d -> d.insert(repo, 1000, null, "0".repeat(40), "c".repeat(40),
                NOW.minus(Duration.ofDays(60)), NOW.minus(Duration.ofDays(60))));
        old = finishedRun(db, repo, Duration.ofDays(40));
        recent = finishedRun(db, repo, Duration.ofDays(1));
        neverLogged = finishedRun(db, repo, Duration.ofDays(1));
        Path logs = Files.createDirectories(service.dataDir().resolve("logs"));
        Files.writeString(logs.resolve("run-" + old + ".log"), "old output\n");
        Files.writeString(logs.resolve("run-" + recent + ".log"), "recent output\n");

        new RunFileRetention(db, service.dataDir(), Duration.ofDays(30), Clock.fixed(NOW, ZoneOffset.UTC)).sweep();
    }

    @Test
    void aRemovedLog_isGone_withWhenAndWhy() throws Exception {
        HttpResponse<String> dashboard = get("/api/runs/" + old + "/log", "text/plain, */*");
        HttpResponse<String> text = get("/api/runs/" + old + "/log", "text/plain");

        String message = "log of run " + old + " removed by retention after 30 days (on "
                + NOW.atOffset(ZoneOffset.UTC).toLocalDate() + ")";
        assertThat(dashboard.statusCode()).isEqualTo(410);
        assertThat(dashboard.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(dashboard.body()).isEqualTo("{\"code\":410,\"message\":\"" + message + "\"}");
        assertThat(text.statusCode()).as("also for a client that asks for the log as text").isEqualTo(410);
        assertThat(text.body()).contains(message);
    }

    @Test
    void aLogRetentionKeeps_isServed_andARunWithoutOneStillAnswersEmpty() throws Exception {
        HttpResponse<String> kept = get("/api/runs/" + recent + "/log", "text/plain");
        HttpResponse<String> none = get("/api/runs/" + neverLogged + "/log", "text/plain");

        assertThat(kept.statusCode()).isEqualTo(200);
        assertThat(kept.body()).isEqualTo("recent output\n");
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(none.body()).isEmpty();
    }

    @Test
    void theServiceSchedulesRetention_dailyOnItsClusteredScheduler() {
        Jdbi db = ServiceDb.of(service.dataDir());
        java.util.List<String> schedules = db.withHandle(h -> h.createQuery("SELECT c.cron_expression"
                + " FROM qrtz_cron_triggers c JOIN qrtz_scheduler_state s ON s.sched_name = c.sched_name"
                + " WHERE c.sched_name = 'gatekeeper' AND c.trigger_name = 'run-file-retention'")
                .mapTo(String.class).list());

        assertThat(schedules).as("registered by a scheduler that checked in").containsExactly("0 30 3 * * ?");
    }

    private static long finishedRun(Jdbi db, long repo, Duration finishedAgo) {
        return db.withExtension(CandidateDao.class, d -> {
            long id = d.startRun(repo, 1000, "unit", 1, NOW.minus(finishedAgo).minusSeconds(60));
            d.finishRun("passed", 0, "ok", null, NOW.minus(finishedAgo), id);
            return id;
        });
    }

    private static HttpResponse<String> get(String path, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(service.url() + path)).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
