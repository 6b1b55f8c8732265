package io.gatekeeper.runner.tier;

/**
 * Receives the combined stdout+stderr of a tier as it is produced, plus the executor's own progress lines
 * (prefixed with {@code [gatekeeper]}). Called from the thread running the tier, in output order. An exception
 * thrown by the sink is logged and otherwise ignored: a broken log never changes a tier's outcome.
 */
@FunctionalInterface
public interface LogSink {
    void append(String text);

    LogSink NONE = text -> { };
}
