package io.gatekeeper.ui;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatekeeper.testing.Api;
import io.gatekeeper.testing.GitCli;
import io.gatekeeper.testing.Pushes;
import io.gatekeeper.testing.RunningService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The real service with one imported repository ({@link DashboardOrigin}) and a developer's clone that pushes to it. */
final class GatedRepo implements AutoCloseable {
    final RunningService service;
    final Api admin;
    final String repo;
    private final Path tmp;
    private final GitCli git;

    GatedRepo(Path tmp, String repo, io.dropwizard.testing.ConfigOverride... overrides) throws Exception {
        this.tmp = tmp;
        this.repo = repo;
        service = new RunningService(tmp.resolve("data"), null, overrides).start();
        admin = service.admin();
        Path origin = DashboardOrigin.create(tmp.resolve("origin"));
        Api.Response created = admin.call("POST", "/api/repos",
                Map.of("name", repo, "headBranch", "main", "importFrom", origin.toString()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Path clones = Files.createDirectories(tmp.resolve("clones"));
        new GitCli(clones).run("clone", "-q", service.gitUrl("admin", RunningService.ADMIN_TOKEN, repo), "dev").ok();
        git = new GitCli(clones.resolve("dev"));
    }

    /** Creates a user and returns its token. */
    String user(String name, String role) {
        Api.Response r = admin.call("POST", "/api/users", Map.of("name", name, "role", role));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("token").asText();
    }

    /** Pushes one commit on top of head as pull-request/{name}, with the given files. */
    void push(String name, Map<String, String> files) {
        git.run("fetch", "-q", "origin").ok();
        git.run("checkout", "-q", "-B", name, "origin/main").ok();
        try {
            Path dir = Path.of(git.run("rev-parse", "--show-toplevel").ok().out().strip());
            for (Map.Entry<String, String> f : files.entrySet()) {
                Files.writeString(dir.resolve(f.getKey()), f.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        git.run("add", "-A").ok();
        git.run("commit", "-q", "-m", name + ": a change").ok();
        git.run("push", "-q", "origin", "HEAD:pull-request/" + name).ok();
    }

    /** Pushes a change whose integration tier waits until {@link #release} of the same name. */
    void pushHeld(String name) {
        push(name, Map.of("HOLD", gate(name).toString(), name + ".txt", name + "\n"));
    }

    /** Holds {@code held} in testing and queues {@code waiting} behind it; returns the queued request. */
    JsonNode queueBehindHeld(String held, String waiting) {
        pushHeld(held);
        awaitRequest(held, "testing");
        push(waiting, Map.of(waiting + ".txt", "w\n"));
        return awaitRequest(waiting, "queued");
    }

    void release(String name) {
        try {
            Files.writeString(gate(name), "go");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path gate(String name) {
        return tmp.resolve("release-" + name);
    }

    /** The newest request on pull-request/{name} once it is in {@code state}. */
    JsonNode awaitRequest(String name, String state) {
        return Pushes.awaitRequest(admin, repo, "pull-request/" + name, Duration.ofSeconds(60), state::equals);
    }

    @Override
    public void close() {
        service.close();
    }
}
