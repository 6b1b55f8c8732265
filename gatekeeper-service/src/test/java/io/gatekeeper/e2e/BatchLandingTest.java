package io.gatekeeper.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatekeeper.testing.Api;
import io.gatekeeper.testing.GitCli;
import io.gatekeeper.testing.HoldableOrigin;
import io.gatekeeper.testing.ServiceExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The live service on the gatekeeper policy: requests pushed together are batched and the culprit isolated. */
class BatchLandingTest {
    @RegisterExtension
    static final ServiceExtension service = new ServiceExtension();
    static final Api api = service.admin();
    @TempDir
    static Path tmp;

    @BeforeAll
    static void importProject() throws Exception {
        service.importRepo("batch", HoldableOrigin.create(tmp.resolve("origin")));
    }

    @Test
    void fiveRequestsInOnePush_oneBad_theGoodLandInOneOrTwoFastForwards_theBadIsRejectedWithEvidence() throws Exception {
        GitCli git = service.clone("batch", "b");
        List<String> branches = List.of("g1", "g2", "bad", "g3", "g4");
        List<String> refspecs = new ArrayList<>();
        for (String b : branches) {
            commitOnMain(git, b, b + ".txt", "bad".equals(b) ? "BROKEN\n" : b + "\n");
            refspecs.add(b + ":pull-request/" + b);
        }
        List<String> push = new ArrayList<>(List.of("push", "-q", "origin"));
        push.addAll(refspecs);
        git.run(push.toArray(String[]::new)).ok();   // one push: the five are queued together

        awaitAllDone("batch", 5);
        Set<String> landings = new HashSet<>();
        for (JsonNode r : api.get("/api/repos/batch/requests")) {
            String branch = r.get("branch").asText();
            if (branch.equals("pull-request/bad")) {
                assertThat(r.get("state").asText()).isEqualTo("rejected");
                assertThat(r.get("reason").asText()).contains("unit").contains("Check.noBroken")
                        .contains("evidence: candidate");
            } else {
                assertThat(r.get("state").asText()).as(branch + ": " + r.get("reason")).isEqualTo("merged");
                landings.add(r.get("candidate").asText());
            }
        }
        // What one round of isolation clears lands as one batch, with the request speculated on the failed batch.
        assertThat(landings.size()).as("distinct fast-forwards for four good requests: "
                + api.get("/api/repos/batch/requests")).isBetween(1, 2);
        git.run("fetch", "-q", "origin").ok();
        String files = git.run("ls-tree", "--name-only", "origin/main").ok().out();
        assertThat(files).contains("g1.txt", "g2.txt", "g3.txt", "g4.txt").doesNotContain("bad.txt");
        String parents = git.run("log", "--format=%P", "origin/main").ok().out();
        assertThat(parents.lines()).allSatisfy(p -> assertThat(p.split(" ").length).isLessThanOrEqualTo(1));
    }

    /**
     * A batch fails a test that never failed before (so the change is blamed at first sight), every part of the
     * batch then passes: no culprit, both land, and the failure becomes flake evidence for that test.
     */
    @Test
    void aBatchFailureWithNoCulprit_landsEveryRequest_andCountsAsFlakeEvidence() throws Exception {
        Path origin = Files.createDirectories(tmp.resolve("shaky-origin"));
        Path mark = tmp.resolve("shaky-failed-once");
        Files.writeString(origin.resolve("check.sh"), """
                #!/bin/sh
                mkdir -p reports
                if [ ! -e "%s" ]; then
                  touch "%s"
                  echo '<testsuite name="s" tests="1" failures="1"><testcase classname="e2e.Shaky" name="once"><failure message="timing" type="java.lang.AssertionError">at e2e.Shaky.once(Shaky.java:7)</failure></testcase></testsuite>' > reports/s.xml
                  exit 1
                fi
                echo '<testsuite name="s" tests="1" failures="0"><testcase classname="e2e.Shaky" name="once"/></testsuite>' > reports/s.xml
                """.formatted(mark, mark));
        Files.writeString(origin.resolve(".gatekeeper.yml"), HoldableOrigin.CONFIG);
        service.importRepo("shaky", GitCli.commitAllAsInitial(origin));

        GitCli git = service.clone("shaky", "s");
        commitOnMain(git, "x", "x.txt", "x\n");
        commitOnMain(git, "y", "y.txt", "y\n");
        git.run("push", "-q", "origin", "x:pull-request/x", "y:pull-request/y").ok();

        awaitAllDone("shaky", 2);
        for (JsonNode r : api.get("/api/repos/shaky/requests")) {
            assertThat(r.get("state").asText()).as(r.get("branch") + ": " + r.get("reason")).isEqualTo("merged");
        }
        JsonNode test = await().atMost(Duration.ofSeconds(30)).until(() -> shakyTest(), t -> t != null
                && "flaky".equals(t.get("state").asText()));
        assertThat(test.get("failures").asLong()).isEqualTo(1);
        JsonNode history = api.get("/api/tests/" + test.get("id").asText());
        assertThat(history.toString()).contains("no-culprit-found");
    }

    private static JsonNode shakyTest() {
        for (JsonNode t : api.get("/api/tests?repo=shaky")) {
            if (t.get("testId").asText().contains("Shaky")) {
                return t;
            }
        }
        return null;
    }

    private static void commitOnMain(GitCli git, String branch, String file, String content) throws Exception {
        git.run("checkout", "-q", "-b", branch, "origin/main").ok();
        Files.writeString(git.dir().resolve(file), content);
        git.run("add", "-A").ok();
        git.run("commit", "-q", "-m", "change " + branch).ok();
    }

    private static void awaitAllDone(String repo, int requests) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode all = api.get("/api/repos/" + repo + "/requests");
            if (all.size() < requests) {
                return false;
            }
            for (JsonNode r : all) {
                if (!Set.of("merged", "rejected").contains(r.get("state").asText())) {
                    return false;
                }
            }
            return true;
        });
    }
}
