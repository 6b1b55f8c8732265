package io.gatekeeper.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.junit.TestRepository;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The git CLI against the servlet and filter in a real Jetty, as users will meet them. */
class GitHttpTest {
    record Push(String repo, GitPrincipal pusher, List<RefChange> changes) {
    }

    private static final Map<String, String> TOKENS = Map.of("dev", "dev-token", "root", "root-token");
    private static final Map<String, Set<String>> ROLES = Map.of(
            "dev", Set.of(GitPrincipal.DEVELOPER), "root", Set.of(GitPrincipal.ADMIN));

    @TempDir
    Path tmp;
    Server jetty;
    String base;
    RevCommit head;
    FileRepositoryStore store;
    GitCli git;
    final BlockingQueue<Push> pushes = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        store = new FileRepositoryStore(tmp.resolve("repos"));
        try (Repository repo = store.create("demo", "main");
             TestRepository<Repository> seed = new TestRepository<>(repo)) {
            head = seed.commit().add("README.md", "# demo\n").add("a.txt", "a\n").message("initial").create();
            seed.update("refs/heads/main", head);
        }
        GitAuthenticator auth = (user, token) -> token.equals(TOKENS.get(user))
                ? Optional.of(new GitPrincipal(user, ROLES.get(user))) : Optional.empty();
        RepoPolicyLookup policies = repo -> new RepoPolicy("main", List.of("pull-request/", "push-request/"));
        PushListener listener = (repo, pusher, changes) -> pushes.add(new Push(repo, pusher, changes));

        jetty = new Server(0);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addFilter(new FilterHolder(GitHttp.authFilter(auth, true)), "/git/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(GitHttp.servlet(store, policies, listener)), "/git/*");
        jetty.setHandler(context);
        jetty.start();
        base = "127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
        git = new GitCli(tmp.resolve("home"));
    }

    @AfterEach
    void stop() throws Exception {
        jetty.stop();
    }

    private String url(String credentials, String repo) {
        return "http://" + (credentials == null ? "" : credentials + "@") + base + "/git/" + repo + ".git";
    }

    @Test
    void gitCli_clonesPushesPullRequestsAndIsRefusedOnHead() throws Exception {
        Path work = tmp.resolve("work");
        GitCli.Result clone = git.run(tmp, "clone", url("dev:dev-token", "demo"), work.toString());
        assertThat(clone.ok()).as(clone.stderr()).isTrue();
        assertThat(Files.readString(work.resolve("README.md"))).isEqualTo("# demo\n");

        Files.writeString(work.resolve("a.txt"), "hello\n");
        assertThat(git.run(work, "commit", "-qam", "say hello").ok()).isTrue();
        String sha = git.run(work, "rev-parse", "HEAD").stdout().strip();

        GitCli.Result pushed = git.run(work, "push", "origin", "HEAD:pull-request/hello");
        assertThat(pushed.ok()).as(pushed.stderr()).isTrue();
        Push push = pushes.poll(30, TimeUnit.SECONDS);
        assertThat(push).as("listener call").isNotNull();
        assertThat(push.repo()).isEqualTo("demo");
        assertThat(push.pusher().name()).isEqualTo("dev");
        assertThat(push.changes()).containsExactly(
                new RefChange("refs/heads/pull-request/hello", ObjectId.zeroId(), ObjectId.fromString(sha)));

        GitCli.Result refused = git.run(work, "push", "origin", "HEAD:main");
        assertThat(refused.ok()).isFalse();
        assertThat(refused.stderr()).contains("main is updated only by Gatekeeper: push to pull-request/<name> instead");
        try (Repository repo = store.open("demo")) {
            assertThat(GitRefs.resolve(repo, "refs/heads/main")).contains(head);
            assertThat(GitRefs.resolve(repo, "refs/heads/pull-request/hello")).contains(ObjectId.fromString(sha));
        }
        assertThat(pushes).isEmpty();
    }

    @Test
    void gitCli_badCredentialsGet401() throws Exception {
        // git sends credentials only after a 401, and anonymous reads need none: so push to check them.
        Path work = tmp.resolve("anonymous-clone");
        assertThat(git.run(tmp, "clone", url(null, "demo"), work.toString()).ok()).isTrue();
        GitCli.Result badPush = git.run(work, "push", url("dev:wrong-token", "demo"), "HEAD:pull-request/x");
        assertThat(badPush.ok()).isFalse();
        assertThat(badPush.stderr()).contains("Authentication failed");
        GitCli.Result noCredentials = git.run(work, "push", "origin", "HEAD:pull-request/x");
        assertThat(noCredentials.ok()).isFalse();
        assertThat(pushes).isEmpty();

        HttpClient http = HttpClient.newHttpClient();
        String basic = "Basic " + Base64.getEncoder().encodeToString("dev:wrong-token".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(
                        URI.create(url(null, "demo") + "/info/refs?service=git-upload-pack"))
                .header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"Gatekeeper\"");

        HttpResponse<String> anonymousPush = http.send(HttpRequest.newBuilder(
                URI.create(url(null, "demo") + "/info/refs?service=git-receive-pack")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymousPush.statusCode()).isEqualTo(401);
        assertThat(anonymousPush.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"Gatekeeper\"");
    }

    @Test
    void gitCli_anonymousReadsWorkAndUnknownRepositoriesAreNotFound() throws Exception {
        GitCli.Result lsRemote = git.run(tmp, "ls-remote", url(null, "demo"), "refs/heads/main");
        assertThat(lsRemote.ok()).as(lsRemote.stderr()).isTrue();
        assertThat(lsRemote.stdout()).startsWith(head.name());

        GitCli.Result missing = git.run(tmp, "ls-remote", url(null, "nope"));
        assertThat(missing.ok()).isFalse();
        assertThat(missing.stderr()).contains("not found");
    }
}
