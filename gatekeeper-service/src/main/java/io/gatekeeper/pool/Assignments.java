package io.gatekeeper.pool;

import io.gatekeeper.runner.protocol.Assignment;
import io.gatekeeper.runner.tier.TierJob;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A node's assignment: the job, where to fetch it, and the cluster it belongs to. */
final class Assignments {
    private Assignments() {
    }

    /**
     * @param gitBase   the service's git root as the runner reaches it, e.g. {@code http://gk:8080/git/}
     * @param fetchUser the user whose token the runner carries: it fetches with its own token
     */
    static Assignment of(PoolJob pooled, int nodeIndex, List<String> hosts, String gitBase, String fetchUser) {
        TierJob job = pooled.job();
        return new Assignment(Long.toString(pooled.runId()), pooled.attempt(), job.tier(),
                repoUrl(pooled.repo(), gitBase), job.ref(), job.commit(), job.setup(), job.command(), job.reports(),
                Math.max(1, job.timeout().toSeconds()), job.env(), fetchUser, null, nodeIndex, hosts);
    }

    static String repoUrl(String repo, String gitBase) {
        if (repo.contains("://")) {
            return repo;
        }
        String base = gitBase.endsWith("/") ? gitBase : gitBase + "/";
        return base + URLEncoder.encode(repo, StandardCharsets.UTF_8) + ".git";
    }
}
