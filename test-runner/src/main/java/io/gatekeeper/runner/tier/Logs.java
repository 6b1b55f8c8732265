package io.gatekeeper.runner.tier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes to a {@link LogSink} without letting a failing sink change a tier's course. */
final class Logs {
    private static final Logger LOG = LoggerFactory.getLogger(Logs.class);

    private Logs() {
    }

    static void append(LogSink sink, String text) {
        try {
            sink.append(text);
        } catch (RuntimeException e) {
            LOG.warn("log sink failed; output continues to be collected", e);
        }
    }

    /** A progress line of the executor itself, told apart from the command's output by its prefix. */
    static void note(LogSink sink, String line) {
        append(sink, "[gatekeeper] " + line + "\n");
    }
}
