package io.gatekeeper.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.gatekeeper.testing.Api;
import io.gatekeeper.testing.GitCli;
import io.gatekeeper.testing.HoldableOrigin;
import io.gatekeeper.testing.Pushes;
import io.gatekeeper.testing.RunningService;
import io.gatekeeper.testing.ServiceExtension;
import io.gatekeeper.testing.WebhookReceiver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Push-requests, bypass, freezes and verification after landing, with the real service and the git CLI. */
class PrivilegedPathsTest {
    @RegisterExtension
    static final ServiceExtension service = ServiceExtension.withWebhooks(
            // serial: one request tested at a time, so "queued" and "testing" mean the same under any load
            ConfigOverride.config("queue.strategy", "serial"));
    static final Api admin = service.admin();
    @TempDir
    static Path tmp;
    static String privilegedToken;
    static String developerToken;
    static final AtomicInteger REPOS = new AtomicInteger();

    @BeforeAll
    static void createUsers() {
        privilegedToken = admin.call("POST", "/api/users", Map.of("name", "pat", "role", "privileged"))
                .json().get("token").asText();
        developerToken = admin.call("POST", "/api/users", Map.of("name", "dev", "role", "developer"))
                .json().get("token").asText();
    }

    /** A fresh imported repository per test, so that tests do not share a queue. */
    static String newRepo(String extraConfig) throws Exception {
        String name = "priv" + REPOS.incrementAndGet();
        service.importRepo(name, HoldableOrigin.create(tmp.resolve("origin-" + name), extraConfig));
        return name;
    }

    static void commitFile(GitCli git, String file, String content, String message) throws Exception {
        Path top = Path.of(git.run("rev-parse", "--show-toplevel").ok().out().strip());
        Files.writeString(top.resolve(file), content);
        git.run("add", "-A").ok();
        git.run("commit", "-q", "-m", message).ok();
    }

    static JsonNode awaitState(String repo, String branch, String state) {
        return Pushes.awaitRequest(admin, repo, branch, Duration.ofSeconds(60), state::equals);
    }

    static List<String> subjects(GitCli git) {
        git.run("fetch", "-q", "origin").ok();
        return git.run("log", "--format=%s", "origin/main").ok().out().lines().toList();
    }

    @Test
    void pushRequest_landsAheadOfTheQueue_andTheQueuedRequestIsRetestedAndLands() throws Exception {
        String repo = newRepo("");
        Path release = tmp.resolve("release-" + repo);
        GitCli dev = service.clone(repo, "dev", developerToken, repo + "-dev");
        Pushes.pushChange(dev, "hold", "HOLD", release.toString(), "hold the tier");
        awaitState(repo, "pull-request/hold", "testing");
        Pushes.pushChange(dev, "queued", "queued.txt", "queued\n", "queued change");
        awaitState(repo, "pull-request/queued", "queued");

        GitCli pat = service.clone(repo, "pat", privilegedToken, repo + "-pat");
        commitFile(pat, "urgent.txt", "urgent\n", "urgent fix");
        pat.run("push", "-q", "origin", "HEAD:push-request/urgent").ok();
        JsonNode urgent = awaitState(repo, "push-request/urgent", "queued");
        JsonNode queued = awaitState(repo, "pull-request/queued", "queued");
        assertThat(urgent.get("position").asInt()).as("the push-request goes ahead of the queued pull request")
                .isLessThan(queued.get("position").asInt());

        Files.writeString(release, "go");
        awaitState(repo, "pull-request/hold", "merged");
        JsonNode landedUrgent = awaitState(repo, "push-request/urgent", "merged");
        assertThat(landedUrgent.get("tiers")).as("push_request.tiers is empty by default").isEmpty();
        JsonNode landedQueued = awaitState(repo, "pull-request/queued", "merged");
        assertThat(landedQueued.get("base").asText()).as("re-tested on the head the push-request made")
                .isEqualTo(landedUrgent.get("candidate").asText());
        assertThat(subjects(pat)).containsSubsequence("queued change", "urgent fix", "hold the tier");
        JsonNode audit = admin.get("/api/audit?repo=" + repo);
        assertThat(audit.findValuesAsText("action")).contains("push-request");
        await().atMost(Duration.ofSeconds(60)).until(() ->
                admin.get("/api/audit?repo=" + repo).findValuesAsText("action").contains("verify.passed"));
    }

