package io.gatekeeper.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatekeeper.git.ReceivePolicy;
import io.gatekeeper.testing.Api;
import io.gatekeeper.testing.GitCli;
import io.gatekeeper.testing.RunningService;
import io.gatekeeper.testing.ServiceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What a new user and an admin do first: the README's demo push, bringing a project in, push refusals. */
class OnboardingTest {
    @RegisterExtension
    static final ServiceExtension service = new ServiceExtension();
    static final Api api = service.admin();
    @TempDir
    static Path tmp;

    @Test
    void demoRepository_landsAPullRequestAsTheReadmeSays() throws Exception {
        GitCli git = new GitCli(tmp);
        git.run("clone", "-q", service.gitUrl("admin", RunningService.ADMIN_TOKEN, "demo"), "demo").ok();
        GitCli demo = new GitCli(tmp.resolve("demo"));
        Files.writeString(tmp.resolve("demo").resolve("hello.txt"), "hello\n");
        demo.run("add", "hello.txt").ok();
        demo.run("commit", "-q", "-m", "Say hello").ok();
        demo.run("push", "-q", "origin", "HEAD:pull-request/hello").ok();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode list = api.get("/api/repos/demo/requests");
            return !list.isEmpty() && "merged".equals(list.get(0).get("state").asText());
        });
        demo.run("fetch", "-q", "origin").ok();
        assertThat(demo.run("show", "origin/main:hello.txt").ok().out()).isEqualTo("hello\n");
        assertThat(demo.run("log", "-1", "--format=%s %cn", "origin/main").ok().out().strip())
                .isEqualTo("Say hello Gatekeeper");
    }

    @Test
    void emptyRepository_takesTheAdminsFirstPushOfHead_thenOnlyTheGateMovesIt() throws Exception {
        assertThat(api.call("POST", "/api/repos", Map.of("name", "fresh")).status()).isEqualTo(201);
        Path project = Files.createDirectories(tmp.resolve("project"));
        GitCli git = new GitCli(project);
        git.run("init", "-q", "-b", "main").ok();
        Files.writeString(project.resolve("README.md"), "existing project\n");
        git.run("add", "-A").ok();
        git.run("commit", "-q", "-m", "existing history").ok();
        git.run("remote", "add", "origin", service.gitUrl("admin", RunningService.ADMIN_TOKEN, "fresh")).ok();
        git.run("push", "-q", "origin", "main").ok();
        assertThat(api.get("/api/repos/fresh").get("head").asText())
                .isEqualTo(git.run("rev-parse", "HEAD").ok().out().strip());

        Files.writeString(project.resolve("README.md"), "moved behind the gate's back\n");
        git.run("commit", "-q", "-am", "direct").ok();
        GitCli.Result refused = git.run("push", "origin", "main");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains(String.format(ReceivePolicy.HEAD_BRANCH, "main"));
    }

    @Test
    void developer_cannotPushPushRequestBranches() throws Exception {
        Api.Response created = api.call("POST", "/api/users", Map.of("name", "dev1", "role", "developer"));
        String token = created.json().get("token").asText();
        GitCli git = new GitCli(tmp);
        git.run("clone", "-q", service.gitUrl("dev1", token, "demo"), "dev1-demo").ok();
        GitCli dev = new GitCli(tmp.resolve("dev1-demo"));
        Files.writeString(tmp.resolve("dev1-demo").resolve("urgent.txt"), "urgent\n");
        dev.run("add", "-A").ok();
        dev.run("commit", "-q", "-m", "urgent").ok();
        GitCli.Result refused = dev.run("push", "origin", "HEAD:push-request/urgent");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains(ReceivePolicy.PUSH_REQUEST_PRIVILEGED);
        GitCli.Result malformed = dev.run("push", "origin", "HEAD:pull-request/");
        assertThat(malformed.exit()).isNotZero();
    }

    @Test
    void importOfAMissingProject_isAClearError_andLeavesNothingBehind() {
        Api.Response bad = api.call("POST", "/api/repos",
                Map.of("name", "ghost", "importFrom", tmp.resolve("does-not-exist").toString()));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("message").asText()).startsWith("cannot import");
        assertThat(api.call("GET", "/api/repos/ghost", null).status()).isEqualTo(404);
        assertThat(api.call("POST", "/api/repos", Map.of("name", "ghost")).status()).isEqualTo(201);
    }

    @Test
    void roleChangesAndTokenRevocations_takeEffectAtOnce_andAreAudited() {
        String token = api.call("POST", "/api/users", Map.of("name", "rita", "role", "developer")).json()
                .get("token").asText();
        Api rita = new Api(service.url(), token);
        assertThat(rita.call("POST", "/api/repos/demo/pause", Map.of("reason", "try")).status()).isEqualTo(403);
        assertThat(api.call("POST", "/api/users/rita/role", Map.of("name", "rita", "role", "admin")).status())
                .isEqualTo(200);
        assertThat(rita.get("/api/users/me").get("role").asText()).isEqualTo("admin");
        Api.Response rotated = api.call("POST", "/api/users/rita/token", null);
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rita.call("GET", "/api/users/me", null).status()).as("the old token is revoked").isEqualTo(401);
        Api ritaAgain = new Api(service.url(), rotated.json().get("token").asText());
        assertThat(ritaAgain.get("/api/users/me").get("name").asText()).isEqualTo("rita");
        assertThat(api.call("POST", "/api/users/rita/revoke", null).status()).isEqualTo(200);
        assertThat(ritaAgain.call("GET", "/api/users/me", null).status()).isEqualTo(401);
        assertThat(api.get("/api/audit").findValuesAsText("action"))
                .contains("user.role", "token.revoke", "token.issue");
        assertThat(api.call("DELETE", "/api/audit", null).status()).as("the audit log cannot be deleted")
                .isEqualTo(405);
    }

    @Test
    void developer_cannotCreateRepositories() {
        Api.Response created = api.call("POST", "/api/users", Map.of("name", "dev2"));
        Api dev = new Api(service.url(), created.json().get("token").asText());
        assertThat(dev.call("POST", "/api/repos", Map.of("name", "mine")).status()).isEqualTo(403);
        assertThat(new Api(service.url(), null).call("POST", "/api/repos", Map.of("name", "anon")).status())
                .isEqualTo(401);
    }
}
