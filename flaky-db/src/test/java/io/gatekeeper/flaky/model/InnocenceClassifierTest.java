package io.gatekeeper.flaky.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeeper.flaky.model.InnocenceClassifier.Facts;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InnocenceClassifierTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final TestId ID = new TestId("C", "t");

    private static Execution run(Outcome outcome, boolean onHead) {
        return new Execution(ID, "repo", "unit", "c1", "tree1", 1, Attempt.FIRST, Scope.IN_SUITE, outcome,
                Duration.ZERO, null, "n", NOW, onHead);
    }

    @Test
    void sameTreePassed_isEvidence() {
        assertThat(InnocenceClassifier.classify(run(Outcome.FAIL, false), new Facts(true, false, false, false)))
                .isEqualTo(Evidence.SAME_TREE_PASSED);
    }

    @Test
    void headFailurePassingOnRerun_isEvidence() {
        assertThat(InnocenceClassifier.classify(run(Outcome.ERROR, true), new Facts(true, true, false, false)))
                .isEqualTo(Evidence.PASSED_ON_RERUN_ON_HEAD);
    }

    @Test
    void noCulpritInBatch_isEvidence() {
        assertThat(InnocenceClassifier.classify(run(Outcome.FAIL, false), new Facts(false, false, true, false)))
                .isEqualTo(Evidence.NO_CULPRIT_FOUND);
    }

    @Test
    void quarantinedFailureInAPassedRun_isEvidence_unlessTheChangeWasBlamed() {
        assertThat(InnocenceClassifier.classify(run(Outcome.FAIL, false),
                new Facts(false, false, false, false, true))).isEqualTo(Evidence.QUARANTINED_RUN_PASSED);
        assertThat(InnocenceClassifier.classify(run(Outcome.FAIL, false),
                new Facts(false, false, false, true, true))).isEqualTo(Evidence.NONE);
    }

    @Test
    void blamedAtFirstSight_thenNoCulpritFound_isEvidence() {
        assertThat(InnocenceClassifier.classify(run(Outcome.FAIL, false), new Facts(true, true, true, true)))
                .isEqualTo(Evidence.NO_CULPRIT_FOUND);
    }

    @Test
    void blamedCandidate_orNoFacts_isNoEvidence() {
        assertThat(InnocenceClassifier.classify(run(Outcome.FAIL, false), new Facts(true, true, false, true)))
                .isEqualTo(Evidence.NONE);
        assertThat(InnocenceClassifier.classify(run(Outcome.FAIL, false), new Facts(false, false, false, false)))
                .isEqualTo(Evidence.NONE);
        assertThat(InnocenceClassifier.classify(run(Outcome.PASS, false), new Facts(true, false, false, false)))
                .isEqualTo(Evidence.NONE);
    }
}
