package io.gatekeeper.runs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The logs of a run's secondary nodes, one file each, appended at the byte offsets the runner gives. */
final class NodeLogs {
    private final Path logsDir;

    NodeLogs(Path logsDir) {
        this.logsDir = logsDir;
    }

    static Path file(Path logsDir, long runId, String node) {
        return logsDir.resolve("run-" + runId + "-" + node + ".log");
    }

    synchronized LogAppend append(long runId, String node, long offset, byte[] chunk) {
        Path file = file(logsDir, runId, node);
        try {
            long length = Files.exists(file) ? Files.size(file) : 0;
            if (offset > length) {
                return new LogAppend(false, length);
            }
            int skip = (int) (length - offset);
            if (skip < chunk.length) {
                Files.createDirectories(logsDir);
                try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND)) {
                    out.write(chunk, skip, chunk.length - skip);
                }
                length += chunk.length - skip;
            }
            return new LogAppend(true, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
