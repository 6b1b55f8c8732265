package io.gatekeeper.runner.tier;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one shell step (setup or command) to its end, a timeout or a cancellation, streaming its combined
 * output. On timeout or cancellation the step's whole process tree is killed before returning. Background
 * processes a step leaves behind on a normal exit keep running (a setup may start a server the command
 * needs); the workspace kills them when it closes.
 */
final class StepProcess {
    enum Ending { EXITED, TIMED_OUT, CANCELLED }

    record Result(Ending ending, int exitCode) {
    }

    private static final long POLL_MILLIS = 50;

    private final Path dir;
    private final Map<String, String> env;
    private final Duration killGrace;
    private final Consumer<ProcessTree> onStart;

    /** @param onStart told of the step's process tree as soon as it exists, so its owner can kill it later */
    StepProcess(Path dir, Map<String, String> env, Duration killGrace, Consumer<ProcessTree> onStart) {
        this.dir = dir;
        this.env = env;
        this.killGrace = killGrace;
        this.onStart = onStart;
    }

    /**
     * @param tag      unique to this step; exported in {@link ProcessTree#TAG_VARIABLE}
     * @param logFile  receives the output; must not exist yet
     * @throws IOException when the process cannot be started at all
     */
    Result run(String script, String tag, Duration timeout, Path logFile, LogSink sink, Cancellation cancel)
            throws IOException {
        Files.createFile(logFile);
        ProcessBuilder builder = new ProcessBuilder(ProcessTree.command(script))
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put(ProcessTree.TAG_VARIABLE, tag);
        Process process = builder.start();
        ProcessTree tree = new ProcessTree(process.toHandle(), tag);
        onStart.accept(tree);
        Instant deadline = Instant.now().plus(timeout);
        try (LogTail tail = new LogTail(logFile, sink)) {
            while (true) {
                boolean exited = waitFor(process);
                tail.pump();
                if (exited) {
                    return new Result(Ending.EXITED, process.exitValue());
                }
                if (cancel.cancelled() || Thread.currentThread().isInterrupted()) {
                    tree.kill(killGrace);
                    return new Result(Ending.CANCELLED, -1);
                }
                if (!Instant.now().isBefore(deadline)) {
                    tree.kill(killGrace);
                    return new Result(Ending.TIMED_OUT, -1);
                }
            }
        }
    }

    private static boolean waitFor(Process process) {
        try {
            return process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            // Treated as a cancellation by the caller's loop; keep the flag for it to see.
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
