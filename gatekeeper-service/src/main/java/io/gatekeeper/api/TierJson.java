package io.gatekeeper.api;

import java.time.Instant;
import java.util.List;

/** One tier of a request's candidate: the latest attempt's outcome, and how many attempts it took. */
public record TierJson(String name, String state, int attempts, long runId, Integer exitCode, String message,
                       List<String> failedTests, Instant startedAt, Instant finishedAt, String log) { }
