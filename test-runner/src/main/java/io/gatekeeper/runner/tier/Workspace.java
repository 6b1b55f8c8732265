package io.gatekeeper.runner.tier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A run's private directory: the checkout, the step logs, and the process trees its steps started. Closing it
 * kills every process still running from it and deletes the directory.
 */
final class Workspace implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Workspace.class);

    private final Path dir;
    private final String id;
    private final Duration killGrace;
    private final List<ProcessTree> trees = new CopyOnWriteArrayList<>();

    private Workspace(Path dir, String id, Duration killGrace) {
        this.dir = dir;
        this.id = id;
        this.killGrace = killGrace;
    }

    static Workspace create(Path workRoot, String runId, Duration killGrace) throws IOException {
        String id = safe(runId) + "-" + UUID.randomUUID().toString().substring(0, 8);
        Path dir = Files.createDirectories(workRoot).resolve(id);
        Files.createDirectory(dir);
        Files.createDirectory(dir.resolve("logs"));
        return new Workspace(dir, id, killGrace);
    }

    Path checkout() {
        return dir.resolve("checkout");
    }

    Path logFile(String step) {
        return dir.resolve("logs").resolve(step + ".log");
    }

    /** A process tag unique to this step; every tag of this workspace starts with {@code id + "/"}. */
    String tag(String step) {
        return id + "/" + step;
    }

    void adopt(ProcessTree tree) {
        trees.add(tree);
    }

    @Override
    public void close() {
        for (ProcessTree tree : trees) {
            tree.kill(killGrace);
        }
        reclaim(dir, killGrace);
    }

    /**
     * Kills every process still carrying the tag of the workspace at {@code dir} and deletes it. Also used at
     * start-up for workspaces a killed runner left behind: their processes live on in their own sessions.
     */
    static void reclaim(Path dir, Duration killGrace) {
        new ProcessTree(null, dir.getFileName() + "/").kill(killGrace);
        try {
            deleteRecursively(dir);
        } catch (IOException e) {
            LOG.warn("cannot delete workspace {}", dir, e);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                // A test may leave read-only directories; their entries could not be removed otherwise.
                d.toFile().setWritable(true, true);
                d.toFile().setExecutable(true, true);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(f);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                Files.deleteIfExists(f);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static String safe(String runId) {
        String s = runId == null ? "run" : runId.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() || s.startsWith(".") ? "run" + s : s;
    }
}
