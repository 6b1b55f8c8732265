package io.gatekeeper.flaky.junit;

import io.gatekeeper.flaky.model.Outcome;
import io.gatekeeper.flaky.model.ParameterisedName;
import io.gatekeeper.flaky.model.TestId;
import java.time.Duration;

/**
 * One {@code <testcase>} of a report. Failure fields hold the failure or error that decided the outcome, or
 * for a test that passed after flaky attempts the first of those attempts; they are null for a plain pass.
 * Message and stack trace are truncated to {@link ParserLimits#maxKeptChars()}.
 *
 * @param suite          name of the nearest enclosing {@code <testsuite>}, "" if none
 * @param className      {@code classname} (or PHPUnit's {@code class}) attribute, "" if none
 * @param name           {@code name} attribute as reported, parameters included
 * @param duration       {@code time} attribute in seconds; zero when absent or unreadable
 * @param flakyFailures  {@code <flakyFailure>}/{@code <flakyError>} children: failed attempts before a pass
 * @param rerunFailures  {@code <rerunFailure>}/{@code <rerunError>} children: re-runs that failed again
 * @param file           {@code file} attribute of the test case or, failing that, of its suite; may be null
 */
public record TestCaseResult(String suite, String className, String name, Outcome outcome, Duration duration,
                             String failureType, String failureMessage, String stackTrace,
                             int flakyFailures, int rerunFailures, String file) {

    /** Stable identity: class and name with the invocation's parameters removed (see {@link ParameterisedName}). */
    public TestId testId() {
        return TestId.fromReport(suite, className, name);
    }

    /** The invocation's parameters, "" when the test is not parameterised. */
    public String parameters() {
        String classParams = ParameterisedName.split(className).parameters();
        return classParams + ParameterisedName.split(name).parameters();
    }

    /** True when the test passed only after failed attempts in the same run. */
    public boolean flaky() {
        return outcome == Outcome.PASS && flakyFailures > 0;
    }
}
