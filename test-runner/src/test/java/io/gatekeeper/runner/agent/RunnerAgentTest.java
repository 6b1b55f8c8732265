package io.gatekeeper.runner.agent;

import io.gatekeeper.runner.client.RunnerClient;
import io.gatekeeper.runner.client.RunnerClientException;
import io.gatekeeper.runner.protocol.Assignment;
import io.gatekeeper.runner.protocol.RunResult;
import io.gatekeeper.runner.tier.Await;
import io.gatekeeper.runner.tier.CandidateRepo;
import io.gatekeeper.runner.tier.Pids;
import io.gatekeeper.runner.tier.TierExecutor;
import io.gatekeeper.runner.tier.TierResult.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunnerAgentTest {
    private static final Duration BOUND = Duration.ofSeconds(60);

    @TempDir
    Path tmp;
    Path shared;
    CandidateRepo repo;
    ProtocolPeer peer;
    final List<RunnerAgent> agents = new ArrayList<>();
    final List<CompletableFuture<Void>> running = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        shared = Files.createDirectories(tmp.resolve("shared"));
        repo = CandidateRepo.create(tmp, Map.of("hello.txt", "hello from the candidate\n"));
        peer = new ProtocolPeer();
    }

    @AfterEach
    void tearDown() throws Exception {
        agents.forEach(RunnerAgent::stop);
        for (RunnerAgent agent : agents) {
            assertThat(agent.awaitStopped(BOUND)).as("agent stopped").isTrue();
        }
        peer.close();
    }

    @Test
    void agent_runsATierAndShipsLogReportsAndResult() throws Exception {
        start("node-1", "linux");
        String command = "cat hello.txt; mkdir -p target/surefire-reports;"
                + " echo '<testsuite name=\"t\"/>' > target/surefire-reports/TEST-t.xml";
        peer.assign(Map.of("node-1", assignment("41", command, null, 0, "127.0.0.1")));

        RunResult result = awaitResult("41", "node-1");

        assertThat(result.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(result.message()).isEqualTo("command exited with status 0");
        assertThat(result.reports()).containsExactly("target/surefire-reports/TEST-t.xml");
        ProtocolPeer.Run run = peer.run("41");
        assertThat(new String(run.reports.get("target/surefire-reports/TEST-t.xml"), StandardCharsets.UTF_8))
                .isEqualTo("<testsuite name=\"t\"/>\n");
        assertThat(run.log("node-1")).contains("hello from the candidate\n")
                .contains("[gatekeeper] command exited with status 0\n");
        assertThat(peer.registrations).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("node-1");
            assertThat(r.labels()).containsExactly("linux");
        });
        Await.until("workspace deleted", BOUND, () -> isEmpty(tmp.resolve("work-node-1/workspaces")));
    }

    @Test
    void agent_cancelledThroughTheHeartbeat_killsTheCommandAndReportsCancelled() throws Exception {
        start("node-1");
        String command = "sleep 1000 & echo $! > \"$SHARED/pid\"; echo $$ >> \"$SHARED/pid\"; echo started; wait";
        peer.assign(Map.of("node-1", assignment("42", command, null, 0, "127.0.0.1")));

        Await.until("command started", BOUND, () -> peer.run("42").log("node-1").contains("started\n"));
        peer.cancel("42");
        RunResult result = awaitResult("42", "node-1");

        assertThat(result.outcome()).isEqualTo(Outcome.CANCELLED);
        List<Long> pids = Pids.read(shared.resolve("pid"));
        Await.until("no process of the command survives", BOUND, () -> Pids.noneRunning(pids));
    }

    @Test
    void agent_twoNodeCluster_primaryRunsOnceTheSecondarysSetupIsUpAndBothAreReleased() throws Exception {
        start("node-a");
        start("node-b");
        String setup = "if [ \"$GATEKEEPER_NODE_INDEX\" = 1 ]; then"
                + " sleep 1000 > /dev/null 2>&1 & echo $! > \"$SHARED/server.pid\"; fi;"
                + " echo \"$GATEKEEPER_CLUSTER_NODES\" > \"$SHARED/setup-$GATEKEEPER_NODE_INDEX\"";
        String command = "test \"$GATEKEEPER_CLUSTER_NODES\" = 10.0.0.1,10.0.0.2"
                + " && test \"$GATEKEEPER_NODE_INDEX\" = 0 && test \"$GATEKEEPER_TIER\" = system"
                + " && kill -0 $(cat \"$SHARED/server.pid\") && touch \"$SHARED/ran-$GATEKEEPER_NODE_INDEX\"";
        Map<String, Assignment> cluster = new LinkedHashMap<>();
        cluster.put("node-a", assignment("43", command, setup, 0, "10.0.0.1", "10.0.0.2"));
        cluster.put("node-b", assignment("43", command, setup, 1, "10.0.0.1", "10.0.0.2"));
        peer.assign(cluster);

        RunResult result = awaitResult("43", "node-a");

        assertThat(result.outcome()).as(peer.run("43").log("node-a")).isEqualTo(Outcome.PASSED);
        assertThat(shared.resolve("setup-0")).hasContent("10.0.0.1,10.0.0.2");
        assertThat(shared.resolve("setup-1")).hasContent("10.0.0.1,10.0.0.2");
        assertThat(shared.resolve("ran-0")).exists();
        assertThat(shared.resolve("ran-1")).doesNotExist();
        List<Long> server = Pids.read(shared.resolve("server.pid"));
        Await.until("the secondary's setup server dies on release", BOUND, () -> Pids.noneRunning(server));
        Await.until("secondary workspace deleted", BOUND, () -> isEmpty(tmp.resolve("work-node-b/workspaces")));
        assertThat(peer.run("43").results).doesNotContainKey("node-b");
    }

    @Test
    void agent_cancellingARunningCluster_stopsThePrimaryAndReleasesTheSecondary() throws Exception {
        start("node-a");
        start("node-b");
        String setup = "if [ \"$GATEKEEPER_NODE_INDEX\" = 1 ]; then"
                + " sleep 1000 > /dev/null 2>&1 & echo $! > \"$SHARED/server.pid\"; fi";
        String command = "sleep 1000 & echo $! > \"$SHARED/command.pid\"; echo started; wait";
        Map<String, Assignment> cluster = new LinkedHashMap<>();
        cluster.put("node-a", assignment("46", command, setup, 0, "127.0.0.1", "127.0.0.1"));
        cluster.put("node-b", assignment("46", command, setup, 1, "127.0.0.1", "127.0.0.1"));
        peer.assign(cluster);
        Await.until("command started", BOUND, () -> peer.run("46").log("node-a").contains("started\n"));

        peer.cancel("46");

        assertThat(awaitResult("46", "node-a").outcome()).isEqualTo(Outcome.CANCELLED);
        List<Long> pids = new ArrayList<>(Pids.read(shared.resolve("server.pid")));
        pids.addAll(Pids.read(shared.resolve("command.pid")));
        Await.until("no process of either node survives", BOUND, () -> Pids.noneRunning(pids));
        Await.until("workspaces deleted", BOUND, () -> isEmpty(tmp.resolve("work-node-a/workspaces"))
                && isEmpty(tmp.resolve("work-node-b/workspaces")));
    }

    @Test
    void agent_failedCheckout_reportsAnInfrastructureErrorAndNeverCallsReady() throws Exception {
        start("node-1");
        Assignment bad = new Assignment("44", 1, "unit", repo.bare.toString(), CandidateRepo.REF,
                "0123456789012345678901234567890123456789", null, "true", List.of(), 60, Map.of(), null, null, 0,
                List.of("127.0.0.1"));
        peer.assign(Map.of("node-1", bad));

        RunResult result = awaitResult("44", "node-1");

        assertThat(result.outcome()).isEqualTo(Outcome.INFRA_ERROR);
        assertThat(result.message()).startsWith("checkout failed:");
        assertThat(peer.calls).noneMatch(c -> c.contains("/runs/44/ready"));
    }

    @Test
    void agent_toldItIsGone_registersAgainAndKeepsWorking() throws Exception {
        start("node-1");
        Await.until("registered", BOUND, () -> peer.registrations.size() == 1);

        peer.forget("node-1");
        Await.until("registered again", BOUND, () -> peer.registrations.size() == 2);
        peer.assign(Map.of("node-1", assignment("45", "true", null, 0, "127.0.0.1")));

        assertThat(awaitResult("45", "node-1").outcome()).isEqualTo(Outcome.PASSED);
    }

    @Test
    void agent_refusedToken_stopsWithUnauthorized() {
        RunnerConfig config = config("node-1");
        RunnerAgent agent = new RunnerAgent(config, new RunnerClient(peer.uri(), "wrong"),
                new TierExecutor(config.workspaces()));

        assertThatThrownBy(agent::run).isInstanceOf(RunnerClientException.Unauthorized.class)
                .hasMessageContaining("unknown runner token");
    }

    private void start(String name, String... labels) {
        RunnerConfig config = config(name, labels);
        RunnerAgent agent = new RunnerAgent(config, new RunnerClient(peer.uri(), ProtocolPeer.TOKEN),
                new TierExecutor(config.workspaces(), Duration.ofMillis(500)));
        agents.add(agent);
        running.add(CompletableFuture.runAsync(agent::run));
    }

    private RunnerConfig config(String name, String... labels) {
        return new RunnerConfig(URI.create("http://unused"), ProtocolPeer.TOKEN, name, List.of(labels), "127.0.0.1",
                tmp.resolve("work-" + name));
    }

    private Assignment assignment(String runId, String command, String setup, int index, String... hosts) {
        return new Assignment(runId, 1, "system", repo.bare.toString(),
                CandidateRepo.REF, repo.commit, setup, command, List.of("**/target/surefire-reports/*.xml"), 60,
                Map.of("SHARED", shared.toString()), null, null, index, List.of(hosts));
    }

    private RunResult awaitResult(String runId, String node) throws Exception {
        Await.until("result of " + runId + " from " + node, BOUND, () -> {
            ProtocolPeer.Run run = peer.run(runId);
            synchronized (run) {
                return run.results.containsKey(node);
            }
        });
        ProtocolPeer.Run run = peer.run(runId);
        synchronized (run) {
            return run.results.get(node);
        }
    }

    private static boolean isEmpty(Path dir) {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return !Files.exists(dir);
        }
    }
}
