package io.gatekeeper.queue;

import java.util.List;
import java.util.OptionalLong;

/** What the engine wants done. A thin executor performs it and reports back with an {@link Event}. */
public sealed interface Action {

    /**
     * Rebase {@code requestIds}, in order, onto head ({@code parent} empty) or onto the commit of candidate
     * {@code parent}. Answered by {@link Event.CandidateBuilt} or {@link Event.CandidateConflict}.
     */
    record BuildCandidate(long candidateId, OptionalLong parent, List<Long> requestIds) implements Action {
        public BuildCandidate {
            requestIds = List.copyOf(requestIds);
        }
    }

    /** Run one tier on a built candidate. Answered by TierPassed, TierFailed or TierInfraError. */
    record RunTier(long candidateId, String tier) implements Action { }

    /** Stop every run of this candidate and forget it; no event answers this. */
    record CancelCandidate(long candidateId) implements Action { }

    /**
     * Fast-forward head to the candidate's commit (compare-and-swap from the commit it was built on) and mark
     * {@code requestIds} merged. Answered by {@link Event.Landed} or {@link Event.LandRefused}.
     *
     * <p>{@code casFromBaseOf}, when present, names an ancestor candidate whose own commit must never become
     * head (it failed a tier that this descendant, which contains it, then passed: later-pass validation).
     * The compare-and-swap then expects head at the commit <em>that ancestor</em> was built on, and
     * {@code requestIds} include the ancestor's requests. The ancestor was already cancelled, so its base
     * commit must stay readable after {@link CancelCandidate}.
     */
    record Land(long candidateId, List<Long> requestIds, OptionalLong casFromBaseOf) implements Action {
        public Land {
            requestIds = List.copyOf(requestIds);
        }

        public Land(long candidateId, List<Long> requestIds) {
            this(candidateId, requestIds, OptionalLong.empty());
        }
    }

    /** The request is out of the queue for good, with a one-sentence reason for its author. */
    record Reject(long requestId, String reason) implements Action { }

    /**
     * A candidate failed {@code tier} but no request in it was found guilty: every part of the batch passed,
     * or a later candidate containing it passed that tier. Evidence for the flaky-test model; no event
     * answers this.
     */
    record UnexplainedFailure(long candidateId, String tier, List<String> failedTests, String evidence)
            implements Action {
        public UnexplainedFailure {
            failedTests = List.copyOf(failedTests);
        }
    }
}
