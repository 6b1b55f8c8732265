package io.gatekeeper.flaky.model;

/**
 * Decides whether a failed execution is evidence of flakiness rather than of a fault in the code. The
 * caller gathers the facts from storage; the rule is here so that the live store and the benchmark agree.
 */
public final class InnocenceClassifier {

    /**
     * Facts about the other executions of the same test that bear on one failure.
     *
     * @param sameTreePassed     some execution of this test on the same tree passed
     * @param headRerunPassed    a re-run of this test on the same head tree passed
     * @param batchHadNoCulprit  the failure's batch was isolated and no culprit was found
     * @param blamedOnChange     a verdict already blamed this failure's candidate for this test
     * @param quarantinedRunPassed the test was quarantined when it failed and every other failure of its run
     *                           was judged not blocking: counted as it comes, so that the rate of a quarantined
     *                           test (never re-run, so never excused by a same-tree pass) does not drift to 0
     */
    public record Facts(boolean sameTreePassed, boolean headRerunPassed, boolean batchHadNoCulprit,
                        boolean blamedOnChange, boolean quarantinedRunPassed) {

        public Facts(boolean sameTreePassed, boolean headRerunPassed, boolean batchHadNoCulprit,
                     boolean blamedOnChange) {
            this(sameTreePassed, headRerunPassed, batchHadNoCulprit, blamedOnChange, false);
        }
    }

    private InnocenceClassifier() {
    }

    /**
     * Evidence for one failed execution. A candidate whose change was blamed for this test gives none: a pass
     * on re-run there shows the change made the test flaky, which must not lower the bar for the next change.
     * Unless isolation then refuted the blame: a test with no history is blamed on its batch at once, and when
     * every part of that batch passes the tier, no change in it made the failure.
     */
    public static Evidence classify(Execution failure, Facts facts) {
        if (!failure.failed()) {
            return Evidence.NONE;
        }
        if (facts.blamedOnChange()) {
            return facts.batchHadNoCulprit() ? Evidence.NO_CULPRIT_FOUND : Evidence.NONE;
        }
        if (failure.onHead() && facts.headRerunPassed()) {
            return Evidence.PASSED_ON_RERUN_ON_HEAD;
        }
        if (facts.sameTreePassed()) {
            return Evidence.SAME_TREE_PASSED;
        }
        if (facts.batchHadNoCulprit()) {
            return Evidence.NO_CULPRIT_FOUND;
        }
        if (facts.quarantinedRunPassed()) {
            return Evidence.QUARANTINED_RUN_PASSED;
        }
        return Evidence.NONE;
    }
}
