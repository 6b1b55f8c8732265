package io.gatekeeper.runner.agent;

import io.gatekeeper.runner.client.RunnerClient;
import io.gatekeeper.runner.client.RunnerClientException;
import io.gatekeeper.runner.tier.LogSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A {@link LogSink} that ships a run's log to the service in order, from its own thread, so a slow or absent
 * service never holds up the tier. Unsent text is kept (up to a cap, oldest dropped first) and retried;
 * {@link #close()} flushes within a bound.
 */
final class LogShipper implements LogSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogShipper.class);
    static final int MAX_BUFFERED = 8 * 1024 * 1024;
    private static final int MAX_CHUNK = 256 * 1024;
    private static final long BATCH_MILLIS = 200;
    private static final Duration FLUSH_BOUND = Duration.ofSeconds(30);

    private final RunnerClient client;
    private final String runId;
    private final String nodeId;
    private final Deque<byte[]> pending = new ArrayDeque<>();
    private final Thread thread;
    private int buffered;
    private long sent;
    private boolean closing;
    private boolean dropped;

    LogShipper(RunnerClient client, String runId, String nodeId) {
        this.client = client;
        this.runId = runId;
        this.nodeId = nodeId;
        this.thread = new Thread(this::ship, "log-" + runId);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @Override
    public synchronized void append(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        pending.addLast(bytes);
        buffered += bytes.length;
        while (buffered > MAX_BUFFERED && pending.size() > 1) {
            buffered -= pending.removeFirst().length;
            dropped = true;
        }
        notifyAll();
    }

    /** Sends what is left (bounded by 30 s) and stops the shipping thread. */
    @Override
    public void close() {
        synchronized (this) {
            closing = true;
            notifyAll();
        }
        try {
            thread.join(FLUSH_BOUND.plusSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.interrupt();
    }

    private void ship() {
        Duration backoff = Retry.FIRST;
        Instant flushDeadline = null;
        byte[] inFlight = null;
        while (true) {
            synchronized (this) {
                if (inFlight == null && pending.isEmpty() && !closing) {
                    waitQuietly(BATCH_MILLIS);
                }
                if (inFlight == null && pending.isEmpty()) {
                    if (closing) {
                        return;
                    }
                    continue;
                }
                if (closing && flushDeadline == null) {
                    flushDeadline = Instant.now().plus(FLUSH_BOUND);
                }
                if (inFlight == null) {
                    inFlight = takeChunk();
                }
            }
            if (send(inFlight)) {
                inFlight = null;
                backoff = Retry.FIRST;
            } else {
                if (flushDeadline != null && Instant.now().isAfter(flushDeadline)) {
                    LOG.warn("run {}: giving up on {} bytes of log", runId, inFlight.length + buffered);
                    return;
                }
                Retry.pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Retry.MAX) > 0 ? Retry.MAX : backoff.multipliedBy(2);
            }
        }
    }

    /** Takes whole pending pieces up to the chunk size; a chunk is resent as is until delivered. */
    private byte[] takeChunk() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (dropped) {
            out.writeBytes("[gatekeeper] log truncated: the service was unreachable\n".getBytes(StandardCharsets.UTF_8));
            dropped = false;
        }
        while (!pending.isEmpty() && (out.size() == 0 || out.size() + pending.peekFirst().length <= MAX_CHUNK)) {
            byte[] piece = pending.removeFirst();
            buffered -= piece.length;
            out.writeBytes(piece);
        }
        return out.toByteArray();
    }

    private boolean send(byte[] chunk) {
        try {
            client.appendLog(runId, nodeId, sent, chunk);
            sent += chunk.length;
            return true;
        } catch (RunnerClientException.LogGap gap) {
            // The service lost part of the log (a restart, say): carry on from what it holds.
            LOG.warn("run {}: service holds {} bytes of log, runner sent {}", runId, gap.serviceLength(), sent);
            sent = gap.serviceLength();
            return false;
        } catch (RunnerClientException e) {
            LOG.debug("run {}: log chunk not delivered: {}", runId, e.getMessage());
            return false;
        }
    }

    private void waitQuietly(long millis) {
        try {
            wait(millis);
        } catch (InterruptedException e) {
            closing = true;
        }
    }
}
