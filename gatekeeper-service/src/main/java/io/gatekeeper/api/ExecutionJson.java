package io.gatekeeper.api;

import java.time.Instant;

/**
 * One execution of a test.
 *
 * @param outcome  pass, fail, error or skip
 * @param kind     first (the tier's run) or rerun (a targeted re-run)
 * @param scope    in-suite or isolated
 * @param evidence why a failure is believed innocent (same-tree-passed, no-culprit-found,
 *                 passed-on-rerun-on-head), or none
 */
public record ExecutionJson(long id, Instant at, String outcome, String tier, String commit, String tree,
                            int attempt, String kind, String scope, boolean onHead, String node, long durationMs,
                            String parameters, String fingerprint, String failureType, String failureMessage,
                            String evidence) { }
