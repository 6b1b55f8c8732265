package io.gatekeeper.cli;

import io.gatekeeper.testing.GitCli;
import io.gatekeeper.testing.RunningService;
import io.gatekeeper.testing.ServiceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The client commands against the real service over HTTP. */
class ClientCommandsTest {
    @RegisterExtension
    static final ServiceExtension service = new ServiceExtension();
    @TempDir
    static Path tmp;

    record Run(int exit, String out, String err) { }

    static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void userAdd_printsTokenOnce_andTheTokenWorksForGit() {
        Run added = cli("user", "add", "dana", "--role", "developer",
                "--server", service.url(), "--token", RunningService.ADMIN_TOKEN);
        assertThat(added.exit()).as(added.err()).isZero();
        String token = added.out().lines().filter(l -> l.startsWith("token")).findFirst().orElseThrow()
                .replaceAll(".*: ", "").strip();
        assertThat(token).startsWith("gk_");
        GitCli git = new GitCli(tmp);
        git.run("clone", "-q", service.gitUrl("dana", token, "demo"), "dana-demo").ok();
        assertThat(git.run("clone", "-q", service.gitUrl("dana", "gk_wrong", "demo"), "nope").exit()).isNotZero();
    }

    @Test
    void developer_cannotAddUsers_andGetsTheServersMessage() {
        Run added = cli("user", "add", "erin", "--server", service.url(), "--token", RunningService.ADMIN_TOKEN);
        String token = added.out().lines().filter(l -> l.startsWith("token")).findFirst().orElseThrow()
                .replaceAll(".*: ", "").strip();
        Run refused = cli("user", "add", "mallory", "--role", "admin", "--server", service.url(), "--token", token);
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("HTTP 403");
    }

    @Test
    void repoCreate_andStatus_showTheRepositoryAndItsRequests() {
        Run created = cli("repo", "create", "tools", "--head", "trunk",
                "--server", service.url(), "--token", RunningService.ADMIN_TOKEN);
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out()).contains("created repository tools (head branch trunk)").contains("/git/tools.git");
        Run again = cli("repo", "create", "tools", "--server", service.url(), "--token", RunningService.ADMIN_TOKEN);
        assertThat(again.exit()).isNotZero();
        assertThat(again.err()).contains("already exists");
        Run status = cli("status", "--repo", "demo", "--server", service.url());
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out()).startsWith("ID").contains("STATE").contains("BRANCH");
        Run missing = cli("status", "--repo", "nope", "--server", service.url());
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.err()).contains("no repository named 'nope'");
    }
}
