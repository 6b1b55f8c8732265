package io.gatekeeper.git;

import java.time.Duration;
import java.util.List;

/** One test tier of a repository, as head's {@code .gatekeeper.yml} describes it. */
public record Tier(String name, String command, String setup, List<String> reports, Duration timeout, int nodes,
                   List<String> labels) {
    public Tier {
        reports = List.copyOf(reports);
        labels = List.copyOf(labels);
    }
}
