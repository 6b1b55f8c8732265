package io.gatekeeper.flaky.store;

import io.gatekeeper.flaky.model.Decision;
import java.time.Instant;

/** A row of {@code test_verdict}; {@code id} is null before insertion. */
public record VerdictRow(Long id, String repo, String testId, String tier, String candidateCommit,
                         Decision decision, int failures, int runs, boolean hasHistory, double rate,
                         double rateLower, double rateUpper, double pChangeCaused, int maxReruns,
                         Boolean fingerprintKnown, String text, Instant decidedAt) {
}
