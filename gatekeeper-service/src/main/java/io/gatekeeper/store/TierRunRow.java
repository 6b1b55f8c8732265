package io.gatekeeper.store;

import java.time.Instant;

public record TierRunRow(long id, long repoId, long candidateNo, String tier, int attempt, String state,
                         Integer exitCode, String message, String failedTests, Instant startedAt,
                         Instant finishedAt) { }
