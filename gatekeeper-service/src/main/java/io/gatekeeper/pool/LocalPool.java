package io.gatekeeper.pool;

import io.dropwizard.lifecycle.Managed;
import io.dropwizard.lifecycle.ServerLifecycleListener;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The embedded default pool: runner processes (the same jar or classpath as the service) that this service
 * starts once it listens, restarts when they die, and kills when it stops. Each runner is an ordinary
 * {@code RunnerMain} on loopback with its own work directory under {@code <data>/runners/}.
 */
public final class LocalPool implements Managed, ServerLifecycleListener {
    static final String MAIN = "io.gatekeeper.runner.RunnerMain";
    private static final Logger LOG = LoggerFactory.getLogger(LocalPool.class);
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final Duration QUICK_DEATH = Duration.ofSeconds(10);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final int count;
    private final Path dir;
    private final List<String> labels;
    private final Supplier<String> token;
    private final Pool pool;
    private final Map<Integer, Process> running = new ConcurrentHashMap<>();
    private final Map<Integer, Duration> backoff = new ConcurrentHashMap<>();
    private final ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "local-runners");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean stopping;
    private volatile List<String> command;

    /** @param token issues the runners' token; called once, when the service listens */
    public LocalPool(int count, Path dataDir, List<String> labels, Supplier<String> token, Pool pool) {
        this.count = count;
        this.dir = dataDir.resolve("runners");
        this.labels = List.copyOf(labels);
        this.token = token;
        this.pool = pool;
    }

    public static String name(int slot) {
        return "local-" + slot;
    }

    @Override
    public void serverStarted(Server server) {
        startRunners(getLocalPort(server));
    }

    /** Starts the runners against the service's port, once it listens. */
    public void startRunners(int port) {
        if (count == 0 || stopping) {
            return;
        }
        String server = "http://127.0.0.1:" + port;
        String secret = token.get();
        List<String> base = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), MAIN, "--server", server, "--host", "127.0.0.1"));
        if (!labels.isEmpty()) {
            base.addAll(List.of("--labels", String.join(",", labels)));
        }
        command = List.copyOf(base);
        supervisor.execute(() -> {
            for (int slot = 1; slot <= count; slot++) {
                spawn(slot, secret);
            }
        });
    }

    /** The runner processes alive now, by slot. */
    public Map<Integer, ProcessHandle> processes() {
        Map<Integer, ProcessHandle> alive = new java.util.TreeMap<>();
        running.forEach((slot, p) -> {
            if (p.isAlive()) {
                alive.put(slot, p.toHandle());
            }
        });
        return alive;
    }

    @Override
    public void start() {
        // The runners need the port: serverStarted starts them once the server listens.
    }

    @Override
    public void stop() throws InterruptedException, IOException {
        stopping = true;
        pool.closing();
        supervisor.shutdownNow();
        running.values().forEach(Process::destroy);
        Instant deadline = Instant.now().plus(GRACE);
        for (Process p : running.values()) {
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left <= 0 || !p.waitFor(left, TimeUnit.MILLISECONDS)) {
                killTree(p.toHandle());
            }
        }
        for (int slot : running.keySet()) {
            Files.deleteIfExists(pidFile(slot));
        }
        running.clear();
    }

    private void spawn(int slot, String secret) {
        if (stopping) {
            return;
        }
        String name = name(slot);
        try {
            Files.createDirectories(dir);
            killLeftover(slot);
            List<String> cmd = new ArrayList<>(command);
            cmd.add(1, marker(slot));
            cmd.addAll(List.of("--name", name, "--work-dir", dir.resolve(name).toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile()));
            // The environment, not the command line: the command line is visible to every local user.
            pb.environment().put("GATEKEEPER_TOKEN", secret);
            Instant started = Instant.now();
            Process process = pb.start();
            running.put(slot, process);
            Files.writeString(pidFile(slot), Long.toString(process.pid()));
            LOG.info("started local runner {} (pid {})", name, process.pid());
            process.onExit().thenRun(() -> died(slot, secret, process, started));
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot start local runner {}", name, e);
            retry(slot, secret, Instant.now());
        }
    }

    private void died(int slot, String secret, Process process, Instant started) {
        if (stopping || running.get(slot) != process) {
            return;
        }
        LOG.warn("local runner {} exited with status {}; restarting it", name(slot), process.exitValue());
        retry(slot, secret, started);
    }

    private void retry(int slot, String secret, Instant started) {
        Duration wait = Duration.ofSeconds(1);
        if (Duration.between(started, Instant.now()).compareTo(QUICK_DEATH) < 0) {
            Duration previous = backoff.getOrDefault(slot, Duration.ofMillis(500));
            wait = previous.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : previous.multipliedBy(2);
        }
        backoff.put(slot, wait);
        try {
            supervisor.schedule(() -> spawn(slot, secret), wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            // stopping
        }
    }

    /** A runner of this slot left by a service that died without stopping it. */
    private void killLeftover(int slot) throws IOException {
        Path pidFile = pidFile(slot);
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> old;
        try {
            old = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()));
        } catch (NumberFormatException e) {
            old = Optional.empty();
        }
        old.filter(ProcessHandle::isAlive)
                .filter(h -> commandLine(h).contains(marker(slot)))
                .ifPresent(h -> {
                    LOG.warn("killing leftover local runner {} (pid {})", name(slot), h.pid());
                    killTree(h);
                });
        Files.deleteIfExists(pidFile);
    }

    /** Names the process as this pool's runner of {@code slot}, early in its command line. */
    private String marker(int slot) {
        return "-Dgatekeeper.localRunner=" + dir.resolve(name(slot));
    }

    /** The whole command line: ProcessHandle.Info cuts it at 4096 characters, before a long classpath ends. */
    private static String commandLine(ProcessHandle h) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(h.pid()), "cmdline")).replace('\0', ' ');
        } catch (IOException | RuntimeException noProc) {
            return h.info().commandLine().orElse("");
        }
    }

    private Path pidFile(int slot) {
        return dir.resolve(name(slot) + ".pid");
    }

    private static void killTree(ProcessHandle root) {
        root.descendants().forEach(ProcessHandle::destroyForcibly);
        root.destroyForcibly();
        root.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
