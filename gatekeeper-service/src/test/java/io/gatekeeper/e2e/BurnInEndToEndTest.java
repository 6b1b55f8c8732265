package io.gatekeeper.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.gatekeeper.flaky.FlakyProject;
import io.gatekeeper.testing.Api;
import io.gatekeeper.testing.GitCli;
import io.gatekeeper.testing.Pushes;
import io.gatekeeper.testing.ServiceExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Burn-in end to end (docs/flakiness.md §6a): a project whose runner reports one test per
 * {@code src/test/java/demo/*Test.java} file and honours {@code GATEKEEPER_RERUN_TESTS}; a file saying
 * {@code FLAKY k} makes its test fail on its k-th run only (counted outside every checkout). A change adding a
 * stable test lands after the burn-in runs; a change adding a test that fails on its third run passes the
 * tier's run and the first burn-in run, fails the second, and is rejected as the change's fault. The same
 * marker in {@code src/main/java/demo/Foo.java} makes {@code FooTest} fail (its runs are counted per content
 * of that file): a change editing only production code is caught by burning in the test named after it.
 */
class BurnInEndToEndTest {
    static final String REPO = "burnin";
    static final String RUNNER = """
            #!/bin/sh
            # One test per demo/*Test.java; 'FLAKY k' in the file, or in src/main/java/demo/Foo.java for FooTest,
            # fails its k-th run (counted per content of Foo.java). GATEKEEPER_RERUN_TESTS honoured.
            COUNTERS='@COUNTERS@'
            mkdir -p reports "$COUNTERS"
            out=""
            failed=0
            wanted() {
              [ -z "$GATEKEEPER_RERUN_TESTS" ] && return 0
              case ",$GATEKEEPER_RERUN_TESTS," in *",$1,"*) return 0 ;; esac
              return 1
            }
            for f in src/test/java/demo/*Test.java; do
              name=$(basename "$f" .java)
              wanted "demo.$name#works" || continue
              main="src/main/java/demo/${name%Test}.java"
              key=$name
              [ -f "$main" ] && key="$name-$(cksum < "$main" | cut -d ' ' -f 1)"
              n=$(( $(cat "$COUNTERS/$key" 2>/dev/null || echo 0) + 1 ))
              echo "$n" > "$COUNTERS/$key"
              k=$(cat "$f" $( [ -f "$main" ] && echo "$main" ) | sed -n 's/.*FLAKY \\([0-9]*\\).*/\\1/p' | head -n 1)
              if [ -n "$k" ] && [ "$n" -eq "$k" ]; then
                out="$out<testcase classname=\\"demo.$name\\" name=\\"works\\"><failure message=\\"race\\">race
              at demo.$name.works($name.java:3)</failure></testcase>"
                failed=1
              else
                out="$out<testcase classname=\\"demo.$name\\" name=\\"works\\"/>"
              fi
            done
            echo "<testsuite name=\\"demo\\">$out</testsuite>" > reports/TEST-demo.xml
            exit $failed
            """;
    @RegisterExtension
    static final ServiceExtension service = new ServiceExtension(
            ConfigOverride.config("flakiness.burnInRuns", "3"),
            ConfigOverride.config("queue.strategy", "serial"));
    static final Api api = service.admin();
    @TempDir
    static Path tmp;

    @BeforeAll
    static void importProject() throws Exception {
        Path origin = tmp.resolve("origin");
        Files.createDirectories(origin.resolve("src/test/java/demo"));
        Files.writeString(origin.resolve("run-tests.sh"), RUNNER.replace("@COUNTERS@",
                tmp.resolve("counters").toString()));
        Files.writeString(origin.resolve(".gatekeeper.yml"), FlakyProject.CONFIG);
        Files.writeString(origin.resolve("src/test/java/demo/CalcTest.java"), "package demo;\nclass CalcTest { }\n");
        Files.createDirectories(origin.resolve("src/main/java/demo"));
        Files.writeString(origin.resolve("src/main/java/demo/Calc.java"), "package demo;\nclass Calc { }\n");
        service.importRepo(REPO, GitCli.commitAllAsInitial(origin));
    }

    @Test
    void aStableNewTestLandsAfterItsBurnIn_andOneFailingItsThirdRunIsRejected() throws Exception {
        GitCli dev = cloneRepo();
        JsonNode stable = push(dev, "stable", "src/test/java/demo/GoodTest.java", "class GoodTest { }\n");

        assertThat(stable.get("state").asText()).as(stable.get("reason").asText()).isEqualTo("merged");
        JsonNode tier = stable.get("tiers").get(0);
        assertThat(tier.get("attempts").asInt()).as("the tier's run and three burn-in runs").isEqualTo(4);
        assertThat(stable.get("judgements")).isEmpty();
        String lastLog = api.call("GET", tier.get("log").asText(), null).body();
        assertThat(lastLog).contains("gatekeeper: burn-in run 3 of 3 of 1 test(s) the change adds or modifies:"
                + " demo.GoodTest#works");

        JsonNode racy = push(dev, "racy", "src/test/java/demo/RacyTest.java", "class RacyTest { } // FLAKY 3\n");

        assertThat(racy.get("state").asText()).isEqualTo("rejected");
        assertThat(racy.get("reason").asText()).contains("tier unit failed burn-in run 2 of 3")
                .contains("`RacyTest.works` failed burn-in run 2 of 3: the change made it flaky");
        assertThat(racy.get("tiers").get(0).get("attempts").asInt()).isEqualTo(3);
        assertThat(racy.get("judgements")).singleElement().satisfies(j -> {
            assertThat(j.get("testId").asText()).isEqualTo("demo.RacyTest#works");
            assertThat(j.get("decision").asText()).isEqualTo("change-caused");
            assertThat(j.get("pChangeCaused").asDouble()).isEqualTo(1.0);
        });
        assertThat(cloneRepo().run("log", "--format=%s", "origin/main").ok().out()).contains("stable")
                .doesNotContain("racy");
    }

    @Test
    void aChangeToProductionCodeOnly_burnsInTheTestNamedAfterIt_andIsRejectedWhenItMadeThatTestFlaky()
            throws Exception {
        JsonNode racy = push(cloneRepo(), "racy-calc", "src/main/java/demo/Calc.java",
                "package demo;\nclass Calc { } // FLAKY 3\n");

        assertThat(racy.get("state").asText()).isEqualTo("rejected");
        assertThat(racy.get("reason").asText()).contains("tier unit failed burn-in run 2 of 3")
                .contains("`CalcTest.works` (related to a changed source file) failed burn-in run 2 of 3: the change"
                        + " made it flaky");
        assertThat(racy.get("tiers").get(0).get("attempts").asInt()).as("the tier's run and two burn-in runs")
                .isEqualTo(3);
        assertThat(racy.get("judgements")).singleElement().satisfies(j -> {
            assertThat(j.get("testId").asText()).isEqualTo("demo.CalcTest#works");
            assertThat(j.get("decision").asText()).isEqualTo("change-caused");
            assertThat(j.get("pChangeCaused").asDouble()).as("the change did not add the test").isLessThan(1.0);
        });
    }

    /** Pushes one change on top of head and waits until the gate has decided it. */
    static JsonNode push(GitCli dev, String branch, String file, String content) throws Exception {
        return Pushes.pushAndAwaitDecision(api, REPO, dev, branch, file, content, Duration.ofSeconds(60));
    }

    static int clones;

    static GitCli cloneRepo() throws Exception {
        return service.clone(REPO, "c" + (++clones));
    }
}
