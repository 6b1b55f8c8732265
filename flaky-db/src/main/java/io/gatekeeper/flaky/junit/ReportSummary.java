package io.gatekeeper.flaky.junit;

/**
 * Counts of one report, by content (elements), not by the attributes tools write on suites, which count runs,
 * get trimmed, or are simply wrong.
 *
 * @param tests       {@code <testcase>} elements anywhere in the report
 * @param failures    test cases with a {@code <failure>} child and no {@code <error>}
 * @param errors      test cases with an {@code <error>} child
 * @param skipped     test cases with a {@code <skipped>} child and neither of the above
 * @param flaky       test cases that passed after {@code <flakyFailure>}/{@code <flakyError>} attempts
 * @param suiteErrors {@code <error>}/{@code <failure>} directly under a {@code <testsuite>} (a class that did
 *                    not load, a crashed process): not tests, but the report did not pass
 */
public record ReportSummary(int tests, int failures, int errors, int skipped, int flaky, int suiteErrors) {

    public ReportSummary(int tests, int failures, int errors, int skipped, int flaky) {
        this(tests, failures, errors, skipped, flaky, 0);
    }

    /** True when nothing in the report failed, including suite-level errors. */
    public boolean passed() {
        return failures == 0 && errors == 0 && suiteErrors == 0;
    }
}
