package io.gatekeeper.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.gatekeeper.pool.AllocationIntervals;
import io.gatekeeper.pool.ClusterRepos;
import io.gatekeeper.pool.LivePids;
import io.gatekeeper.pool.RunnerProcess;
import io.gatekeeper.runner.protocol.RunnerProtocol;
import io.gatekeeper.pool.ServiceDb;
import io.gatekeeper.testing.Api;
import io.gatekeeper.testing.GitCli;
import io.gatekeeper.testing.RunningService;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service and three runner processes on loopback, talking the runner protocol for real: clusters that reach
 * each other, a runner killed with -9 mid-tier, contention for the pool, timeouts and cancellation that leave no
 * process behind.
 */
class ClusterTest {
    static final String TOKEN = RunningService.ADMIN_TOKEN;
    /** The runners' own token: a user with the runner role, as an admin sets up a pool. */
    static String runnerToken;
    @TempDir
    static Path tmp;
    static RunningService service;
    static Api api;
    static ClusterRepos repos;
    static Jdbi db;
    static final Map<String, RunnerProcess> runners = new HashMap<>();
    /** Outside the temporary directory, so that the runners' logs outlive a failed run. */
    static final Path RUNNERS = Path.of("target", "cluster-test-runners").toAbsolutePath();

    @BeforeAll
    static void start() throws Exception {
        service = new RunningService(tmp.resolve("data"), null,
                // one request tested at a time: run counts and retries below are the pool's, not the policy's
                ConfigOverride.config("queue.strategy", "serial"),
                ConfigOverride.config("pool.localRunners", "0"),
                ConfigOverride.config("pool.heartbeat", "1s"),
                ConfigOverride.config("pool.missedHeartbeats", "5"),
                // a tier no node can serve gives up quickly, and its held retries come round quickly
                ConfigOverride.config("pool.waitForNodes", "2s"),
                ConfigOverride.config("queue.infraHold", "2s"),
                ConfigOverride.config("queue.infraHoldMax", "4s")).start();
        api = service.admin();
        repos = new ClusterRepos(tmp, api, "http://admin:" + TOKEN + "@localhost:" + port() + "/git/");
        db = ServiceDb.of(tmp.resolve("data"));
        deleteTree(RUNNERS);
        Api.Response pool = api.call("POST", "/api/users", Map.of("name", "pool", "role", "runner"));
        assertThat(pool.status()).isEqualTo(201);
        runnerToken = pool.json().get("token").asText();
        for (String name : List.of("node-1", "node-2", "node-3")) {
            startRunner(name);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
        RunnerProcess.closeAll(runners.values());
    }

    @BeforeEach
    void wholePoolIdle() {
        await().atMost(Duration.ofSeconds(90)).until(() -> states().equals(
                Map.of("node-1", "idle", "node-2", "idle", "node-3", "idle")));
    }

    @Test
    void aDevelopersToken_mayNotActAsARunner() {
        Api.Response dev = api.call("POST", "/api/users", Map.of("name", "dora"));
        Api dora = new Api(service.url(), dev.json().get("token").asText());

        Api.Response refused = dora.call("POST", RunnerProtocol.REGISTER,
                Map.of("name", "dora-laptop", "labels", List.of()));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("user dora may not act as a runner: it needs the runner role");
        assertThat(nodes()).noneMatch(n -> n.get("name").asText().equals("dora-laptop"));
    }

    @Test
    void aTierNoNodeCanRun_isHeldNotRejected_andRunsOnceANodeArrives() throws Exception {
        repos.create("gpu", Map.of(
                ".gatekeeper.yml", """
                        tiers:
                          - name: cuda
                            labels: [gpu]
                            command: bash ./cuda.sh
                            reports: ["reports/*.xml"]
                            timeout: 1m
                        """,
                "cuda.sh", "mkdir -p reports && echo '<testsuite name=\"c\" tests=\"1\"><testcase classname=\"C\""
                        + " name=\"k\"/></testsuite>' > reports/c.xml\n"));
        repos.push("gpu", "kernel");

        JsonNode held = repos.awaitRequest("gpu", r -> r.path("waitingFor").asText().startsWith("infrastructure: tier cuda")
                && r.get("tiers").get(0).get("attempts").asInt() > 3);
        assertThat(held.get("state").asText()).isEqualTo("testing");
        assertThat(held.get("waitingFor").asText()).contains("could not run").contains("no nodes for this tier")
                .contains("next try at");

        RunnerProcess gpu = RunnerProcess.start(service.url(), runnerToken, "gpu-1", RUNNERS.resolve("gpu-1"),
                List.of("gpu"));
        try {
            JsonNode merged = repos.awaitState("gpu", "merged");
            JsonNode tier = merged.get("tiers").get(0);
            assertThat(tier.get("state").asText()).isEqualTo("passed");
            assertThat(tier.get("attempts").asInt()).as("every infrastructure failure is counted").isGreaterThan(4);
            assertThat(merged.path("reason").asText("")).doesNotContain("could not run").doesNotContain("infrastructure");
        } finally {
            gpu.close();
        }
    }

    @Test
    void twoNodeTier_primaryReadsWhatTheSecondarysSetupServes() throws Exception {
        int base = freePortPair();
        Path pids = Files.createDirectories(tmp.resolve("pids-pair"));
        repos.create("pair", Map.of(
                ".gatekeeper.yml", """
                        tiers:
                          - name: cluster
                            nodes: 2
                            setup: bash ./serve.sh
                            command: bash ./probe.sh
                            reports: ["reports/*.xml"]
                            timeout: 1m
                        """,
                "serve.sh", "BASE=" + base + "\nPIDS=" + pids + "\n" + SERVE,
                "probe.sh", "BASE=" + base + "\n" + PROBE));
        repos.push("pair", "reach");
        JsonNode merged = repos.awaitState("pair", "merged");

        JsonNode tier = merged.get("tiers").get(0);
        assertThat(tier.get("state").asText()).isEqualTo("passed");
        assertThat(tier.get("attempts").asInt()).isEqualTo(1);
        String log = api.call("GET", "/api/runs/" + tier.get("runId").asLong() + "/log", null).body();
        assertThat(log).contains("primary read: served by node 1 for " + merged.get("candidate").asText())
                .contains("[gatekeeper] allocated node-");
        long server = LivePids.read(pids).get(0);
        await("the secondary's server dies when its node is released").atMost(Duration.ofSeconds(60))
                .until(() -> !LivePids.running(server) && !listening(base + 1));
    }

    @Test
    void runnerKilledMidTier_tierRunsAgainElsewhere_andTheRequestMerges() throws Exception {
        Path marks = holdingRepo("kill", "2m");
        repos.push("kill", "survive");
        await().atMost(Duration.ofSeconds(60)).until(() -> LivePids.read(marks).size() == 1);
        JsonNode primary = nodes().stream().filter(n -> n.path("nodeIndex").asInt(-1) == 0).findFirst().orElseThrow();
        long firstRun = primary.get("run").asLong();
        // the runner ships its log in batches: wait (bounded) for the line, while the command still runs
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.call("GET", "/api/runs/" + firstRun + "/log", null).body())
                        .as("the log streams while it runs").contains("holding"));

