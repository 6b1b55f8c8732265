package io.gatekeeper.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;

/** Prints requests as the table {@code status} shows: the same fields as the API, newest first. */
final class StatusTable {
    private static final String FORMAT = "%-6s %-10s %-30s %-8s %-8s %s%n";

    private StatusTable() {
    }

    static void print(JsonNode requests, PrintStream out) {
        out.printf(FORMAT, "ID", "STATE", "BRANCH", "SHA", "CAND", "REASON / WAITING FOR");
        for (JsonNode r : requests) {
            String note = r.hasNonNull("reason") ? firstLine(r.get("reason").asText())
                    : r.path("waitingFor").asText("");
            out.printf(FORMAT, r.get("id").asText(), r.get("state").asText(), r.get("branch").asText(),
                    abbrev(r.path("sha").asText("")), abbrev(r.path("candidate").asText("")), note);
        }
    }

    private static String abbrev(String sha) {
        return sha.length() > 7 ? sha.substring(0, 7) : sha;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
