package io.gatekeeper.retention;

import java.time.Instant;

/** What one pass of retention removed: the files of {@code runs} tier runs that finished before {@code cutoff}. */
public record RetentionOutcome(Instant cutoff, int runs, long files, long bytes) {

    public String message() {
        if (runs == 0) {
            return "retention: no tier run that finished before " + cutoff + " has files left";
        }
        return "retention: removed the logs and reports of " + runs + " tier run" + (runs == 1 ? "" : "s")
                + " that finished before " + cutoff + ": " + files + " file" + (files == 1 ? "" : "s") + ", "
                + bytes + " bytes";
    }
}
