package io.gatekeeper.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The service as a separate operating-system process (the test's own classpath, the real main class), driven
 * only by environment variables, so a test can kill it with SIGKILL and start it again.
 */
public final class ServiceProcess implements AutoCloseable {
    private final Path dataDir;
    private final int port;
    private final int adminPort;
    private final Map<String, String> extraEnv;
    private Process process;

    public ServiceProcess(Path dataDir, Map<String, String> extraEnv) throws IOException {
        this.dataDir = dataDir;
        this.port = freePort();
        this.adminPort = freePort();
        this.extraEnv = Map.copyOf(extraEnv);
    }

    public ServiceProcess start() throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "io.gatekeeper.GatekeeperMain", "server"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("GATEKEEPER_PORT", Integer.toString(port));
        pb.environment().put("GATEKEEPER_ADMIN_PORT", Integer.toString(adminPort));
        pb.environment().put("GATEKEEPER_DATA", dataDir.toString());
        pb.environment().put("GATEKEEPER_ADMIN_TOKEN", RunningService.ADMIN_TOKEN);
        pb.environment().putAll(extraEnv);
        Files.createDirectories(dataDir);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("service-output.log").toFile()));
        process = pb.start();
        Api api = api();
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                .until(() -> process.isAlive() && api.call("GET", "/api/repos", null).status() == 200);
        return this;
    }

    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public long pid() {
        return process.pid();
    }

    public Api api() {
        return new Api(url(), RunningService.ADMIN_TOKEN);
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public String gitUrl(String repo) {
        return "http://admin:" + RunningService.ADMIN_TOKEN + "@localhost:" + port + "/git/" + repo + ".git";
    }

    public String output() throws IOException {
        return Files.readString(dataDir.resolve("service-output.log"));
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill9();
            }
        }
        killLeftoverRunners();
    }

    /**
     * A service killed with -9 cannot stop its local runners; the test must not leave them behind. Their command
     * lines name this data directory (read from /proc: ProcessHandle cuts long command lines).
     */
    private void killLeftoverRunners() {
        String marker = dataDir.toString();
        ProcessHandle.allProcesses().forEach(p -> {
            try {
                byte[] cmd = Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
                if (new String(cmd, java.nio.charset.StandardCharsets.UTF_8).contains(marker)
                        && p.pid() != ProcessHandle.current().pid()) {
                    p.destroyForcibly();
                }
            } catch (IOException | RuntimeException e) {
                // gone already, or not ours to read
            }
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
