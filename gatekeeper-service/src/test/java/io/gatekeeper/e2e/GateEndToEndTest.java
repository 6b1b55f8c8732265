package io.gatekeeper.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatekeeper.testing.Api;
import io.gatekeeper.testing.GitCli;
import io.gatekeeper.testing.HoldableOrigin;
import io.gatekeeper.testing.Pushes;
import io.gatekeeper.testing.ServiceExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole gate with real parts: the service on a free port, an imported repository, the git command line
 * pushing over HTTP, in-process tier runs.
 */
class GateEndToEndTest {
    @RegisterExtension
    static final ServiceExtension service = new ServiceExtension();
    static final Api api = service.admin();
    @TempDir
    static Path tmp;

    @BeforeAll
    static void importProject() throws Exception {
        Path origin = HoldableOrigin.create(tmp.resolve("origin"));
        Api.Response created = api.call("POST", "/api/repos",
                Map.of("name", "e2e", "headBranch", "main", "importFrom", origin.toString()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    @Test
    void pushedRequests_landRebasedOrAreRejectedWithReasons() throws Exception {
        Path release = tmp.resolve("release");
        GitCli dev = clone("dev");

        // hold: changes a.txt and keeps its tier running until we let it go, so the others queue behind it.
        dev.run("checkout", "-q", "-b", "hold", "origin/main").ok();
        write(dev, "HOLD", release.toString());
        write(dev, "a.txt", "line1 from hold\nline2\n");
        commitAndPush(dev, "hold: change line 1", "pull-request/hold");
        JsonNode hold = awaitRequest("pull-request/hold", "testing");

        Pushes.pushChange(dev, "good", "good.txt", "good\n", "good: add a file");
        Pushes.pushChange(dev, "conflict", "a.txt", "line1 from conflict\nline2\n", "conflict: change line 1 too");
        Pushes.pushChange(dev, "broken", "broken.txt", "this is BROKEN\n", "broken: break the check");

        Pushes.pushChange(dev, "repush", "first.txt", "first attempt\n", "repush: first attempt");
        JsonNode firstPush = awaitRequest("pull-request/repush", "queued");
        dev.run("reset", "-q", "--hard", "origin/main").ok();
        write(dev, "second.txt", "second attempt\n");
        dev.run("add", "-A").ok();
        dev.run("commit", "-q", "-m", "repush: second attempt").ok();
        dev.run("push", "-q", "-f", "origin", "HEAD:pull-request/repush").ok();
        String secondSha = dev.run("rev-parse", "HEAD").ok().out().strip();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                secondSha.equals(request(firstPush.get("id").asLong()).get("sha").asText()));

        Files.writeString(release, "go");

        JsonNode good = awaitRequest("pull-request/good", "merged");
        JsonNode broken = awaitRequest("pull-request/broken", "rejected");
        JsonNode repush = awaitRequest("pull-request/repush", "merged");
        // hold and conflict both change line 1 of a.txt: whichever the queue lands first wins, the other is
        // rejected with the conflicting path (the policy may land a later request first)
        JsonNode holdEnd = awaitRequest("pull-request/hold", null, "merged", "rejected");
        JsonNode conflictEnd = awaitRequest("pull-request/conflict", null, "merged", "rejected");
        assertThat(holdEnd.get("id").asLong()).isEqualTo(hold.get("id").asLong());
        assertThat(List.of(holdEnd.get("state").asText(), conflictEnd.get("state").asText()))
                .containsExactlyInAnyOrder("merged", "rejected");
        JsonNode conflict = "rejected".equals(holdEnd.get("state").asText()) ? holdEnd : conflictEnd;
        String winner = conflict == holdEnd ? "conflict: change line 1 too" : "hold: change line 1";
        String loser = conflict == holdEnd ? "hold: change line 1" : "conflict: change line 1 too";
        assertThat(repush.get("id").asLong()).as("a re-push re-queues the same request")
                .isEqualTo(firstPush.get("id").asLong());
        assertThat(repush.get("sha").asText()).isEqualTo(secondSha);
        assertThat(conflict.get("reason").asText()).contains("a.txt");
        assertThat(broken.get("reason").asText()).contains("tier unit failed").contains("found BROKEN");
        assertThat(broken.get("tiers").get(0).get("state").asText()).isEqualTo("failed");
        assertThat(good.get("tiers").get(0).get("state").asText()).isEqualTo("passed");
        assertThat(good.get("candidate").asText()).hasSize(40);

        GitCli check = clone("check");
        String log = check.run("log", "--format=%s|%P|%cn|%an", "origin/main").ok().out();
        List<String> lines = log.lines().toList();
        assertThat(lines).as("linear history, one parent each (the root has none)")
                .allSatisfy(l -> assertThat(l.split("\\|")[1].split(" ").length).isLessThanOrEqualTo(1));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("good: add a file|").endsWith("|Gatekeeper|Dev Eloper"));
        assertThat(log).contains(winner, "repush: second attempt")
                .doesNotContain("repush: first attempt", loser, "broken: break");
        String branches = check.run("ls-remote", "--heads", "origin").ok().out();
        assertThat(branches).doesNotContain("pull-request/good", "pull-request/repush")
                .contains("pull-request/broken");
        String loserBranch = conflict == holdEnd ? "pull-request/hold" : "pull-request/conflict";
        String winnerBranch = conflict == holdEnd ? "pull-request/conflict" : "pull-request/hold";
        assertThat(branches).contains(loserBranch).doesNotContain(winnerBranch);

        JsonNode list = api.get("/api/repos/e2e/requests");
        assertThat(list.get(0).get("id").asLong()).as("newest first")
                .isGreaterThan(list.get(list.size() - 1).get("id").asLong());
        String logText = api.call("GET", "/api/runs/" + broken.get("tiers").get(0).get("runId").asLong() + "/log",
                null).body();
        assertThat(logText).contains("found BROKEN");
    }

    @Test
    void pushToHeadBranch_isRefusedWithReason() throws Exception {
        GitCli dev = clone("direct");
        write(dev, "direct.txt", "sneaky\n");
        dev.run("add", "-A").ok();
        dev.run("commit", "-q", "-m", "direct push").ok();
        GitCli.Result pushed = dev.run("push", "origin", "HEAD:main");
        assertThat(pushed.exit()).isNotZero();
        assertThat(pushed.err()).contains("main");
    }

    @Test
    void deletingTheBranch_cancelsTheRequest() throws Exception {
        Path release = tmp.resolve("never");
        GitCli dev = clone("cancel");
        Pushes.pushChange(dev, "gone", "HOLD", release.toString(), "gone: will be deleted");
        JsonNode queued = awaitRequest("pull-request/gone", null);
        dev.run("push", "-q", "origin", ":pull-request/gone").ok();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "cancelled".equals(request(queued.get("id").asLong()).get("state").asText()));
        assertThat(request(queued.get("id").asLong()).get("reason").asText()).contains("deleted");
    }

    private static GitCli clone(String name) throws Exception {
        return service.clone("e2e", name);
    }

    private static void write(GitCli git, String file, String content) throws Exception {
        Path dir = Path.of(git.run("rev-parse", "--show-toplevel").ok().out().strip());
        Files.writeString(dir.resolve(file), content);
    }

    private static void commitAndPush(GitCli git, String message, String branch) {
        git.run("add", "-A").ok();
        git.run("commit", "-q", "-m", message).ok();
        git.run("push", "-q", "origin", "HEAD:" + branch).ok();
    }

    private static JsonNode request(long id) {
        return api.get("/api/requests/" + id);
    }

    /** Waits for the newest request on a branch to reach one of the states (any state when null). */
    private static JsonNode awaitRequest(String branch, String state, String... orStates) {
        return Pushes.awaitRequest(api, "e2e", branch, Duration.ofSeconds(90), now ->
                (state == null && orStates.length == 0) || now.equals(state) || List.of(orStates).contains(now));
    }
}
