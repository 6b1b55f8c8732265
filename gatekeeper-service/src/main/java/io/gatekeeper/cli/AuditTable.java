package io.gatekeeper.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;

/** Prints audit records newest first: when, who, what, on which repository, heads and reason. */
final class AuditTable {
    private static final String FORMAT = "%-24s %-12s %-14s %-10s %-30s %-17s %s%n";

    private AuditTable() {
    }

    static void print(JsonNode records, PrintStream out) {
        out.printf(FORMAT, "AT", "ACTOR", "ACTION", "REPO", "TARGET", "HEAD", "REASON");
        for (JsonNode r : records) {
            String heads = r.hasNonNull("oldHead") || r.hasNonNull("newHead")
                    ? abbrev(r.path("oldHead").asText("")) + ".." + abbrev(r.path("newHead").asText("")) : "";
            out.printf(FORMAT, r.path("at").asText(""), r.path("actor").asText(""), r.path("action").asText(""),
                    r.path("repo").asText(""), r.path("target").asText(""), heads, r.path("reason").asText(""));
        }
    }

    private static String abbrev(String sha) {
        return sha.length() > 7 ? sha.substring(0, 7) : sha;
    }
}
