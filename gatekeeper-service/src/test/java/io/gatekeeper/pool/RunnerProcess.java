package io.gatekeeper.pool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real runner agent ({@code RunnerMain}) in its own JVM on loopback, started from the test's classpath. */
public final class RunnerProcess implements AutoCloseable {
    private final String name;
    private final Process process;

    private RunnerProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /** @param workDir the runner's private directory; its output goes to {@code <workDir>.log} */
    public static RunnerProcess start(String server, String token, String name, Path workDir) throws IOException {
        return start(server, token, name, workDir, List.of());
    }

    public static RunnerProcess start(String server, String token, String name, Path workDir, List<String> labels)
            throws IOException {
        Files.createDirectories(workDir.getParent());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), "io.gatekeeper.runner.RunnerMain",
                "--server", server, "--name", name, "--host", "127.0.0.1", "--work-dir", workDir.toString()));
        if (!labels.isEmpty()) {
            cmd.addAll(List.of("--labels", String.join(",", labels)));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolveSibling(name + ".log").toFile()));
        pb.environment().put("GATEKEEPER_TOKEN", token);
        return new RunnerProcess(name, pb.start());
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: the runner gets no chance to clean up or to tell the service. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Stops them all at once: each may take a while to let its run go. */
    public static void closeAll(java.util.Collection<RunnerProcess> runners) throws InterruptedException {
        runners.forEach(r -> r.process.destroy());
        for (RunnerProcess r : runners) {
            r.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            kill9();
        }
    }
}
