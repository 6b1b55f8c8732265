package io.gatekeeper.retention;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A tier run whose files retention removed.
 *
 * @param keptFor the retention period then in force, as configured ("30 days")
 * @param bytes   what the removed files took
 */
public record RemovedRunFiles(long runId, Instant removedAt, String keptFor, long bytes) {

    /** What the log endpoint answers for this run's log. */
    public String logMessage() {
        return "log of run " + runId + " removed by retention after " + keptFor + " (on "
                + removedAt.atOffset(ZoneOffset.UTC).toLocalDate() + ")";
    }
}
