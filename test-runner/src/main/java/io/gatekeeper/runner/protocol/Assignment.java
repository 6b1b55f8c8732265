package io.gatekeeper.runner.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.gatekeeper.runner.tier.TierJob;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A node's part in one run: reply to a lease. Node index 0 is the primary, which runs the command; every node
 * checks out and runs the setup.
 *
 * @param runId          the run; every later call names it
 * @param attempt        1 for the first try, counting infrastructure retries (for display)
 * @param repoUrl        git URL the runner fetches from
 * @param fetchUser      HTTP basic user for the fetch; the node name when absent
 * @param fetchToken     HTTP basic password for the fetch; the runner's own token when absent
 * @param timeoutSeconds bound for the setup and, separately, for the command
 * @param nodeIndex      this node's position in {@code clusterNodes}
 * @param clusterNodes   the hosts of the cluster's nodes in index order
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Assignment(String runId, int attempt, String tier, String repoUrl, String ref, String commit,
                         String setup, String command, List<String> reports, long timeoutSeconds,
                         Map<String, String> env, String fetchUser, String fetchToken, int nodeIndex,
                         List<String> clusterNodes) {

    public Assignment {
        reports = reports == null ? List.of() : List.copyOf(reports);
        env = env == null ? Map.of() : Map.copyOf(env);
        clusterNodes = clusterNodes == null ? List.of() : List.copyOf(clusterNodes);
    }

    public boolean primary() {
        return nodeIndex == 0;
    }

    /** The executor's job, with the runner's own identity filling absent fetch credentials. */
    public TierJob toJob(String nodeName, String runnerToken) {
        String user = fetchUser != null ? fetchUser : nodeName;
        String token = fetchToken != null ? fetchToken : runnerToken;
        return new TierJob(runId, repoUrl, ref, commit, tier, setup, command, reports,
                Duration.ofSeconds(timeoutSeconds), env, user, token);
    }

    /** What setup and command learn about the cluster. */
    public Map<String, String> clusterEnvironment() {
        return Map.of(RunnerProtocol.CLUSTER_NODES_VARIABLE, String.join(",", clusterNodes),
                RunnerProtocol.NODE_INDEX_VARIABLE, Integer.toString(nodeIndex));
    }
}
