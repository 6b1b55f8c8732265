package io.gatekeeper.flaky.judge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** The judge's words where people read them: the run's log and the rejection reason. */
final class RunNotes {
    static final int MAX_REASON = 3900;

    private RunNotes() {
    }

    /** Appends a line to a finished run's log; a log that cannot be written must not fail the judgement. */
    static void append(Path log, String line) {
        if (log == null) {
            return;
        }
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "gatekeeper: " + line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the judgement is also in the run's message and the request's judgements
        }
    }

    /** The first run's reason with the verdict lines after its first line (before the log tail), capped. */
    static String reason(String firstReason, List<String> lines) {
        int nl = firstReason.indexOf('\n');
        String head = nl < 0 ? firstReason : firstReason.substring(0, nl);
        String rest = nl < 0 ? "" : firstReason.substring(nl);
        String out = head + "\n" + String.join("\n", lines) + rest;
        return out.length() > MAX_REASON ? out.substring(0, MAX_REASON) : out;
    }
}
