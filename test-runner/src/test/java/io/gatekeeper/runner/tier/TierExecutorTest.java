package io.gatekeeper.runner.tier;

import io.gatekeeper.runner.tier.TierResult.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class TierExecutorTest {
    private static final Duration BOUND = Duration.ofSeconds(30);

    @TempDir
    Path tmp;
    Path workRoot;
    Path reportsOut;
    Path pids;
    CandidateRepo repo;
    TierExecutor executor;
    final RecordingSink log = new RecordingSink();

    @BeforeEach
    void setUp() throws Exception {
        workRoot = tmp.resolve("work");
        reportsOut = tmp.resolve("reports");
        pids = Files.createDirectories(tmp.resolve("pids"));
        repo = CandidateRepo.create(tmp, Map.of(
                "hello.txt", "hello from the candidate\n",
                "src/test/Report.xml", "<testsuite name='checked-in'/>\n"));
        executor = new TierExecutor(workRoot, Duration.ofMillis(500));
    }

    @AfterEach
    void workspaceIsAlwaysDeleted() throws IOException {
        if (Files.exists(workRoot)) {
            try (var entries = Files.list(workRoot)) {
                assertThat(entries).as("workspaces left behind").isEmpty();
            }
        }
    }

    @Test
    void run_passingCommand_seesCheckoutAndCandidateEnvironment() {
        String command = "test \"$GATEKEEPER_CANDIDATE\" = " + repo.commit
                + " && test \"$GATEKEEPER_TIER\" = unit && test \"$EXTRA\" = extra-value"
                + " && test \"$(git rev-parse HEAD)\" = " + repo.commit + " && cat hello.txt";

        TierResult result = executor.run(job(null, command, Duration.ofMinutes(1)), reportsOut, log, new Cancellation());

        assertThat(result.outcome()).as(log.text()).isEqualTo(Outcome.PASSED);
        assertThat(result.exitCode()).isZero();
        assertThat(result.message()).isEqualTo("command exited with status 0");
        assertThat(log.text()).contains("hello from the candidate\n");
    }

    @Test
    void run_failingCommand_failsWithItsStatus() {
        TierResult result = executor.run(job(null, "echo failing; exit 3", Duration.ofMinutes(1)), reportsOut, log,
                new Cancellation());

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.message()).isEqualTo("command exited with status 3");
        assertThat(log.text()).contains("failing\n");
    }

    @Test
    void run_timeout_killsTheWholeProcessTreeIncludingChildrenIgnoringTerm() throws Exception {
        String command = String.join("\n",
                "echo $$ >> \"$PIDS/tree\"",
                "( trap '' TERM; while true; do sleep 1; done ) & echo $! >> \"$PIDS/tree\"",
                "bash -c 'sleep 1000 & echo $! >> \"$PIDS/tree\"; wait' & echo $! >> \"$PIDS/tree\"",
                "setsid sleep 1000 & echo $! >> \"$PIDS/tree\"",
                "( setsid bash -c 'sleep 1000 & echo $! >> \"$PIDS/tree\"; wait' & )",
                "until [ $(wc -l < \"$PIDS/tree\") -ge 6 ]; do sleep 0.05; done",
                "touch \"$PIDS/ready\"",
                "wait");

        TierResult result = executor.run(job(null, command, Duration.ofSeconds(3)), reportsOut, log,
                new Cancellation());

        assertThat(result.outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(result.message()).isEqualTo("timed out after 3s");
        assertThat(pids.resolve("ready")).as("the command started its whole tree before the timeout").exists();
        List<Long> tree = pidsIn("tree");
        assertThat(tree).hasSize(6);
        Await.until("no process of the tree survives: " + tree, BOUND, () -> noneRunning(tree));
    }

    @Test
    void cancel_stopsARunningCommandPromptlyAndKillsItsTree() throws Exception {
        Cancellation cancel = new Cancellation();
        String command = "sleep 1000 & echo $! >> \"$PIDS/tree\"; echo $$ >> \"$PIDS/tree\"; echo started; wait";
        CompletableFuture<TierResult> running = CompletableFuture.supplyAsync(
                () -> executor.run(job(null, command, Duration.ofHours(1)), reportsOut, log, cancel));

        try {
            Await.until("the command started", BOUND, () -> log.text().contains("started\n"));
        } finally {
            cancel.cancel();
        }
        TierResult result = running.get(BOUND.toSeconds(), TimeUnit.SECONDS);

        assertThat(result.outcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(result.message()).isEqualTo("cancelled");
        List<Long> tree = pidsIn("tree");
        assertThat(tree).hasSize(2);
        Await.until("no process of the tree survives: " + tree, BOUND, () -> noneRunning(tree));
    }

    @Test
    void cancel_beforeStart_neverRunsTheCommand() {
        Cancellation cancel = new Cancellation();
        cancel.cancel();

        TierResult result = executor.run(job(null, "touch \"$PIDS/ran\"", Duration.ofMinutes(1)), reportsOut, log,
                cancel);

        assertThat(result.outcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(pids.resolve("ran")).doesNotExist();
    }

    @Test
    void reports_matchingFilesAreCopiedWithTheirLayoutEvenWhenTheCommandFails() throws Exception {
        String command = String.join("\n",
                "mkdir -p target/surefire-reports mod/target/surefire-reports",
                "echo '<testsuite name=\"top\"/>' > target/surefire-reports/TEST-top.xml",
                "echo '<testsuite name=\"mod\"/>' > mod/target/surefire-reports/TEST-mod.xml",
                "echo 'not a report' > mod/target/surefire-reports/output.txt",
                "echo secret > \"$PIDS/outside.xml\"",
                "ln -s \"$PIDS/outside.xml\" target/surefire-reports/TEST-link.xml",
                "exit 1");
        TierJob job = new TierJob("run-7", repo.bare.toString(), CandidateRepo.REF, repo.commit, "unit", null,
                command, List.of("**/target/surefire-reports/*.xml"), Duration.ofMinutes(1),
                Map.of("PIDS", pids.toString()), "gatekeeper", null);

        TierResult result = executor.run(job, reportsOut, log, new Cancellation());

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.reports()).containsExactly(
                reportsOut.resolve("mod/target/surefire-reports/TEST-mod.xml"),
                reportsOut.resolve("target/surefire-reports/TEST-top.xml"));
        assertThat(reportsOut.resolve("mod/target/surefire-reports/TEST-mod.xml"))
                .hasContent("<testsuite name=\"mod\"/>");
    }

    @Test
    void checkout_unknownCommit_isAnInfrastructureError() {
        TierJob job = new TierJob("run-1", repo.bare.toString(), CandidateRepo.REF,
                "0123456789012345678901234567890123456789", "unit", null, "touch \"$PIDS/ran\"", List.of(),
                Duration.ofMinutes(1), Map.of("PIDS", pids.toString()), "gatekeeper", null);

        TierResult result = executor.run(job, reportsOut, log, new Cancellation());

        assertThat(result.outcome()).isEqualTo(Outcome.INFRA_ERROR);
        assertThat(result.message()).startsWith("checkout failed: commit 0123456789012345678901234567890123456789");
        assertThat(pids.resolve("ran")).doesNotExist();
    }

    @Test
    void checkout_commitNotReachableFromRef_isAnInfrastructureError() throws Exception {
        CandidateRepo other = CandidateRepo.create(tmp.resolve("other"), Map.of("x", "y"));
        TierJob job = new TierJob("run-1", repo.bare.toString(), CandidateRepo.REF, other.commit, "unit", null,
                "true", List.of(), Duration.ofMinutes(1), Map.of(), "gatekeeper", null);

        TierResult result = executor.run(job, reportsOut, log, new Cancellation());

        assertThat(result.outcome()).isEqualTo(Outcome.INFRA_ERROR);
        assertThat(result.message()).startsWith("checkout failed:");
    }

    @Test
    void checkout_missingRef_isAnInfrastructureErrorNamingTheRef() {
        TierJob job = new TierJob("run-1", repo.bare.toString(), "refs/gatekeeper/candidates/999", repo.commit,
                "unit", null, "true", List.of(), Duration.ofMinutes(1), Map.of(), "gatekeeper", null);

        TierResult result = executor.run(job, reportsOut, log, new Cancellation());

        assertThat(result.outcome()).isEqualTo(Outcome.INFRA_ERROR);
        assertThat(result.message()).startsWith("checkout failed:").contains("refs/gatekeeper/candidates/999");
    }

    @Test
    void checkout_unreachableRepository_isAnInfrastructureError() {
        TierJob job = new TierJob("run-1", tmp.resolve("nowhere.git").toString(), CandidateRepo.REF, repo.commit,
                "unit", null, "true", List.of(), Duration.ofMinutes(1), Map.of(), "gatekeeper", null);

        TierResult result = executor.run(job, reportsOut, log, new Cancellation());

        assertThat(result.outcome()).isEqualTo(Outcome.INFRA_ERROR);
        assertThat(result.message()).startsWith("checkout failed:");
    }

    @Test
    void setup_failure_isAnInfrastructureErrorAndTheCommandNeverRuns() {
        TierResult result = executor.run(job("exit 4", "touch \"$PIDS/ran\"", Duration.ofMinutes(1)), reportsOut,
                log, new Cancellation());

        assertThat(result.outcome()).isEqualTo(Outcome.INFRA_ERROR);
        assertThat(result.message()).isEqualTo("setup exited with status 4");
        assertThat(pids.resolve("ran")).doesNotExist();
    }

    @Test
    void setup_timeout_isAnInfrastructureError() {
        TierResult result = executor.run(job("sleep 1000", "true", Duration.ofSeconds(1)), reportsOut, log,
                new Cancellation());

        assertThat(result.outcome()).isEqualTo(Outcome.INFRA_ERROR);
        assertThat(result.message()).isEqualTo("setup timed out after 1s");
    }

    @Test
    void setup_backgroundServerOutlivesSetupAndDiesWithTheWorkspace() throws Exception {
        String setup = "sleep 1000 > /dev/null 2>&1 & echo $! > \"$PIDS/server\"";
        String command = "kill -0 $(cat \"$PIDS/server\")";

        TierResult result = executor.run(job(setup, command, Duration.ofMinutes(1)), reportsOut, log,
                new Cancellation());

        assertThat(result.outcome()).as(log.text()).isEqualTo(Outcome.PASSED);
        List<Long> server = pidsIn("server");
        Await.until("the setup's server is gone", BOUND, () -> noneRunning(server));
    }

    @Test
    void log_streamsCombinedOutputInOrderWhileTheCommandRuns() throws Exception {
        Path go = pids.resolve("go");
        String command = "echo one; echo two >&2; echo three; echo started; "
                + "until [ -e \"$PIDS/go\" ]; do sleep 0.05; done; echo finished >&2";
        CompletableFuture<TierResult> running = CompletableFuture.supplyAsync(
                () -> executor.run(job(null, command, Duration.ofMinutes(1)), reportsOut, log, new Cancellation()));

        try {
            Await.until("output before the command ends", BOUND, () -> log.text().contains("started\n"));
            assertThat(running).isNotDone();
            assertThat(log.text()).doesNotContain("\nfinished\n");
        } finally {
            Files.createFile(go);
        }
        TierResult result = running.get(BOUND.toSeconds(), TimeUnit.SECONDS);

        assertThat(result.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(log.text()).contains("one\ntwo\nthree\nstarted\nfinished\n");
    }

    private TierJob job(String setup, String command, Duration timeout) {
        return new TierJob("run-1", repo.bare.toString(), CandidateRepo.REF, repo.commit, "unit", setup, command,
                List.of("**/target/surefire-reports/*.xml"), timeout,
                Map.of("PIDS", pids.toString(), "EXTRA", "extra-value"), "gatekeeper", null);
    }

    private List<Long> pidsIn(String file) throws IOException {
        List<Long> result = new ArrayList<>();
        for (String line : Files.readAllLines(pids.resolve(file))) {
            if (!line.isBlank()) {
                result.add(Long.parseLong(line.trim()));
            }
        }
        return result;
    }

    private static boolean noneRunning(List<Long> pids) {
        return pids.stream().noneMatch(pid -> ProcessHandle.of(pid).map(ProcessTree::running).orElse(false));
    }

    static final class RecordingSink implements LogSink {
        private final StringBuffer text = new StringBuffer();

        @Override
        public void append(String chunk) {
            text.append(chunk);
        }

        String text() {
            return text.toString();
        }
    }
}
