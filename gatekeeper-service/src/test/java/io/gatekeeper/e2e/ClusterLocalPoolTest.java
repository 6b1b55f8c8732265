package io.gatekeeper.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.gatekeeper.pool.ClusterRepos;
import io.gatekeeper.pool.LivePids;
import io.gatekeeper.testing.Api;
import io.gatekeeper.testing.RunningService;
import io.gatekeeper.testing.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded default: the service starts its own runner processes, gates requests with them, restarts one
 * that dies, and takes them all down when it stops.
 */
class ClusterLocalPoolTest {
    @TempDir
    Path tmp;

    @Test
    void localRunners_runTheTiers_areRestartedWhenKilled_andStopWithTheService() throws Exception {
        Path data = tmp.resolve("data");
        Path runners = data.resolve("runners");
        List<Long> last = new ArrayList<>();
        try (RunningService service = new RunningService(data, null,
                ConfigOverride.config("pool.heartbeat", "1s")).start()) {
            Api api = service.admin();
            await().atMost(Duration.ofSeconds(90)).until(() -> idle(api).equals(List.of("local-1", "local-2")));

            ClusterRepos repos = new ClusterRepos(tmp, api,
                    service.url().replace("://", "://admin:" + RunningService.ADMIN_TOKEN + "@") + "/git/");
            repos.create("local", Map.of(".gatekeeper.yml", """
                    tiers:
                      - name: unit
                        command: echo "ran on $GATEKEEPER_CLUSTER_NODES as $GATEKEEPER_TIER"
                        timeout: 1m
                    """));
            repos.push("local", "first");
            JsonNode merged = repos.awaitState("local", "merged");
            String log = api.call("GET", "/api/runs/" + merged.get("tiers").get(0).get("runId").asLong() + "/log",
                    null).body();
            assertThat(log).contains("ran on 127.0.0.1 as unit").contains("[gatekeeper] allocated local-");

            long killed = pid(runners, "local-1");
            String registered = node(api, "local-1").get("registeredAt").asText();
            ProcessHandle.of(killed).orElseThrow().destroyForcibly();
            await().atMost(Duration.ofSeconds(90)).until(() -> Files.exists(runners.resolve("local-1.pid"))
                    && pid(runners, "local-1") != killed && LivePids.running(pid(runners, "local-1")));
            await("the new local-1 registered again").atMost(Duration.ofSeconds(90)).until(() ->
                    !registered.equals(node(api, "local-1").get("registeredAt").asText())
                            && idle(api).equals(List.of("local-1", "local-2")));
            last.add(pid(runners, "local-1"));
            last.add(pid(runners, "local-2"));
            assertThat(LivePids.running(killed)).isFalse();
        }
        assertThat(last).allSatisfy(pid -> assertThat(LivePids.running(pid)).as("runner %d stopped", pid).isFalse());
    }

    @Test
    void runnersLeftByAKilledService_areKilledByTheNextOne_whichStopsItsOwn() throws Exception {
        Path data = tmp.resolve("crash");
        Path runners = data.resolve("runners");
        List<Long> orphans;
        try (ServiceProcess first = new ServiceProcess(data, Map.of()).start()) {
            await().atMost(Duration.ofSeconds(90)).until(() -> idle(first.api()).size() == 2);
            orphans = List.of(pid(runners, "local-1"), pid(runners, "local-2"));
            first.kill9();
            assertThat(orphans).as("a service killed with -9 cannot stop its runners").allMatch(LivePids::running);
        }
        List<Long> own;
        try (ServiceProcess next = new ServiceProcess(data, Map.of()).start()) {
            await().atMost(Duration.ofSeconds(90)).until(() -> LivePids.noneRunning(orphans)
                    && Files.exists(runners.resolve("local-1.pid")) && Files.exists(runners.resolve("local-2.pid"))
                    && !orphans.contains(pid(runners, "local-1")) && !orphans.contains(pid(runners, "local-2")));
            own = List.of(pid(runners, "local-1"), pid(runners, "local-2"));
            await().atMost(Duration.ofSeconds(90)).until(() -> idle(next.api()).size() == 2);
            assertThat(own).allMatch(LivePids::running);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> LivePids.noneRunning(own));
    }

    static long pid(Path runners, String name) throws java.io.IOException {
        return Long.parseLong(Files.readString(runners.resolve(name + ".pid")).strip());
    }

    static JsonNode node(Api api, String name) {
        for (JsonNode n : api.get("/api/nodes")) {
            if (n.get("name").asText().equals(name)) {
                return n;
            }
        }
        throw new AssertionError("no node " + name);
    }

    static List<String> idle(Api api) {
        List<String> names = new ArrayList<>();
        api.get("/api/nodes").forEach(n -> {
            if ("idle".equals(n.get("state").asText())) {
                names.add(n.get("name").asText());
            }
        });
        return names;
    }
}
