package io.gatekeeper.runner.tier;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One tier to run on one candidate: where to fetch it from, what to run, what to collect.
 *
 * @param runId   identifies the run; used to name the workspace and in log lines
 * @param repoUrl http(s) URL or local path of a (bare) repository holding {@code ref}
 * @param ref     the ref to fetch, e.g. {@code refs/gatekeeper/candidates/12}
 * @param commit  full sha to check out detached; must be reachable from {@code ref}
 * @param tier    tier name, exported as {@code GATEKEEPER_TIER}
 * @param setup   optional shell command run before {@code command}; its failure is an infrastructure error
 * @param command shell command whose exit status decides the outcome
 * @param reports glob patterns relative to the checkout, e.g. {@code **}{@code /target/surefire-reports/*.xml}
 * @param timeout bound for {@code setup} and, separately, for {@code command}
 * @param env     extra environment for setup and command
 * @param user    user name for HTTP basic authentication when fetching (ignored without a token)
 * @param token   nullable: password/token for HTTP basic authentication when fetching
 */
public record TierJob(String runId, String repoUrl, String ref, String commit, String tier, String setup,
                      String command, List<String> reports, Duration timeout, Map<String, String> env,
                      String user, String token) {

    public TierJob {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(timeout, "timeout");
        reports = reports == null ? List.of() : List.copyOf(reports);
        env = env == null ? Map.of() : Map.copyOf(env);
    }
}
