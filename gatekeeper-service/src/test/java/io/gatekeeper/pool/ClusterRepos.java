package io.gatekeeper.pool;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatekeeper.testing.Api;
import io.gatekeeper.testing.GitCli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Hosted repositories for cluster tests: imported from a local project, changed by pushes with the git CLI. */
public final class ClusterRepos {
    private final Path dir;
    private final Api admin;
    private final String gitBase;

    /** @param gitBase e.g. {@code http://admin:token@localhost:port/git/} */
    public ClusterRepos(Path dir, Api admin, String gitBase) {
        this.dir = dir;
        this.admin = admin;
        this.gitBase = gitBase;
    }

    /** Imports a project made of {@code files} (one of them {@code .gatekeeper.yml}) as repository {@code name}. */
    public void create(String name, Map<String, String> files) throws IOException {
        Path origin = Files.createDirectories(dir.resolve("origins").resolve(name));
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(origin.resolve(f.getKey()), f.getValue());
        }
        GitCli.commitAllAsInitial(origin);
        Api.Response created = admin.call("POST", "/api/repos", Map.of("name", name, "importFrom", origin.toString()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    /** Clones {@code repo}, commits a new file, and pushes it as {@code pull-request/<branch>}. */
    public GitCli push(String repo, String branch) throws IOException {
        Path clones = Files.createDirectories(dir.resolve("clones"));
        String clone = repo + "-" + branch;
        new GitCli(clones).run("clone", "-q", gitBase + repo + ".git", clone).ok();
        GitCli git = new GitCli(clones.resolve(clone));
        Files.writeString(clones.resolve(clone).resolve(branch + ".txt"), branch + "\n");
        git.run("add", "-A").ok();
        git.run("commit", "-q", "-m", "change " + branch).ok();
        git.run("push", "-q", "origin", "HEAD:pull-request/" + branch).ok();
        return git;
    }

    /** The newest request of {@code repo}, once it is in {@code state}. */
    public JsonNode awaitState(String repo, String state) {
        return awaitRequest(repo, r -> state.equals(r.get("state").asText()));
    }

    /** Waits until the repository's newest request, as {@code GET /api/requests/{id}} shows it, meets the condition. */
    public JsonNode awaitRequest(String repo, java.util.function.Predicate<JsonNode> condition) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode list = admin.get("/api/repos/" + repo + "/requests");
            if (list.isEmpty()) {
                return false;
            }
            found[0] = admin.get("/api/requests/" + list.get(0).get("id").asLong());
            return condition.test(found[0]);
        });
        return found[0];
    }
}
