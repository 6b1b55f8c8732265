package io.gatekeeper.git;

import java.time.Duration;
import java.util.List;

/**
 * One test tier of a repository, as configured in {@code .gatekeeper.yml}.
 *
 * @param name unique within the file, e.g. {@code unit}
 * @param command shell command run in the candidate's checkout
 * @param setup optional shell command run before {@code command}; {@code null} when absent
 * @param reports globs of JUnit XML reports, relative to the checkout; possibly empty
 * @param timeout the whole tier's time limit
 * @param nodes how many runner nodes the tier needs at once (at least 1)
 * @param labels runner labels a node must carry; possibly empty
 * @param burnIn whether tests a change adds or modifies are re-run after the tier passed ({@code burn_in},
 *               default true; see docs/flakiness.md)
 */
public record Tier(String name, String command, String setup, List<String> reports, Duration timeout, int nodes,
                   List<String> labels, boolean burnIn) {
    public Tier {
        reports = reports == null ? List.of() : List.copyOf(reports);
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    /** A tier with burn-in allowed (the default). */
    public Tier(String name, String command, String setup, List<String> reports, Duration timeout, int nodes,
                List<String> labels) {
        this(name, command, setup, reports, timeout, nodes, labels, true);
    }
}
