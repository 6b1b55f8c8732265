package io.gatekeeper.runner;

import io.gatekeeper.runner.agent.ProtocolPeer;
import io.gatekeeper.runner.agent.RunnerConfig;
import io.gatekeeper.runner.protocol.Assignment;
import io.gatekeeper.runner.protocol.RunResult;
import io.gatekeeper.runner.tier.Await;
import io.gatekeeper.runner.tier.CandidateRepo;
import io.gatekeeper.runner.tier.TierResult.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunnerMainTest {
    private static final Duration BOUND = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @Test
    void options_flagsGiveTheConfig() throws Exception {
        RunnerConfig c = parse(Map.of(), "--server", "http://gk:8080", "--token", "T", "--labels", "linux, large",
                "--name", "node-7", "--host", "10.0.0.7", "--work-dir", tmp.toString());

        assertThat(c.server().toString()).isEqualTo("http://gk:8080");
        assertThat(c.token()).isEqualTo("T");
        assertThat(c.labels()).containsExactly("linux", "large");
        assertThat(c.name()).isEqualTo("node-7");
        assertThat(c.host()).isEqualTo("10.0.0.7");
        assertThat(c.workDir()).isEqualTo(tmp);
    }

    @Test
    void options_yamlWithEnvironmentSubstitutionAndFlagsWinning() throws Exception {
        Path yml = Files.writeString(tmp.resolve("runner.yml"), """
                server: http://${GK_HOST}:${GK_PORT:-8080}
                token: ${RUNNER_TOKEN}
                name: node-9
                labels: [linux, large]
                workDir: /var/tmp/gk
                """);
        Map<String, String> env = Map.of("GK_HOST", "gk.example", "RUNNER_TOKEN", "from-env");

        RunnerConfig fromFile = parse(env, yml.toString());
        RunnerConfig overridden = parse(env, "--config", yml.toString(), "--name", "node-10", "--labels", "gpu");

        assertThat(fromFile.server().toString()).isEqualTo("http://gk.example:8080");
        assertThat(fromFile.token()).isEqualTo("from-env");
        assertThat(fromFile.labels()).containsExactly("linux", "large");
        assertThat(fromFile.workDir()).isEqualTo(Path.of("/var/tmp/gk"));
        assertThat(overridden.name()).isEqualTo("node-10");
        assertThat(overridden.labels()).containsExactly("gpu");
        assertThat(overridden.token()).isEqualTo("from-env");
    }

    @Test
    void options_environmentGivesServerAndToken() throws Exception {
        RunnerConfig c = parse(Map.of("GATEKEEPER_SERVER", "https://gk", "GATEKEEPER_TOKEN", "E"), "--name", "n");

        assertThat(c.server().toString()).isEqualTo("https://gk");
        assertThat(c.token()).isEqualTo("E");
        assertThat(c.workDir().toString()).endsWith("gatekeeper-runner/n");
    }

    @Test
    void options_missingTokenOrUndefinedVariableIsRefusedWithAReason() throws Exception {
        assertThatThrownBy(() -> parse(Map.of(), "--server", "http://gk"))
                .isInstanceOf(RunnerOptions.Invalid.class).hasMessageStartingWith("no token");
        Path yml = Files.writeString(tmp.resolve("bad.yml"), "server: ${NOPE}\n");
        assertThatThrownBy(() -> parse(Map.of(), yml.toString()))
                .isInstanceOf(RunnerOptions.Invalid.class)
                .hasMessageContaining("environment variable NOPE is not set");
        Path typo = Files.writeString(tmp.resolve("typo.yml"), "servr: http://gk\n");
        assertThatThrownBy(() -> parse(Map.of(), typo.toString())).isInstanceOf(RunnerOptions.Invalid.class)
                .hasMessageContaining("servr");
    }

    @Test
    void main_badArgumentsExitWithUsageStatus() {
        StringWriter err = new StringWriter();

        int status = RunnerMain.run(new String[] {"--server", "ftp://gk", "--token", "t"}, Map.of(),
                new PrintWriter(err, true));

        assertThat(status).isEqualTo(RunnerMain.USAGE);
        assertThat(err.toString()).contains("server must be an http(s) URL: ftp://gk");
    }

    @Test
    void process_registersLeasesAndRunsATierAsASeparateJvm() throws Exception {
        CandidateRepo repo = CandidateRepo.create(tmp, Map.of("hello.txt", "hi\n"));
        try (ProtocolPeer peer = new ProtocolPeer()) {
            Process runner = launch(peer, ProtocolPeer.TOKEN);
            try {
                Await.until("registered", BOUND, () -> !peer.registrations.isEmpty());
                assertThat(peer.registrations.get(0).name()).isEqualTo("node-7");
                assertThat(peer.registrations.get(0).labels()).containsExactly("linux", "large");
                peer.assign(Map.of("node-7", new Assignment("51", 1, "unit", repo.bare.toString(),
                        CandidateRepo.REF, repo.commit, null, "cat hello.txt", List.of(), 60, Map.of(), null, null,
                        0, List.of("127.0.0.1"))));

                Await.until("result", BOUND, () -> peer.run("51").results.containsKey("node-7"));
                RunResult result = peer.run("51").results.get("node-7");
                assertThat(result.outcome()).isEqualTo(Outcome.PASSED);
                assertThat(peer.run("51").log("node-7")).contains("hi\n");
            } finally {
                runner.destroy();
            }
            assertThat(runner.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).as("runner stops on SIGTERM").isTrue();
        }
    }

    @Test
    void process_refusedTokenExitsWithTheServersMessage() throws Exception {
        try (ProtocolPeer peer = new ProtocolPeer()) {
            Process runner = launch(peer, "wrong-token");
            assertThat(runner.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
            String stderr = new String(runner.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(runner.exitValue()).isEqualTo(RunnerMain.REFUSED);
            assertThat(stderr).contains("the service refused the token").contains("unknown runner token");
        }
    }

    private Process launch(ProtocolPeer peer, String token) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> argv = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                RunnerMain.class.getName(), "--server", peer.uri().toString(), "--token", token,
                "--labels", "linux,large", "--name", "node-7", "--work-dir", tmp.resolve("work").toString()));
        return new ProcessBuilder(argv).redirectOutput(tmp.resolve("runner.out").toFile()).start();
    }

    private static RunnerConfig parse(Map<String, String> env, String... args) throws Exception {
        return RunnerOptions.parse(RunnerOptions.parseArgs(args), env);
    }
}
