package io.gatekeeper.runner.agent;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Who the runner is and where it reports. Built by {@code RunnerMain} from flags, an optional YAML file and
 * the environment.
 *
 * @param workDir private to this runner: workspaces and reports live under it, and it is wiped at start
 */
public record RunnerConfig(URI server, String token, String name, List<String> labels, String host, Path workDir) {
    public RunnerConfig {
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    public Path workspaces() {
        return workDir.resolve("workspaces");
    }
}