    @Test
    void bypass_whilePipelineRuns_landsNow_rebuildsThePipeline_andIsAudited() throws Exception {
        String repo = newRepo("");
        Path release = tmp.resolve("release-" + repo);
        GitCli dev = service.clone(repo, "dev", developerToken, repo + "-dev");
        Pushes.pushChange(dev, "hold", "HOLD", release.toString(), "hold the tier");
        JsonNode hold = awaitState(repo, "pull-request/hold", "testing");
        String oldCandidate = hold.get("candidate").asText();
        Pushes.pushChange(dev, "hotfix", "hotfix.txt", "hotfix\n", "hotfix");
        awaitState(repo, "pull-request/hotfix", "queued");
        String headBefore = admin.get("/api/repos/" + repo).get("head").asText();

        Api developer = new Api(service.url(), developerToken);
        Api.Response refused = developer.call("POST", "/api/repos/" + repo + "/bypass",
                Map.of("branch", "pull-request/hotfix", "reason", "I am in a hurry"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("message").asText()).contains("privileged");
        assertThat(admin.get("/api/repos/" + repo).get("head").asText()).isEqualTo(headBefore);
        assertThat(awaitState(repo, "pull-request/hotfix", "queued").get("state").asText()).isEqualTo("queued");

        Api pat = new Api(service.url(), privilegedToken);
        assertThat(pat.call("POST", "/api/repos/" + repo + "/bypass", Map.of("branch", "pull-request/hotfix"))
                .status()).as("a bypass needs a reason").isEqualTo(400);
        Api.Response bypassed = pat.call("POST", "/api/repos/" + repo + "/bypass",
                Map.of("branch", "pull-request/hotfix", "reason", "production is down"));
        assertThat(bypassed.status()).as(bypassed.body()).isEqualTo(200);
        assertThat(bypassed.json().get("state").asText()).isEqualTo("merged");
        assertThat(bypassed.json().get("reason").asText()).contains("bypassed by pat: production is down");
        String headAfter = admin.get("/api/repos/" + repo).get("head").asText();
        assertThat(headAfter).isNotEqualTo(headBefore);

        // the running candidate was built on the old head: it is rebuilt on the new one
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode r = awaitState(repo, "pull-request/hold", "testing");
            return r.hasNonNull("candidate") && !r.get("candidate").asText().equals(oldCandidate);
        });
        Files.writeString(release, "go");
        JsonNode landed = awaitState(repo, "pull-request/hold", "merged");
        assertThat(landed.get("base").asText()).isEqualTo(headAfter);
        JsonNode audit = admin.get("/api/audit?repo=" + repo);
        JsonNode record = audit.get(0);
        for (JsonNode a : audit) {
            if ("bypass".equals(a.get("action").asText())) {
                record = a;
            }
        }
        assertThat(record.get("action").asText()).isEqualTo("bypass");
        assertThat(record.get("actor").asText()).isEqualTo("pat");
        assertThat(record.get("oldHead").asText()).isEqualTo(headBefore);
        assertThat(record.get("newHead").asText()).isEqualTo(headAfter);
        assertThat(record.get("reason").asText()).isEqualTo("production is down");
        assertThat(service.hooks().got("bypass")).isTrue();
    }

    @Test
    void bypassThatBreaksATier_flagsHeadBroken_firesWebhook_andTheRevertLandsThroughTheGate() throws Exception {
        String repo = newRepo("bypass:\n  revert_on_failure: true\n");
        WebhookReceiver hooks = service.hooks();
        GitCli dev = service.clone(repo, "dev", developerToken, repo + "-dev");
        Pushes.pushChange(dev, "bad", "bad.txt", "this is BROKEN\n", "bad change");
        JsonNode rejected = awaitState(repo, "pull-request/bad", "rejected");

        Api pat = new Api(service.url(), privilegedToken);
        Api.Response bypassed = pat.call("POST", "/api/repos/" + repo + "/bypass",
                Map.of("request", rejected.get("id").asLong(), "reason", "the computer is wrong"));
        assertThat(bypassed.status()).as(bypassed.body()).isEqualTo(200);
        String brokenHead = admin.get("/api/repos/" + repo).get("head").asText();

        await().atMost(Duration.ofSeconds(60)).until(() -> hooks.received().stream().anyMatch(j ->
                "head-broken".equals(j.path("event").asText()) && repo.equals(j.path("repo").asText())));
        JsonNode brokenHook = hooks.received().stream().filter(j -> "head-broken".equals(j.path("event").asText())
                && repo.equals(j.path("repo").asText())).findFirst().orElseThrow();
        assertThat(brokenHook.get("commit").asText()).isEqualTo(brokenHead);
        assertThat(brokenHook.get("author").asText()).isEqualTo("dev");

        JsonNode revert = awaitState(repo, firstBranchStartingWith(repo, "pull-request/gatekeeper-revert-"),
                "merged");
        assertThat(revert.get("reason").asText()).startsWith("landed on main");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                !admin.get("/api/repos/" + repo + "/controls").get("broken").asBoolean());
        GitCli check = service.clone(repo, "admin", RunningService.ADMIN_TOKEN, repo + "-check");
        assertThat(check.run("ls-files").ok().out()).doesNotContain("bad.txt");
        assertThat(admin.get("/api/audit?repo=" + repo).findValuesAsText("action"))
                .contains("bypass", "head.broken", "revert", "head.fixed");
    }

    @Test
    void freeze_holdsLandingsWithTheReasonOnEveryRequest_untilResumed() throws Exception {
        String repo = newRepo("");
        Api developer = new Api(service.url(), developerToken);
        assertThat(developer.call("POST", "/api/repos/" + repo + "/pause", Map.of("reason", "release"))
                .status()).isEqualTo(403);
        Api.Response paused = admin.call("POST", "/api/repos/" + repo + "/pause", Map.of("reason", "release 1.0"));
        assertThat(paused.status()).as(paused.body()).isEqualTo(200);
        assertThat(paused.json().get("paused").asBoolean()).isTrue();

        GitCli dev = service.clone(repo, "dev", developerToken, repo + "-dev");
        commitFile(dev, "frozen.txt", "waits\n", "waits for the freeze");
        dev.run("push", "-q", "origin", "HEAD:pull-request/frozen").ok();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode r = awaitState(repo, "pull-request/frozen", "testing");
            return r.get("tiers").size() == 1 && "passed".equals(r.get("tiers").get(0).get("state").asText());
        });
        JsonNode waiting = awaitState(repo, "pull-request/frozen", "testing");
        assertThat(waiting.get("waitingFor").asText()).contains("frozen").contains("release 1.0");

        assertThat(admin.call("POST", "/api/repos/" + repo + "/resume", Map.of("reason", "shipped")).status())
                .isEqualTo(200);
        awaitState(repo, "pull-request/frozen", "merged");
        assertThat(admin.get("/api/audit?repo=" + repo).findValuesAsText("action")).contains("pause", "resume");
    }

    private static String firstBranchStartingWith(String repo, String prefix) {
        String[] branch = new String[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (JsonNode r : admin.get("/api/repos/" + repo + "/requests")) {
                if (r.get("branch").asText().startsWith(prefix)) {
                    branch[0] = r.get("branch").asText();
                    return true;
                }
            }
            return false;
        });
        return branch[0];
    }
}
