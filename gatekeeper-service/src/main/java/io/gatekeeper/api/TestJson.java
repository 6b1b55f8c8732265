package io.gatekeeper.api;

import java.time.Instant;
import java.util.List;

/**
 * A test as {@code GET /api/tests} lists it. {@code id} is the path-safe handle for {@code /api/tests/{id}};
 * {@code rate} is the posterior mean of its sporadic-failure rate and {@code interval} its 95% credible
 * interval; {@code runs}/{@code failures} are raw counts; {@code state} is stable, flaky, broken or quarantined.
 */
public record TestJson(String id, String repo, String testId, String name, String state, double rate,
                       List<Double> interval, long runs, long failures, Instant lastFailure, Instant lastRun,
                       String owner, boolean quarantined, boolean quarantinedByHand, String quarantineReason) { }
