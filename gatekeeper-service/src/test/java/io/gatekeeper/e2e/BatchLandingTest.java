package io.gatekeeper.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatekeeper.testing.Api;
import io.gatekeeper.testing.GitCli;
import io.gatekeeper.testing.HoldableOrigin;
import io.gatekeeper.testing.RunningService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The live service on the gatekeeper policy: requests pushed together are batched and the culprit isolated. */
class BatchLandingTest {
    @TempDir
    static Path tmp;
    static RunningService service;
    static Api api;

    @BeforeAll
    static void start() throws Exception {
        service = new RunningService(tmp.resolve("data"), null).start();
        api = service.admin();
        Path origin = HoldableOrigin.create(tmp.resolve("origin"));
        assertThat(api.call("POST", "/api/repos", Map.of("name", "batch", "importFrom", origin.toString()))
                .status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void fiveRequestsAtOnce_oneBad_theGoodLandInFewFastForwards_theBadIsRejectedWithEvidence() throws Exception {
        Path release = tmp.resolve("release");
        Path clones = Files.createDirectories(tmp.resolve("clones"));
        new GitCli(clones).run("clone", "-q", service.gitUrl("admin", RunningService.ADMIN_TOKEN, "batch"), "b").ok();
        GitCli git = new GitCli(clones.resolve("b"));
        // the first request holds its tier until all five are pushed, so the other four queue up together
        List<String> branches = List.of("g1", "g2", "bad", "g3", "g4");
        for (String b : branches) {
            git.run("checkout", "-q", "-b", b, "origin/main").ok();
            Files.writeString(clones.resolve("b").resolve(b + ".txt"), "bad".equals(b) ? "BROKEN\n" : b + "\n");
            if ("g1".equals(b)) {
                Files.writeString(clones.resolve("b").resolve("HOLD"), release.toString());
            }
            git.run("add", "-A").ok();
            git.run("commit", "-q", "-m", "change " + b).ok();
            git.run("push", "-q", "origin", "HEAD:pull-request/" + b).ok();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/repos/batch/requests").size() == 5);
        Files.writeString(release, "go");

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (JsonNode r : api.get("/api/repos/batch/requests")) {
                if (!Set.of("merged", "rejected").contains(r.get("state").asText())) {
                    return false;
                }
            }
            return true;
        });
        Set<String> landings = new HashSet<>();
        for (JsonNode r : api.get("/api/repos/batch/requests")) {
            String branch = r.get("branch").asText();
            if (branch.equals("pull-request/bad")) {
                assertThat(r.get("state").asText()).isEqualTo("rejected");
                assertThat(r.get("reason").asText()).contains("unit");
            } else {
                assertThat(r.get("state").asText()).as(branch + ": " + r.get("reason")).isEqualTo("merged");
                landings.add(r.get("candidate").asText());
            }
        }
        // g1 lands on its own (it held the tier); the three others after isolating the bad one
        assertThat(landings.size()).as("distinct fast-forwards for four good requests").isLessThanOrEqualTo(3);
        git.run("fetch", "-q", "origin").ok();
        String files = git.run("ls-tree", "--name-only", "origin/main").ok().out();
        assertThat(files).contains("g1.txt", "g2.txt", "g3.txt", "g4.txt").doesNotContain("bad.txt");
        String parents = git.run("log", "--format=%P", "origin/main").ok().out();
        assertThat(parents.lines()).allSatisfy(p -> assertThat(p.split(" ").length).isLessThanOrEqualTo(1));
    }
}
