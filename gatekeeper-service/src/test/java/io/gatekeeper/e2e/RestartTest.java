package io.gatekeeper.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatekeeper.testing.Api;
import io.gatekeeper.testing.GitCli;
import io.gatekeeper.testing.HoldableOrigin;
import io.gatekeeper.testing.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * kill -9 of the service while a request is testing; a new process on the same data directory resumes it and
 * lands it. The processes are configured by environment variables alone (port, data directory, admin token).
 */
class RestartTest {
    @TempDir
    Path tmp;

    @Test
    void killedWhileTesting_requestCompletesAfterRestart() throws Exception {
        Path data = tmp.resolve("data");
        Path release = tmp.resolve("release");
        Path origin = HoldableOrigin.create(tmp.resolve("origin"));
        long id;
        try (ServiceProcess first = new ServiceProcess(data, Map.of()).start()) {
            Api api = first.api();
            assertThat(api.call("POST", "/api/repos", Map.of("name", "svc", "importFrom", origin.toString()))
                    .status()).isEqualTo(201);
            Path clones = Files.createDirectories(tmp.resolve("clones"));
            new GitCli(clones).run("clone", "-q", first.gitUrl("svc"), "svc").ok();
            GitCli dev = new GitCli(clones.resolve("svc"));
            Files.writeString(clones.resolve("svc").resolve("HOLD"), release.toString());
            Files.writeString(clones.resolve("svc").resolve("restart.txt"), "survives a crash\n");
            dev.run("add", "-A").ok();
            dev.run("commit", "-q", "-m", "restart: survives a crash").ok();
            dev.run("push", "-q", "origin", "HEAD:pull-request/restart").ok();
            id = awaitTierRunning(api);
            first.kill9();
        }
        try (ServiceProcess second = new ServiceProcess(data, Map.of()).start()) {
            Api api = second.api();
            Files.writeString(release, "go");
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    "merged".equals(api.get("/api/requests/" + id).get("state").asText()));
            JsonNode request = api.get("/api/requests/" + id);
            JsonNode repo = api.get("/api/repos/svc");
            assertThat(repo.get("head").asText()).isEqualTo(request.get("candidate").asText());
            assertThat(second.output()).doesNotContain("token is shown only this once");
        }
    }

    private static long awaitTierRunning(Api api) {
        long[] id = new long[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode list = api.get("/api/repos/svc/requests");
            if (list.isEmpty()) {
                return false;
            }
            JsonNode r = list.get(0);
            id[0] = r.get("id").asLong();
            return "testing".equals(r.get("state").asText()) && r.get("tiers").size() == 1
                    && "running".equals(r.get("tiers").get(0).get("state").asText());
        });
        return id[0];
    }
}