        String victim = primary.get("name").asText();
        runners.get(victim).kill9();
        await().atMost(Duration.ofSeconds(60)).until(() -> "lost".equals(states().get(victim)));
        await("the second attempt runs on the two nodes left").atMost(Duration.ofSeconds(60))
                .until(() -> LivePids.read(marks).size() == 2);
        Files.writeString(marks.resolve("release"), "go");

        JsonNode merged = repos.awaitState("kill", "merged");
        JsonNode tier = merged.get("tiers").get(0);
        assertThat(tier.get("state").asText()).isEqualTo("passed");
        assertThat(tier.get("attempts").asInt()).as("the retry is counted").isEqualTo(2);
        assertThat(tier.get("failedTests")).isEmpty();
        Map<String, Object> first = db.withHandle(h -> h.createQuery(
                "SELECT state, failed_tests, message FROM tier_runs WHERE id = ?").bind(0, firstRun).mapToMap().one());
        assertThat(first.get("state")).isEqualTo("infra-error");
        assertThat(first.get("failed_tests")).as("no test failure is recorded from the lost node").isNull();
        assertThat((String) first.get("message")).contains("node " + victim + " stopped heartbeating");
        assertThat(states().get(victim)).isEqualTo("lost");

        startRunner(victim);
        await("the killed runner's command is reclaimed when it restarts").atMost(Duration.ofSeconds(60))
                .until(() -> LivePids.noneRunning(LivePids.read(marks)));
    }

    @Test
    void fiveTwoNodeTiers_onThreeNodes_allComplete_neverHoldingANodeTwice() throws Exception {
        Path marks = Files.createDirectories(tmp.resolve("marks-contention"));
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String name = "contend" + i;
            names.add(name);
            repos.create(name, Map.of(
                    ".gatekeeper.yml", """
                            tiers:
                              - name: pair
                                nodes: 2
                                command: bash ./pair.sh
                                reports: ["reports/*.xml"]
                                timeout: 1m
                            """,
                    "pair.sh", "MARKS=" + marks + "\n" + PAIR));
        }
        for (String name : names) {
            repos.push(name, "contend");
        }
        await("one cluster runs, four wait holding nothing").atMost(Duration.ofSeconds(60)).until(() ->
                allocations(names, "granted") == 1 && allocations(names, "requested") == 4);
        assertThat(states().values().stream().filter("idle"::equals).count()).as("the third node is left idle")
                .isEqualTo(1);
        Files.writeString(marks.resolve("go"), "go");

        for (String name : names) {
            assertThat(repos.awaitState(name, "merged").get("tiers").get(0).get("state").asText()).isEqualTo("passed");
        }
        assertThat(allocations(names, "released")).isEqualTo(5);
        assertThat(AllocationIntervals.maxNodesHeldAtOnce(db)).isLessThanOrEqualTo(3);
        assertThat(AllocationIntervals.nodeGrantedTwiceAtOnce(db)).isEmpty();
    }

    @Test
    void tierTimeout_killsTheCommandsWholeTree_andRejectsTheChange() throws Exception {
        Path marks = Files.createDirectories(tmp.resolve("marks-timeout"));
        repos.create("slow", Map.of(
                ".gatekeeper.yml", """
                        tiers:
                          - name: slow
                            command: bash ./spawn.sh
                            timeout: 3s
                        """,
                "spawn.sh", "MARKS=" + marks + "\n" + SPAWN));
        repos.push("slow", "hang");
        await().atMost(Duration.ofSeconds(60)).until(() -> LivePids.read(marks).size() == 4);
        List<Long> pids = LivePids.read(marks);
        assertThat(pids).anyMatch(LivePids::running);

        JsonNode rejected = repos.awaitState("slow", "rejected");
        assertThat(rejected.get("tiers").get(0).get("state").asText()).isEqualTo("timed-out");
        assertThat(rejected.get("reason").asText()).contains("timed out");
        await().atMost(Duration.ofSeconds(30)).until(() -> LivePids.noneRunning(pids));
    }

    @Test
    void deletingTheBranch_stopsItsRunningTier_andFreesTheNodes() throws Exception {
        Path marks = holdingRepo("cancel", "5m");
        GitCli dev = repos.push("cancel", "doomed");
        await().atMost(Duration.ofSeconds(60)).until(() -> LivePids.read(marks).size() == 1);
        long shell = LivePids.read(marks).get(0);
        assertThat(LivePids.running(shell)).isTrue();

        dev.run("push", "-q", "origin", ":pull-request/doomed").ok();
        repos.awaitState("cancel", "cancelled");
        await().atMost(Duration.ofSeconds(30)).until(() -> !LivePids.running(shell)
                && states().values().stream().allMatch("idle"::equals));
    }

    // ---- helpers

    static void startRunner(String name) throws IOException {
        runners.put(name, RunnerProcess.start(service.url(), runnerToken, name, RUNNERS.resolve(name)));
    }

    /** Imports {@code name}, whose one tier runs {@link #HOLD} on two nodes; returns its MARKS directory. */
    static Path holdingRepo(String name, String timeout) throws IOException {
        Path marks = Files.createDirectories(tmp.resolve("marks-" + name));
        repos.create(name, Map.of(
                ".gatekeeper.yml", """
                        tiers:
                          - name: system
                            nodes: 2
                            command: bash ./hold.sh
                            timeout: %s
                        """.formatted(timeout),
                "hold.sh", "MARKS=" + marks + "\n" + HOLD));
        return marks;
    }

    static int port() {
        return Integer.parseInt(service.url().substring(service.url().lastIndexOf(':') + 1));
    }

    static List<JsonNode> nodes() {
        List<JsonNode> out = new ArrayList<>();
        api.get("/api/nodes").forEach(out::add);
        return out;
    }

    /** The states of the three nodes every test shares (not of nodes a test brings up for itself). */
    static Map<String, String> states() {
        Map<String, String> states = new HashMap<>();
        nodes().forEach(n -> {
            if (n.get("name").asText().startsWith("node-")) {
                states.put(n.get("name").asText(), n.get("state").asText());
            }
        });
        return states;
    }

    static int allocations(List<String> repoNames, String state) {
        return db.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM pool_allocations a JOIN pool_runs r"
                        + " ON r.id = a.run_id WHERE a.state = :state AND r.repo IN (<repos>)")
                .bind("state", state).bindList("repos", repoNames).mapTo(Integer.class).one());
    }

    static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(a.getLocalPort() + 1)) {
                return a.getLocalPort();
            } catch (IOException taken) {
                // try another pair
            }
        }
        throw new IOException("no two free adjacent ports");
    }

    static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Setup on every node: the secondaries serve a file naming themselves on port BASE + their index. */
    static final String SERVE = """
            [ "$GATEKEEPER_NODE_INDEX" = 0 ] && exit 0
            HOST=$(echo "$GATEKEEPER_CLUSTER_NODES" | cut -d, -f$((GATEKEEPER_NODE_INDEX + 1)))
            PORT=$((BASE + GATEKEEPER_NODE_INDEX))
            echo "served by node $GATEKEEPER_NODE_INDEX for $GATEKEEPER_CANDIDATE" > served.txt
            perl -MIO::Socket::INET -e 'my $s = IO::Socket::INET->new(LocalAddr => $ARGV[0], LocalPort => $ARGV[1],
                Listen => 5, ReuseAddr => 1) or die "listen: $!"; while (my $c = $s->accept) {
                open(my $in, "<", $ARGV[2]); print {$c} <$in>; close $c; }' "$HOST" "$PORT" served.txt > server.log 2>&1 &
            echo $! > "$PIDS/server.pid"
            TRIES=0
            until (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null; do
              TRIES=$((TRIES + 1)); [ $TRIES -gt 400 ] && { cat server.log; exit 1; }; sleep 0.05
            done
            echo "node $GATEKEEPER_NODE_INDEX serves on $HOST:$PORT"
            """;

    /** The primary's command: read what node 1 serves, and check it names this candidate. */
    static final String PROBE = """
            HOST=$(echo "$GATEKEEPER_CLUSTER_NODES" | cut -d, -f2)
            exec 3<>"/dev/tcp/$HOST/$((BASE + 1))"
            GOT=$(cat <&3)
            echo "primary read: $GOT"
            mkdir -p reports
            if [ "$GOT" = "served by node 1 for $GATEKEEPER_CANDIDATE" ]; then
              echo '<testsuite name="cluster" tests="1" failures="0"><testcase classname="cluster.Probe" name="reachesSecondary"/></testsuite>' > reports/probe.xml
            else
              echo '<testsuite name="cluster" tests="1" failures="1"><testcase classname="cluster.Probe" name="reachesSecondary"><failure message="wrong"/></testcase></testsuite>' > reports/probe.xml
              exit 1
            fi
            """;

    /** Holds until MARKS/release exists, leaving its shell's pid in MARKS. */
    static final String HOLD = """
            echo $$ > "$MARKS/attempt-$$.pid"
            echo "holding as node $GATEKEEPER_NODE_INDEX of $GATEKEEPER_CLUSTER_NODES"
            while [ ! -e "$MARKS/release" ]; do sleep 0.05; done
            echo released
            """;

    static final String PAIR = """
            while [ ! -e "$MARKS/go" ]; do sleep 0.05; done
            mkdir -p reports
            echo '<testsuite name="pair" tests="1" failures="0"><testcase classname="pair.T" name="ok"/></testsuite>' > reports/pair.xml
            """;

    /** A command that leaves children and a grandchild running, each pid in MARKS. */
    static final String SPAWN = """
            sleep 300 & echo $! > "$MARKS/child.pid"
            ( sleep 300 & echo $! > "$MARKS/grandchild.pid"; wait ) &
            echo $! > "$MARKS/subshell.pid"
            echo $$ > "$MARKS/shell.pid"
            echo spawned
            wait
            """;
}
