package io.gatekeeper.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** A developer's round trip through the gate: one change on top of head, pushed, its request waited for. */
public final class Pushes {
    private Pushes() {
    }

    /**
     * Commits {@code content} to {@code file} on top of head, pushes it as pull-request/branch, awaits merged or
     * rejected.
     */
    public static JsonNode pushAndAwaitDecision(Api api, String repo, GitCli dev, String branch, String file,
                                                String content, Duration atMost) throws Exception {
        dev.run("fetch", "-q", "origin").ok();
        pushChange(dev, branch, file, content, branch);
        return awaitRequest(api, repo, "pull-request/" + branch, atMost, List.of("merged", "rejected")::contains);
    }

    /** Commits {@code content} to {@code file} on top of the clone's origin/main, pushes it as pull-request/branch. */
    public static void pushChange(GitCli dev, String branch, String file, String content, String message)
            throws IOException {
        dev.run("checkout", "-q", "-B", branch, "origin/main").ok();
        Path top = Path.of(dev.run("rev-parse", "--show-toplevel").ok().out().strip());
        Files.writeString(top.resolve(file), content);
        dev.run("add", file).ok();
        dev.run("commit", "-q", "-m", message).ok();
        dev.run("push", "-q", "origin", "HEAD:pull-request/" + branch).ok();
    }

    /** Waits until the newest request on {@code branch} is in a state {@code until} accepts; returns it as listed. */
    public static JsonNode awaitRequest(Api api, String repo, String branch, Duration atMost,
                                        Predicate<String> until) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (JsonNode r : api.get("/api/repos/" + repo + "/requests")) {
                if (r.get("branch").asText().equals(branch)) {
                    found[0] = r;
                    return until.test(r.get("state").asText());
                }
            }
            return false;
        });
        return found[0];
    }
}
