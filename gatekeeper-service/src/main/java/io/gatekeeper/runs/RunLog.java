package io.gatekeeper.runs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;

/** A tier run's output, appended to a file as it arrives so the API can serve it while the run goes on. */
public final class RunLog implements AutoCloseable {
    private static final int TAIL_LINES = 30;

    private final OutputStream out;
    private final Deque<String> tail = new ArrayDeque<>();
    private final StringBuilder partial = new StringBuilder();

    public RunLog(Path file) {
        try {
            Files.createDirectories(file.getParent());
            this.out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path file(Path logsDir, long runId) {
        return logsDir.resolve("run-" + runId + ".log");
    }

    public synchronized void append(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            // A log that cannot be written must not fail the run; the tail still keeps the end.
        }
        partial.append(text);
        int nl;
        while ((nl = partial.indexOf("\n")) >= 0) {
            tail.addLast(partial.substring(0, nl));
            partial.delete(0, nl + 1);
            if (tail.size() > TAIL_LINES) {
                tail.removeFirst();
            }
        }
    }

    /** The last lines written, for a rejection reason. */
    public synchronized String tail() {
        StringBuilder sb = new StringBuilder();
        tail.forEach(l -> sb.append(l).append('\n'));
        sb.append(partial);
        return sb.toString().strip();
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            // nothing left to do with a log we cannot close
        }
    }
}
